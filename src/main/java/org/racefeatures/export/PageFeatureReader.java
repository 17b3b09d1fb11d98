package org.racefeatures.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Record;
import org.racefeatures.db.Sqlite;
import org.racefeatures.db.TablePages;
import org.racefeatures.features.Feature;
import org.racefeatures.features.ValueType;

/**
 * Streams {@code runner_features} as Arrow record batches by decoding the table's records straight
 * from the database file's pages ({@link TablePages}), in runner_id order, optionally for a date
 * range: the same rows, values and order as {@link SqliteFeatureReader}, without a driver call per
 * value (26 million of them for 45,000 races), which is what an export through the driver waits on.
 *
 * <p>While it reads, it holds a read transaction on its own connection, so no writer can change the
 * file. It applies only where that makes the file the whole truth and the table is the one
 * racefeatures writes: see {@link #open}; elsewhere the driver-based reader is used.
 *
 * <p>A background thread decodes chunks of {@link #CHUNK_ROWS} rows into a small queue, so decoding
 * overlaps whatever the consumer does meanwhile (DuckDB starting up, the previous batch's writing).
 */
public final class PageFeatureReader extends ChunkedFeatureReader {
  static final int CHUNK_ROWS = 65_536;
  /** Rows decoded between copies into the chunk's vectors; divides {@link #CHUNK_ROWS}. */
  private static final int BLOCK_ROWS = 1_024;
  private static final int INTEGER_COLUMN = 0;
  private static final int REAL_COLUMN = 1;
  private static final int DATE_COLUMN = 2;
  /**
   * By serial type 0 to 9 (NULL, integers of 1, 2, 3, 4, 6 and 8 bytes, a real, the constants 0
   * and 1): the bytes of the value, and how its eight bytes read big-endian from its start become
   * its value, {@code ((raw >> SHIFT) & MASK) + PLUS}; a real keeps its bits.
   */
  private static final int[] NUMBER_SIZE = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0};
  private static final int[] NUMBER_SHIFT = {0, 56, 48, 40, 32, 16, 0, 0, 0, 0};
  private static final long[] NUMBER_MASK = {0, -1, -1, -1, -1, -1, -1, -1, 0, 0};
  private static final long[] NUMBER_PLUS = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  /** Of serial types 0 to 9, as bits: those that are NULL or an integer; those that are not NULL. */
  private static final int INTEGER_TYPES = 0b11_0111_1111;
  private static final int NOT_NULL = 0b11_1111_1110;

  private final Path db;
  private final int rowsPerChunk;
  private final Connection conn;
  private final TablePages pages;
  private final int root;
  private final String low;
  private final String high;
  private final ValueType[] types;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(8);

  /**
   * A page reader of {@code runner_features} in {@code db}, or null when the table must be read
   * through the driver instead: a database in WAL mode (committed rows may be in the WAL file), or
   * a table whose columns are not exactly the export's, in order, with runner_id its rowid.
   *
   * @param from first race date, or null
   * @param to last race date, or null
   */
  public static PageFeatureReader open(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata) throws SQLException, IOException {
    return open(allocator, db, from, to, metadata, CHUNK_ROWS);
  }

  /** {@link #open}, with chunks of {@code rowsPerChunk} rows, a multiple of {@link #BLOCK_ROWS}. */
  static PageFeatureReader open(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata, int rowsPerChunk) throws SQLException, IOException {
    if (rowsPerChunk <= 0 || rowsPerChunk % BLOCK_ROWS != 0) {
      throw new IllegalArgumentException("rows per chunk must be a positive multiple of " + BLOCK_ROWS + ", got " + rowsPerChunk);
    }
    Connection conn = Sqlite.openExisting(db, true);
    try {
      if (!Sqlite.hasTable(conn, "runner_features")) {
        throw new InputException(db + ": no table runner_features to export: run generate first");
      }
      // From here to close: a read transaction, whose SHARED lock keeps writers out of the file.
      conn.setAutoCommit(false);
      TablePages.Layout layout = TablePages.layout(conn, "runner_features");
      List<String> names = FeatureSchema.columns().stream().map(Feature::name).toList();
      if (layout == null || layout.rowidAlias() != 0 || !layout.columns().equals(names)) {
        conn.close();
        return null;
      }
      TablePages pages = new TablePages(db);
      if (!pages.isTablePage(layout.root())) {
        pages.close();
        conn.close();
        return null;
      }
      return new PageFeatureReader(allocator, db, conn, pages, layout.root(), from, to, metadata, rowsPerChunk);
    } catch (SQLException | IOException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private PageFeatureReader(BufferAllocator allocator, Path db, Connection conn, TablePages pages, int root,
      LocalDate from, LocalDate to, Map<String, String> metadata, int rowsPerChunk) {
    super(allocator, metadata);
    this.db = db;
    this.rowsPerChunk = rowsPerChunk;
    this.conn = conn;
    this.pages = pages;
    this.root = root;
    this.low = from == null ? null : from.toString();
    this.high = to == null ? null : to.toString();
    this.types = FeatureSchema.columns().stream().map(Feature::type).toArray(ValueType[]::new);
    start("racefeatures-export-pages", this::decodeAll, queue);
  }

  /** The worker: decodes every row into chunks and queues them, then the end (or the failure). */
  private void decodeAll() {
    Decoder decoder = new Decoder();
    try {
      pages.scan(root, decoder);
      decoder.flush();
      queue.put(END);
    } catch (InterruptedException | Stopped e) {
      Thread.currentThread().interrupt(); // closed early: stop quietly
    } catch (Exception e) {
      queue.offer(new Chunk(null, e));
    } finally {
      decoder.discard();
    }
  }

  /** Thrown out of the visitor when the consumer stopped reading. */
  private static final class Stopped extends RuntimeException {
    Stopped(InterruptedException cause) {
      super(cause);
    }
  }

  /**
   * Decodes records into a small block of plain arrays, {@link #BLOCK_ROWS} rows at a time, and
   * copies each full block into the chunk's Arrow vectors in bulk: a call per value into a vector
   * costs more than the decoding itself. The block is small so that the row-by-row writes across
   * all the columns stay in cache: writing each row straight into the 61 columns of a 65,536-row
   * chunk (31 MB) made every few values a cache and TLB miss.
   *
   * <p>The block is flat, column after column: value {@code i} of column {@code c} is at {@code c *
   * BLOCK_ROWS + i}. An INTEGER column holds its values, a REAL column the bits of its doubles (the
   * bytes Arrow keeps), a date column its days in {@link #days}; a NULL holds 0 and a clear byte in
   * {@link #present}, which becomes the validity bits when the block is copied.
   */
  private final class Decoder implements TablePages.RowVisitor {
    private final int columns = types.length;
    /** Per column: {@link #INTEGER_COLUMN}, {@link #REAL_COLUMN} or {@link #DATE_COLUMN}. */
    private final int[] kinds = new int[columns];
    /** Per column: bit t set where serial type t (0 to 9) is allowed. */
    private final int[] numberTypes = new int[columns];
    /** Per column: bit t set where a value of serial type t is stored as a double's bits. */
    private final int[] toReal = new int[columns];
    /** The read position after a varint ({@link #varintAt}). */
    private final int[] cursor = new int[1];
    private final long[] values = new long[columns * BLOCK_ROWS];
    private final int[] days = new int[columns * BLOCK_ROWS];
    /** 1 where the value is not NULL. */
    private final byte[] present = new byte[columns * BLOCK_ROWS];
    private final byte[] validity = new byte[BLOCK_ROWS >>> 3];
    private byte[] lastDate;
    private String lastDateText;
    private int lastDay;
    /** Rows in the block. */
    private int n;
    /** The chunk being filled (null before its first block), and its rows so far. */
    private VectorSchemaRoot chunk;
    private int chunkRows;

    Decoder() {
      for (int c = 0; c < columns; c++) {
        kinds[c] = switch (types[c]) {
          case INTEGER -> INTEGER_COLUMN;
          case REAL -> REAL_COLUMN;
          default -> DATE_COLUMN;
        };
        numberTypes[c] = switch (kinds[c]) {
          case INTEGER_COLUMN -> INTEGER_TYPES;
          case REAL_COLUMN -> INTEGER_TYPES | 1 << 7;
          default -> 0; // a date is text; NULL is not allowed either
        };
        // SQLite keeps whole reals as integers (types 1-6, 8, 9); NULL's 0 is +0.0's bits anyway.
        toReal[c] = kinds[c] == REAL_COLUMN ? INTEGER_TYPES & ~1 : 0;
      }
    }

    @Override
    public void row(long rowid, byte[] b, int offset, int length) {
      decode(rowid, b, offset, length);
      String text = lastDateText;
      if ((low != null && text.compareTo(low) < 0) || (high != null && text.compareTo(high) > 0)) {
        return; // row n is overwritten by the next row
      }
      if (++n == BLOCK_ROWS) {
        copyBlock();
      }
    }

    /**
     * Splits a record into row {@code n} of the block, in one pass over its header and body: the
     * layout is known, so each serial type is read, checked against its column's type and its value
     * stored as it goes. Names the row and column of anything unexpected.
     *
     * <p>A number's serial type changes from row to row within a column (NULL, 0, 1, integers of
     * several widths, a real), so the number path does not branch on it, and the processor has no
     * such branch to mispredict: the value comes from one eight-byte big-endian load, shifted,
     * masked and offset by tables indexed by the type, and a REAL column's conversion of an
     * integer is chosen by a mask.
     */
    private void decode(long rowid, byte[] b, int offset, int length) {
      int end = offset + length;
      long headerSize = varintAt(b, offset);
      int p = cursor[0];
      if (headerSize > length) {
        throw malformed(rowid);
      }
      int headerEnd = offset + (int) headerSize;
      int body = headerEnd;
      int i = n;
      // runner_id is the rowid: the record keeps NULL in its place.
      values[i] = rowid;
      present[i] = 1;
      for (int c = 0; c < columns; c++) {
        long s = 0; // columns past the record's header read as NULL
        if (p < headerEnd) {
          s = b[p];
          if (s >= 0) {
            p++; // a one-byte serial type: all of this table's but long texts
          } else {
            s = varintAt(b, p);
            p = cursor[0];
          }
        }
        int at = c * BLOCK_ROWS + i;
        if (s >= 0 && s <= 9) { // NULL or a number; a negative type (a corrupt varint) is malformed below
          int t = (int) s;
          int size = NUMBER_SIZE[t];
          if (body + size > end) {
            throw malformed(rowid);
          }
          if (c > 0) {
            if (((numberTypes[c] >>> t) & 1) == 0) {
              throw wrongNumber(rowid, c, t);
            }
            long raw = Record.longAt(b, body);
            long v = ((raw >> NUMBER_SHIFT[t]) & NUMBER_MASK[t]) + NUMBER_PLUS[t];
            long toDouble = -(long) ((toReal[c] >>> t) & 1);
            values[at] = (Double.doubleToRawLongBits((double) v) & toDouble) | (v & ~toDouble);
            present[at] = (byte) ((NOT_NULL >>> t) & 1);
          }
          body += size;
        } else {
          long size = Record.valueSize(s);
          if (size < 0 || body + size > end) {
            throw malformed(rowid);
          }
          if (c > 0) {
            if (kinds[c] != DATE_COLUMN) {
              throw unexpected(rowid, c, "TEXT or a BLOB");
            }
            days[at] = day(rowid, c, b, body, s);
            present[at] = 1;
          }
          body += (int) size;
        }
      }
    }

    /** Why serial type {@code t} (0 to 9), not allowed in column {@code c}, is wrong there. */
    private RuntimeException wrongNumber(long rowid, int c, int t) {
      if (kinds[c] == DATE_COLUMN) {
        return unexpected(rowid, c, t == 0 ? "NULL" : "a number or a BLOB, not a 'YYYY-MM-DD' text");
      }
      return unexpected(rowid, c, "a REAL"); // the one number an INTEGER column may not hold
    }

    /**
     * The varint at {@code p}, leaving the position after it in {@link #cursor}. Header entries are
     * nearly always one byte, read here without {@link Record#varint}'s loop.
     */
    private long varintAt(byte[] b, int p) {
      long x = b[p] & 0xFF;
      if (x < 0x80) {
        cursor[0] = p + 1;
        return x;
      }
      cursor[0] = p;
      return Record.varint(b, cursor);
    }

    /** The race date of column {@code c}, text of serial type {@code s} at {@code body}, as days since 1970-01-01. */
    private int day(long rowid, int c, byte[] b, int body, long s) {
      if (!Record.isTextType(s)) {
        throw unexpected(rowid, c, "a number or a BLOB, not a 'YYYY-MM-DD' text");
      }
      int length = (int) Record.valueSize(s);
      // Rows come in runner_id order, which is nearly date order: the last date mostly repeats.
      if (lastDate == null || !Arrays.equals(b, body, body + length, lastDate, 0, lastDate.length)) {
        String text = new String(b, body, length, StandardCharsets.UTF_8);
        try {
          lastDay = (int) LocalDate.parse(text).toEpochDay();
        } catch (DateTimeParseException e) {
          throw unexpected(rowid, c, "'" + text + "', not a date");
        }
        lastDate = Arrays.copyOfRange(b, body, body + length);
        lastDateText = text;
      }
      return lastDay;
    }

    private RuntimeException malformed(long rowid) {
      return new InputException(db + ": table runner_features, row runner_id=" + rowid + ": a malformed record");
    }

    /** Copies the block's rows into the chunk (starting one if needed), and queues a full chunk. */
    private void copyBlock() throws Stopped {
      if (n == 0) {
        return;
      }
      if (chunk == null) {
        chunk = VectorSchemaRoot.create(readSchema(), allocator);
        for (FieldVector v : chunk.getFieldVectors()) {
          ((BaseFixedWidthVector) v).allocateNew(rowsPerChunk);
        }
      }
      List<FieldVector> vectors = chunk.getFieldVectors();
      int bytes = (n + 7) >>> 3;
      for (int c = 0; c < columns; c++) {
        BaseFixedWidthVector v = (BaseFixedWidthVector) vectors.get(c);
        ByteBuffer data = v.getDataBuffer().nioBuffer(0, rowsPerChunk * v.getTypeWidth()).order(ByteOrder.nativeOrder());
        int from = c * BLOCK_ROWS;
        if (kinds[c] == DATE_COLUMN) {
          data.asIntBuffer().put(chunkRows, days, from, n);
        } else {
          data.asLongBuffer().put(chunkRows, values, from, n); // a double's bits are its bytes
        }
        Arrays.fill(validity, (byte) 0);
        for (int i = 0; i < n; i++) {
          validity[i >>> 3] |= (byte) (present[from + i] << (i & 7));
        }
        // chunkRows is a whole number of blocks, so the block's bits start on a byte.
        v.getValidityBuffer().setBytes(chunkRows >>> 3, validity, 0, bytes);
      }
      chunkRows += n;
      n = 0;
      if (chunkRows == rowsPerChunk) {
        queueChunk();
      }
    }

    /** Copies what is left of the last block and queues the last chunk. */
    void flush() throws Stopped {
      copyBlock();
      if (chunk != null) {
        queueChunk();
      }
    }

    private void queueChunk() throws Stopped {
      VectorSchemaRoot full = chunk;
      chunk = null;
      full.setRowCount(chunkRows);
      chunkRows = 0;
      try {
        queue.put(new Chunk(full, null));
      } catch (InterruptedException e) {
        full.close(); // nobody will take it
        throw new Stopped(e);
      }
    }

    /** Releases a chunk left half-filled by a failure. */
    void discard() {
      if (chunk != null) {
        chunk.close();
        chunk = null;
      }
    }

    private RuntimeException unexpected(long rowid, int column, String what) {
      return new InputException(db + ": table runner_features, row runner_id=" + rowid + ", column "
          + FeatureSchema.columns().get(column).name() + ": holds " + what + " where "
          + types[column] + " is expected");
    }
  }

  @Override
  Chunk next() throws InterruptedException {
    return queue.take();
  }

  @Override
  void closeSource() throws IOException {
    try (conn) {
      pages.close();
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }
}
