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

  private final Path db;
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
      return new PageFeatureReader(allocator, db, conn, pages, layout.root(), from, to, metadata);
    } catch (SQLException | IOException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private PageFeatureReader(BufferAllocator allocator, Path db, Connection conn, TablePages pages, int root,
      LocalDate from, LocalDate to, Map<String, String> metadata) {
    super(allocator, metadata);
    this.db = db;
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
    }
  }

  /** Thrown out of the visitor when the consumer stopped reading. */
  private static final class Stopped extends RuntimeException {
    Stopped(InterruptedException cause) {
      super(cause);
    }
  }

  /**
   * Decodes records into plain arrays, one per column, and copies each full chunk into Arrow
   * vectors in bulk: a call per value into a vector costs more than the decoding itself.
   */
  private final class Decoder implements TablePages.RowVisitor {
    private final int columns = types.length;
    private final Record record = new Record(columns);
    /** Per column of the chunk: its values (by the column's type) and its validity bits. */
    private final long[][] longs = new long[columns][];
    private final double[][] doubles = new double[columns][];
    private final int[][] days = new int[columns][];
    private final byte[][] valid = new byte[columns][CHUNK_ROWS >>> 3];
    private byte[] lastDate;
    private String lastDateText;
    private int lastDay;
    private int n;

    Decoder() {
      for (int c = 0; c < columns; c++) {
        switch (types[c]) {
          case INTEGER -> longs[c] = new long[CHUNK_ROWS];
          case REAL -> doubles[c] = new double[CHUNK_ROWS];
          default -> days[c] = new int[CHUNK_ROWS];
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
      if (++n == CHUNK_ROWS) {
        flush();
      }
    }

    /**
     * Splits a record into row {@code n} of the chunk; names the row and column of anything
     * unexpected. A NULL leaves its value 0 and its validity bit clear.
     */
    private void decode(long rowid, byte[] b, int offset, int length) {
      if (!record.parse(b, offset, length)) {
        throw new InputException(db + ": table runner_features, row runner_id=" + rowid + ": a malformed record");
      }
      int i = n;
      int at = i >>> 3;
      byte bit = (byte) (1 << (i & 7));
      // runner_id is the rowid: the record keeps NULL in its place.
      longs[0][i] = rowid;
      valid[0][at] |= bit;
      for (int c = 1; c < columns; c++) {
        if (record.isNull(c)) {
          if (types[c] == ValueType.INTEGER) {
            longs[c][i] = 0;
          } else if (types[c] == ValueType.REAL) {
            doubles[c][i] = 0;
          } else {
            throw unexpected(rowid, c, "NULL");
          }
          continue;
        }
        if (types[c] == ValueType.INTEGER) {
          if (!record.isInteger(c)) {
            throw unexpected(rowid, c, record.isReal(c) ? "a REAL" : "TEXT or a BLOB");
          }
          longs[c][i] = record.integer(c);
        } else if (types[c] == ValueType.REAL) {
          if (!record.isReal(c) && !record.isInteger(c)) {
            throw unexpected(rowid, c, "TEXT or a BLOB");
          }
          doubles[c][i] = record.number(c); // SQLite keeps whole reals as integers
        } else {
          days[c][i] = day(rowid, c);
        }
        valid[c][at] |= bit;
      }
    }

    /** The race date of column {@code c} as days since 1970-01-01. */
    private int day(long rowid, int c) {
      if (!record.isText(c)) {
        throw unexpected(rowid, c, "a number or a BLOB, not a 'YYYY-MM-DD' text");
      }
      if (lastDate == null || !record.textIs(c, lastDate)) {
        // Rows come in runner_id order, which is nearly date order: the last date mostly repeats.
        String text = record.text(c);
        try {
          lastDay = (int) LocalDate.parse(text).toEpochDay();
        } catch (DateTimeParseException e) {
          throw unexpected(rowid, c, "'" + text + "', not a date");
        }
        lastDate = text.getBytes(StandardCharsets.UTF_8);
        lastDateText = text;
      }
      return lastDay;
    }

    /** Copies the chunk's rows into new vectors and queues them. */
    void flush() throws Stopped {
      if (n == 0) {
        return;
      }
      VectorSchemaRoot full = VectorSchemaRoot.create(readSchema(), allocator);
      try {
        List<FieldVector> vectors = full.getFieldVectors();
        int bytes = (n + 7) >>> 3;
        for (int c = 0; c < columns; c++) {
          FieldVector v = vectors.get(c);
          ((BaseFixedWidthVector) v).allocateNew(n);
          ByteBuffer data = v.getDataBuffer().nioBuffer(0, n * ((BaseFixedWidthVector) v).getTypeWidth())
              .order(ByteOrder.nativeOrder());
          switch (types[c]) {
            case INTEGER -> data.asLongBuffer().put(longs[c], 0, n);
            case REAL -> data.asDoubleBuffer().put(doubles[c], 0, n);
            default -> data.asIntBuffer().put(days[c], 0, n);
          }
          v.getValidityBuffer().setBytes(0, valid[c], 0, bytes);
          Arrays.fill(valid[c], 0, bytes, (byte) 0);
        }
        full.setRowCount(n);
      } catch (RuntimeException e) {
        full.close();
        throw e;
      }
      n = 0;
      try {
        queue.put(new Chunk(full, null));
      } catch (InterruptedException e) {
        full.close(); // nobody will take it
        throw new Stopped(e);
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
