package org.racefeatures.write;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds, in memory, the bytes of an SQLite database file that holds one rowid table, written
 * directly in SQLite's documented file format (https://www.sqlite.org/fileformat2.html): the
 * 100-byte header, the schema table on page 1, the table's b-tree rooted at page 2.
 *
 * <p>Rows are appended in strictly increasing rowid order; leaves are packed full and the interior
 * levels are built bottom-up. The result is meant for {@code sqlite3_deserialize}: it is read by
 * SQLite, never written to in place.
 *
 * <p>Values are stored as SQLite stores them: integers in the smallest serial type that holds them
 * (0 and 1 as serial types 8 and 9, schema format 4), reals as 8-byte IEEE floats or, when whole
 * and within ±2^47, as integers (SQLite's rule for REAL affinity), text as UTF-8, and the INTEGER
 * PRIMARY KEY column as NULL in the record (its value is the rowid).
 *
 * <p>Not thread-safe: one builder per batch, on the thread that encodes it.
 */
final class SqliteImage {
  static final int PAGE_SIZE = 4096;
  /** Largest payload kept on a table leaf page ({@code U - 35}); longer rows would need overflow pages. */
  private static final int MAX_LOCAL = PAGE_SIZE - 35;
  private static final int LEAF_HEADER = 8;
  private static final int INTERIOR_HEADER = 12;
  private static final byte LEAF_TABLE = 0x0D;
  private static final byte INTERIOR_TABLE = 0x05;
  /** The SQLite version recorded in the header ("version-valid-for" / writer version). */
  private static final int SQLITE_VERSION_NUMBER = 3_046_001;
  /** Bound of the whole REAL values SQLite stores as integers. */
  private static final long REAL_AS_INTEGER = 1L << 47;
  /** Bytes of integer serial types 0 to 6. */
  private static final int[] INTEGER_BYTES = {0, 1, 2, 3, 4, 6, 8};
  /** The smallest integer serial type for a value whose magnitude has this many leading zero bits. */
  private static final int[] INTEGER_TYPE = new int[65];

  static {
    for (int zeros = 0; zeros <= 64; zeros++) {
      int bytes = (64 - zeros + 1 + 7) / 8; // magnitude bits plus a sign bit
      INTEGER_TYPE[zeros] = bytes <= 4 ? bytes : bytes <= 6 ? 5 : 6;
    }
  }

  /** Eight bytes at once, big-endian as records store numbers. */
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final String tableName;
  private final String createSql;
  private final int columns;

  /** Finished leaves, in rowid order, with the largest rowid of each. */
  private final List<byte[]> leaves = new ArrayList<>();
  private final List<Long> leafMaxRowid = new ArrayList<>();

  private byte[] page = newPage();
  private int cells;
  private int contentStart = PAGE_SIZE;
  private long lastRowid;
  private boolean anyRow;

  // The row being built: serial types of its columns and the bytes of its body.
  /** The record header's serial types so far, as varints. */
  private final byte[] header;
  private int headerLength;
  private int column;
  private byte[] body = new byte[1024];
  private int bodyLength;
  private long rowid;

  /**
   * @param createSql the table's {@code CREATE TABLE} statement, exactly as SQLite would keep it in
   *     its schema; the table's first column must be its INTEGER PRIMARY KEY
   */
  SqliteImage(String tableName, String createSql, int columns) {
    this.tableName = tableName;
    this.createSql = createSql;
    this.columns = columns;
    this.header = new byte[9 * columns];
  }

  /**
   * Starts a row with this rowid. The caller then adds one value per column, the INTEGER PRIMARY
   * KEY column as {@link #addNull()}: SQLite keeps that column's value only as the rowid.
   */
  void beginRow(long rowid) {
    if (anyRow && rowid <= lastRowid) {
      throw new IllegalArgumentException("rowid " + rowid + " after " + lastRowid + ": rows must come in increasing rowid order");
    }
    this.rowid = rowid;
    column = 0;
    headerLength = 0;
    bodyLength = 0;
    // Room for every number of the row (at most eight bytes each) and the eight bytes a store
    // writes: adding a number never checks for room; only text does.
    ensureBody(8 * columns + 8);
  }

  void addNull() {
    serial(0);
  }

  private void serial(long type) {
    if (type < 0x80) {
      header[headerLength++] = (byte) type;
    } else {
      headerLength = putVarint(header, headerLength, type);
    }
    column++;
  }

  void addLong(long v) {
    if (v == 0) {
      serial(8);
      return;
    }
    if (v == 1) {
      serial(9);
      return;
    }
    // The serial type from the value's width, by table rather than by a chain of branches: which
    // widths a run meets depends on its ids, and a width first met late would recompile this code.
    int type = INTEGER_TYPE[Long.numberOfLeadingZeros(v < 0 ? ~v : v)];
    int bytes = INTEGER_BYTES[type];
    serial(type);
    // The value's low bytes, big-endian, in one eight-byte store of the value shifted to the top
    // (the bytes past it are overwritten by the next value or ignored). No loop: a loop over the
    // width made the JIT recompile the encoder when wider values appeared.
    BIG_ENDIAN_LONG.set(body, bodyLength, v << (64 - 8 * bytes));
    bodyLength += bytes;
  }

  /**
   * Adds a value of a REAL column. As SQLite does for REAL affinity, a whole value within ±2^47 is
   * stored as an integer (fewer bytes); SQLite turns it back into a REAL when it reads the column.
   */
  void addDouble(double v) {
    long whole = (long) v;
    if (whole == v && whole > -REAL_AS_INTEGER && whole < REAL_AS_INTEGER) {
      addLong(whole);
      return;
    }
    serial(7);
    BIG_ENDIAN_LONG.set(body, bodyLength, Double.doubleToRawLongBits(v));
    bodyLength += 8;
  }

  /** Adds a text value given as its UTF-8 bytes. */
  void addText(byte[] utf8) {
    serial(2L * utf8.length + 13);
    ensureBody(utf8.length + 8 * (columns - column) + 8); // keep the room beginRow promised
    System.arraycopy(utf8, 0, body, bodyLength, utf8.length);
    bodyLength += utf8.length;
  }

  /** Finishes the row begun by {@link #beginRow}: every column must have had a value. */
  void endRow() {
    if (column != columns) {
      throw new IllegalStateException("row " + rowid + " has " + column + " values for " + columns + " columns");
    }
    int n = cellLength(rowid);
    if (LEAF_HEADER + 2 * (cells + 1) > contentStart - n) {
      closeLeaf();
    }
    contentStart -= n;
    writeCell(page, contentStart, rowid);
    putShort(page, LEAF_HEADER + 2 * cells, contentStart);
    cells++;
    lastRowid = rowid;
    anyRow = true;
  }

  /** Bytes of the record: its header (its own size, then the serial types) and its values. */
  private int payloadLength() {
    // The header's size counts the varint that holds it.
    int size = headerLength + (varintLength(headerLength + 1) == 1 ? 1 : varintLength(headerLength + 2));
    return size + bodyLength;
  }

  /** Bytes of the current row as a table leaf cell: payload size, rowid, record. */
  private int cellLength(long key) {
    int payload = payloadLength();
    if (payload > MAX_LOCAL) {
      throw new IllegalStateException("row " + key + " is " + payload + " bytes: longer than one page holds");
    }
    return varintLength(payload) + varintLength(key) + payload;
  }

  /** Writes the current row as a table leaf cell at {@code at}. */
  private void writeCell(byte[] out, int at, long key) {
    int payload = payloadLength();
    int n = putVarint(out, at, payload);
    n = putVarint(out, n, key);
    n = putVarint(out, n, payload - bodyLength);
    System.arraycopy(header, 0, out, n, headerLength);
    System.arraycopy(body, 0, out, n + headerLength, bodyLength);
  }

  /** The database file. */
  byte[] finish() {
    if (cells > 0 || leaves.isEmpty()) {
      closeLeaf();
    }
    // Pages: 1 is the schema, 2 the table's root, then the other pages in the order made.
    List<byte[]> others = new ArrayList<>();
    byte[] root;
    if (leaves.size() == 1) {
      root = leaves.get(0);
    } else {
      List<byte[]> level = leaves;
      List<Long> maxRowid = leafMaxRowid;
      List<Integer> numbers = new ArrayList<>();
      for (byte[] leaf : level) {
        others.add(leaf);
        numbers.add(2 + others.size());
      }
      while (true) {
        List<byte[]> upper = new ArrayList<>();
        List<Long> upperMax = new ArrayList<>();
        interiorLevel(numbers, maxRowid, upper, upperMax);
        if (upper.size() == 1) {
          root = upper.get(0);
          break;
        }
        numbers = new ArrayList<>();
        for (byte[] p : upper) {
          others.add(p);
          numbers.add(2 + others.size());
        }
        maxRowid = upperMax;
      }
    }
    int pageCount = 2 + others.size();
    byte[] file = new byte[pageCount * PAGE_SIZE];
    writeSchemaPage(file, pageCount);
    System.arraycopy(root, 0, file, PAGE_SIZE, PAGE_SIZE);
    for (int i = 0; i < others.size(); i++) {
      System.arraycopy(others.get(i), 0, file, (2 + i) * PAGE_SIZE, PAGE_SIZE);
    }
    return file;
  }

  private void closeLeaf() {
    page[0] = LEAF_TABLE;
    putShort(page, 3, cells);
    putShort(page, 5, contentStart); // an empty page: the page size (0 would mean 65536)
    leaves.add(page);
    leafMaxRowid.add(lastRowid);
    page = newPage();
    cells = 0;
    contentStart = PAGE_SIZE;
  }

  /** Children an interior page can hold for certain: cells of at most 13 bytes plus a 2-byte pointer, and the right-most child. */
  private static final int MAX_CHILDREN = (PAGE_SIZE - INTERIOR_HEADER) / (13 + 2) + 1;

  /**
   * Packs children into interior pages, spread evenly so that every page has at least two: each
   * child but a page's last gets a cell (its page number and the largest rowid under it); the last
   * is the page's right-most pointer.
   */
  private static void interiorLevel(List<Integer> children, List<Long> childMax, List<byte[]> out,
      List<Long> outMax) {
    int m = children.size();
    int pages = (m + MAX_CHILDREN - 1) / MAX_CHILDREN;
    byte[] buf = new byte[13];
    int i = 0;
    for (int k = 0; k < pages; k++) {
      int take = (m - i) / (pages - k); // even shares; never fewer than two when m >= 2
      byte[] p = newPage();
      int start = PAGE_SIZE;
      for (int count = 0; count < take - 1; count++, i++) {
        int n = putInt(buf, 0, children.get(i));
        n = putVarint(buf, n, childMax.get(i));
        start -= n;
        System.arraycopy(buf, 0, p, start, n);
        putShort(p, INTERIOR_HEADER + 2 * count, start);
      }
      p[0] = INTERIOR_TABLE;
      putShort(p, 3, take - 1);
      putShort(p, 5, start);
      putInt(p, 8, children.get(i));
      out.add(p);
      outMax.add(childMax.get(i));
      i++;
    }
  }

  private void writeSchemaPage(byte[] file, int pageCount) {
    byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, file, 0, magic.length);
    putShort(file, 16, PAGE_SIZE);
    file[18] = 1; // file format write version: rollback journal
    file[19] = 1; // read version
    file[20] = 0; // reserved bytes per page
    file[21] = 64; // maximum embedded payload fraction (fixed)
    file[22] = 32; // minimum embedded payload fraction (fixed)
    file[23] = 32; // leaf payload fraction (fixed)
    putInt(file, 24, 1); // file change counter
    putInt(file, 28, pageCount); // database size in pages, valid since 92 equals 24
    putInt(file, 40, 1); // schema cookie
    putInt(file, 44, 4); // schema format 4: serial types 8 and 9 allowed
    putInt(file, 56, 1); // text encoding: UTF-8
    putInt(file, 92, 1); // version-valid-for: the change counter above
    putInt(file, 96, SQLITE_VERSION_NUMBER);

    // sqlite_schema: one row, (type, name, tbl_name, rootpage, sql) = this table at page 2.
    SqliteImage schema = new SqliteImage("sqlite_schema", "", 5);
    byte[] name = tableName.getBytes(StandardCharsets.UTF_8);
    schema.beginRow(1);
    schema.addText("table".getBytes(StandardCharsets.US_ASCII));
    schema.addText(name);
    schema.addText(name);
    schema.addLong(2);
    schema.addText(createSql.getBytes(StandardCharsets.UTF_8));
    int start = PAGE_SIZE - schema.cellLength(1);
    if (start < 100 + LEAF_HEADER + 2) {
      throw new IllegalStateException("CREATE TABLE statement too long for the schema page");
    }
    schema.writeCell(file, start, 1);
    file[100] = LEAF_TABLE;
    putShort(file, 103, 1);
    putShort(file, 105, start);
    putShort(file, 108, start);
  }

  private void ensureBody(int more) {
    if (bodyLength + more > body.length) {
      body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + more));
    }
  }

  private static byte[] newPage() {
    return new byte[PAGE_SIZE];
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static int putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
    return at + 4;
  }

  /** Bytes of SQLite's big-endian variable-length integer for {@code v} (as unsigned). */
  static int varintLength(long v) {
    // Arithmetic, not a branch per width: a branch first taken when rowids grow past a width
    // (2^14, say) made the JIT throw away and recompile the row encoder mid-run.
    int bits = 64 - Long.numberOfLeadingZeros(v | 1);
    return bits > 56 ? 9 : (bits + 6) / 7; // seven bits a byte; past 56 bits, nine bytes
  }

  /**
   * Writes SQLite's varint of {@code v} at {@code at}; returns the offset after it. Up to four bytes
   * without a loop.
   */
  static int putVarint(byte[] b, int at, long v) {
    if ((v & ~0x7FL) == 0) {
      b[at] = (byte) v;
      return at + 1;
    }
    if ((v & ~0x3FFFL) == 0) {
      b[at] = (byte) ((v >>> 7) | 0x80);
      b[at + 1] = (byte) (v & 0x7F);
      return at + 2;
    }
    if ((v & ~0x1F_FFFFL) == 0) {
      b[at] = (byte) ((v >>> 14) | 0x80);
      b[at + 1] = (byte) ((v >>> 7) | 0x80);
      b[at + 2] = (byte) (v & 0x7F);
      return at + 3;
    }
    if ((v & ~0xFFF_FFFFL) == 0) {
      b[at] = (byte) ((v >>> 21) | 0x80);
      b[at + 1] = (byte) ((v >>> 14) | 0x80);
      b[at + 2] = (byte) ((v >>> 7) | 0x80);
      b[at + 3] = (byte) (v & 0x7F);
      return at + 4;
    }
    return putLongVarint(b, at, v);
  }

  private static int putLongVarint(byte[] b, int at, long v) {
    if ((v & 0xFF00_0000_0000_0000L) != 0) {
      // Nine bytes: eight of seven bits, then a last byte of all eight.
      b[at + 8] = (byte) v;
      v >>>= 8;
      for (int i = 7; i >= 0; i--) {
        b[at + i] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      return at + 9;
    }
    int n = varintLength(v);
    for (int i = n - 1; i >= 0; i--) {
      b[at + i] = (byte) ((v & 0x7F) | (i == n - 1 ? 0 : 0x80));
      v >>>= 7;
    }
    return at + n;
  }
}
