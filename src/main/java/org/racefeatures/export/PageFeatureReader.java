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
   * Decodes records into small plain arrays, one per column, a block of {@link #BLOCK_ROWS} rows at
   * a time, and copies each full block into the chunk's Arrow vectors in bulk: a call per value
   * into a vector costs more than the decoding itself. The block is small so that the row-by-row
   * writes across all the columns stay in cache: writing each row straight into the 61 columns of
   * a 65,536-row chunk (31 MB) made every few values a cache and TLB miss (a warm read of the
   * 45,000-race table took about 0.8 s that way, 0.6 s in blocks).
   */
  private final class Decoder implements TablePages.RowVisitor {
    private final int columns = types.length;
    /** Per column: {@link #INTEGER_COLUMN}, {@link #REAL_COLUMN} or {@link #DATE_COLUMN}. */
    private final int[] kinds = new int[columns];
    /** The read position after a varint ({@link #varintAt}). */
    private final int[] cursor = new int[1];
    /** Per column of the block: its values (by the column's type) and its validity bits. */
    private final long[][] longs = new long[columns][];
    private final double[][] doubles = new double[columns][];
    private final int[][] days = new int[columns][];
    private final byte[][] valid = new byte[columns][BLOCK_ROWS >>> 3];
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
        switch (types[c]) {
          case INTEGER -> {
            longs[c] = new long[BLOCK_ROWS];
            kinds[c] = INTEGER_COLUMN;
          }
          case REAL -> {
            doubles[c] = new double[BLOCK_ROWS];
            kinds[c] = REAL_COLUMN;
          }
          default -> {
            days[c] = new int[BLOCK_ROWS];
            kinds[c] = DATE_COLUMN;
          }
        }
      }
    }

    @Override
    public void row(long rowid, byte[] b, int offset, int length) {
      decode(rowid, b, offset, length);
      String text = lastDateText;
      if ((low != null && text.compareTo(low) < 0) || (high != null && text.compareTo(high) > 0)) {
        int bit = ~(1 << (n & 7));
        for (int c = 0; c < columns; c++) {
          valid[c][n >>> 3] &= (byte) bit;
        }
        return;
      }
      if (++n == BLOCK_ROWS) {
        copyBlock();
      }
    }

    /**
     * Splits a record into row {@code n} of the block, in one pass over its header and body: the
     * layout is known, so each serial type is read, checked against its column's type and its value
     * stored as it goes. Names the row and column of anything unexpected. A NULL leaves its value 0
     * and its validity bit clear.
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
      int at = i >>> 3;
      byte bit = (byte) (1 << (i & 7));
      // runner_id is the rowid: the record keeps NULL in its place.
      longs[0][i] = rowid;
      valid[0][at] |= bit;
      for (int c = 0; c < columns; c++) {
        long s = 0; // columns past the record's header read as NULL
        if (p < headerEnd) {
          s = varintAt(b, p);
          p = cursor[0];
        }
        long size = Record.valueSize(s);
        if (size < 0 || body + size > end) {
          throw malformed(rowid);
        }
        if (c > 0) {
          store(rowid, c, i, b, body, s);
          if (s != 0) {
            valid[c][at] |= bit;
          }
        }
        body += (int) size;
      }
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

    /** Stores the value of serial type {@code s} at {@code body} as row {@code i} of column {@code c}. */
    private void store(long rowid, int c, int i, byte[] b, int body, long s) {
      boolean integer = Record.isIntegerType(s);
      switch (kinds[c]) {
        case INTEGER_COLUMN -> {
          if (integer) {
            longs[c][i] = Record.integerAt(b, body, s);
          } else if (s == 0) {
            longs[c][i] = 0;
          } else {
            throw unexpected(rowid, c, s == 7 ? "a REAL" : "TEXT or a BLOB");
          }
        }
        case REAL_COLUMN -> {
          if (s == 7) {
            doubles[c][i] = Record.realAt(b, body);
          } else if (integer) {
            doubles[c][i] = Record.integerAt(b, body, s); // SQLite keeps whole reals as integers
          } else if (s == 0) {
            doubles[c][i] = 0;
          } else {
            throw unexpected(rowid, c, "TEXT or a BLOB");
          }
        }
        default -> days[c][i] = day(rowid, c, b, body, s);
      }
    }

    /** The race date of column {@code c}, text of serial type {@code s} at {@code body}, as days since 1970-01-01. */
    private int day(long rowid, int c, byte[] b, int body, long s) {
      if (s == 0) {
        throw unexpected(rowid, c, "NULL");
      }
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
        switch (kinds[c]) {
          case INTEGER_COLUMN -> data.asLongBuffer().put(chunkRows, longs[c], 0, n);
          case REAL_COLUMN -> data.asDoubleBuffer().put(chunkRows, doubles[c], 0, n);
          default -> data.asIntBuffer().put(chunkRows, days[c], 0, n);
        }
        // chunkRows is a whole number of blocks, so the block's bits start on a byte.
        v.getValidityBuffer().setBytes(chunkRows >>> 3, valid[c], 0, bytes);
        Arrays.fill(valid[c], 0, bytes, (byte) 0);
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
