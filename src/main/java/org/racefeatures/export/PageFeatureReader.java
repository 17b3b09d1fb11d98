package org.racefeatures.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
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
      decoder.discard();
      Thread.currentThread().interrupt(); // closed early: stop quietly
    } catch (Exception e) {
      decoder.discard();
      queue.offer(new Chunk(null, e));
    }
  }

  /** Thrown out of the visitor when the consumer stopped reading. */
  private static final class Stopped extends RuntimeException {
    Stopped(InterruptedException cause) {
      super(cause);
    }
  }

  /** Decodes records into the current chunk; hands each full chunk to the queue. */
  private final class Decoder implements TablePages.RowVisitor {
    private final int columns = types.length;
    private final Record record = new Record(columns);
    private final long[] longs = new long[columns];
    private final double[] doubles = new double[columns];
    private final boolean[] isNull = new boolean[columns];
    private byte[] lastDate;
    private String lastDateText;
    private int lastDay;
    private VectorSchemaRoot chunk;
    private FieldVector[] vectors;
    private int n;

    @Override
    public void row(long rowid, byte[] b, int offset, int length) {
      decode(rowid, b, offset, length);
      String text = lastDateText;
      if ((low != null && text.compareTo(low) < 0) || (high != null && text.compareTo(high) > 0)) {
        return;
      }
      if (chunk == null) {
        chunk = VectorSchemaRoot.create(readSchema(), allocator);
        chunk.getFieldVectors().forEach(v -> v.setInitialCapacity(CHUNK_ROWS));
        chunk.allocateNew();
        vectors = chunk.getFieldVectors().toArray(new FieldVector[0]);
        n = 0;
      }
      for (int c = 0; c < columns; c++) {
        FieldVector v = vectors[c];
        if (isNull[c]) {
          v.setNull(n);
        } else if (types[c] == ValueType.INTEGER) {
          ((BigIntVector) v).set(n, longs[c]);
        } else if (types[c] == ValueType.REAL) {
          ((Float8Vector) v).set(n, doubles[c]);
        } else {
          ((DateDayVector) v).set(n, lastDay);
        }
      }
      if (++n == CHUNK_ROWS) {
        flush();
      }
    }

    /** Splits a record into this row's values; names the row and column of anything unexpected. */
    private void decode(long rowid, byte[] b, int offset, int length) {
      if (!record.parse(b, offset, length)) {
        throw new InputException(db + ": table runner_features, row runner_id=" + rowid + ": a malformed record");
      }
      // runner_id is the rowid: the record keeps NULL in its place.
      longs[0] = rowid;
      isNull[0] = false;
      for (int c = 1; c < columns; c++) {
        isNull[c] = record.isNull(c);
        if (isNull[c]) {
          if (types[c] == ValueType.TEXT) {
            throw unexpected(rowid, c, "NULL");
          }
        } else if (types[c] == ValueType.INTEGER) {
          if (!record.isInteger(c)) {
            throw unexpected(rowid, c, record.isReal(c) ? "a REAL" : "TEXT or a BLOB");
          }
          longs[c] = record.integer(c);
        } else if (types[c] == ValueType.REAL) {
          if (!record.isReal(c) && !record.isInteger(c)) {
            throw unexpected(rowid, c, "TEXT or a BLOB");
          }
          doubles[c] = record.number(c); // SQLite keeps whole reals as integers
        } else if (!record.isText(c)) {
          throw unexpected(rowid, c, "a number or a BLOB, not a 'YYYY-MM-DD' text");
        } else if (lastDate == null || !record.textIs(c, lastDate)) {
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
      }
    }

    void flush() throws Stopped {
      if (chunk == null) {
        return;
      }
      chunk.setRowCount(n);
      VectorSchemaRoot full = chunk;
      chunk = null;
      try {
        queue.put(new Chunk(full, null));
      } catch (InterruptedException e) {
        full.close(); // nobody will take it
        throw new Stopped(e);
      }
    }

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
