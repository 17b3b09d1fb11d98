package org.racefeatures.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;
import org.racefeatures.db.InputException;
import org.racefeatures.db.TablePages;
import org.racefeatures.db.Sqlite;
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
public final class PageFeatureReader extends ArrowReader implements FailingSource {
  static final int CHUNK_ROWS = 65_536;

  private record Chunk(VectorSchemaRoot root, Exception failure) {}

  private static final Chunk END = new Chunk(null, null);

  private final Path db;
  private final Connection conn;
  private final TablePages pages;
  private final int root;
  private final String low;
  private final String high;
  private final Map<String, String> metadata;
  private final ValueType[] types;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(8);
  private final Thread worker;
  private boolean done;
  private long rows;
  private Exception failure;

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
      int root = -1;
      try (Statement st = conn.createStatement()) {
        try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
          if (!rs.next() || "wal".equalsIgnoreCase(rs.getString(1))) {
            conn.close();
            return null;
          }
        }
        if (!layoutIsOurs(conn)) {
          conn.close();
          return null;
        }
        // From here to close: a read transaction, whose SHARED lock keeps writers out of the file.
        conn.setAutoCommit(false);
        try (ResultSet rs = st.executeQuery(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'runner_features'")) {
          if (rs.next()) {
            root = rs.getInt(1);
          }
        }
      }
      TablePages pages = new TablePages(db);
      int type = root < 1 ? -1 : pages.pageType(root);
      if (type != 0x05 && type != 0x0D) {
        pages.close();
        conn.close();
        return null;
      }
      return new PageFeatureReader(allocator, db, conn, pages, root, from, to, metadata);
    } catch (SQLException | IOException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  /** Whether the table has exactly the export's columns, in order, with runner_id its rowid. */
  private static boolean layoutIsOurs(Connection conn) throws SQLException {
    List<Feature> columns = FeatureSchema.columns();
    List<String> names = new ArrayList<>();
    boolean rowidKey = false;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA table_info(runner_features)")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
        if (names.size() == 1) {
          rowidKey = rs.getInt("pk") == 1 && "INTEGER".equalsIgnoreCase(rs.getString("type"));
        } else if (rs.getInt("pk") != 0) {
          rowidKey = false;
        }
      }
    }
    return rowidKey && names.equals(columns.stream().map(Feature::name).toList());
  }

  private PageFeatureReader(BufferAllocator allocator, Path db, Connection conn, TablePages pages, int root,
      LocalDate from, LocalDate to, Map<String, String> metadata) {
    super(allocator);
    this.db = db;
    this.conn = conn;
    this.pages = pages;
    this.root = root;
    this.low = from == null ? null : from.toString();
    this.high = to == null ? null : to.toString();
    this.metadata = metadata;
    this.types = FeatureSchema.columns().stream().map(Feature::type).toArray(ValueType[]::new);
    this.worker = new Thread(this::decodeAll, "racefeatures-export-pages");
    worker.setDaemon(true);
    worker.start();
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
    private final long[] longs = new long[columns];
    private final double[] doubles = new double[columns];
    private final boolean[] isNull = new boolean[columns];
    private final byte[] date = new byte[10];
    private int dateLength = -1;
    private final byte[] lastDate = new byte[10];
    private int lastDateLength = -1;
    private String lastDateText;
    private int lastDay;
    private VectorSchemaRoot chunk;
    private FieldVector[] vectors;
    private int n;

    @Override
    public void row(long rowid, byte[] b, int offset, int length) {
      decode(rowid, b, offset, length);
      String text = dateText();
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
      int[] at = {offset};
      int headerEnd = offset + (int) varint(b, at);
      int body = headerEnd;
      dateLength = -1;
      for (int c = 0; c < columns; c++) {
        // Columns added after a row was written are missing from its record: NULL.
        long serial = at[0] < headerEnd ? varint(b, at) : 0;
        int size = size(serial, rowid, c);
        if (body + size > offset + length) {
          throw corrupt(rowid, "its record is shorter than its header says");
        }
        isNull[c] = serial == 0;
        if (c == 0) {
          // runner_id is the rowid: the record keeps NULL in its place.
          isNull[0] = false;
          longs[0] = rowid;
        } else if (serial == 0) {
          if (types[c] == ValueType.TEXT) {
            throw unexpected(rowid, c, "NULL");
          }
        } else if (types[c] == ValueType.INTEGER) {
          if (serial == 7 || serial >= 12) {
            throw unexpected(rowid, c, serial == 7 ? "a REAL" : "TEXT or a BLOB");
          }
          longs[c] = integer(b, body, serial);
        } else if (types[c] == ValueType.REAL) {
          if (serial == 7) {
            doubles[c] = Double.longBitsToDouble(integer(b, body, 6));
          } else if (serial >= 12) {
            throw unexpected(rowid, c, "TEXT or a BLOB");
          } else {
            doubles[c] = integer(b, body, serial); // SQLite keeps whole reals as integers
          }
        } else {
          if (serial < 13 || serial % 2 == 0 || size != 10) {
            throw unexpected(rowid, c, "something other than a 'YYYY-MM-DD' text");
          }
          System.arraycopy(b, body, date, 0, 10);
          dateLength = 10;
        }
        body += size;
      }
      if (dateLength != lastDateLength || !Arrays.equals(date, lastDate)) {
        String text = new String(date, 0, 10, StandardCharsets.UTF_8);
        try {
          lastDay = (int) LocalDate.parse(text).toEpochDay();
        } catch (DateTimeParseException e) {
          throw unexpected(rowid, 3, "'" + text + "', not a date");
        }
        System.arraycopy(date, 0, lastDate, 0, 10);
        lastDateLength = dateLength;
        lastDateText = text;
      }
    }

    private String dateText() {
      return lastDateText;
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

    private RuntimeException corrupt(long rowid, String what) {
      return new InputException(db + ": table runner_features, row runner_id=" + rowid + ": " + what);
    }

    /** Bytes of a value of this serial type. */
    private int size(long serial, long rowid, int column) {
      if (serial >= 12) {
        return (int) ((serial - 12) / 2);
      }
      return switch ((int) serial) {
        case 0, 8, 9 -> 0;
        case 1 -> 1;
        case 2 -> 2;
        case 3 -> 3;
        case 4 -> 4;
        case 5 -> 6;
        case 6, 7 -> 8;
        default -> throw unexpected(rowid, column, "serial type " + serial + " (reserved)");
      };
    }
  }

  /** The signed big-endian integer of serial type 1-6 (or 8, 9: the constants 0 and 1). */
  private static long integer(byte[] b, int at, long serial) {
    int bytes;
    switch ((int) serial) {
      case 8:
        return 0;
      case 9:
        return 1;
      case 5:
        bytes = 6;
        break;
      case 6:
        bytes = 8;
        break;
      default:
        bytes = (int) serial;
    }
    long v = b[at]; // sign-extended first byte
    for (int i = 1; i < bytes; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  private static long varint(byte[] b, int[] at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      int x = b[at[0]++] & 0xFF;
      v = (v << 7) | (x & 0x7F);
      if (x < 0x80) {
        return v;
      }
    }
    return (v << 8) | (b[at[0]++] & 0xFF);
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    if (done) {
      return false;
    }
    Chunk chunk;
    try {
      chunk = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading runner_features", e);
    }
    if (chunk.failure() != null) {
      done = true;
      failure = chunk.failure();
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("reading runner_features of " + db + ": " + failure.getMessage(), failure);
    }
    if (chunk == END) {
      done = true;
      return false;
    }
    try (VectorSchemaRoot source = chunk.root();
        ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
      new VectorLoader(getVectorSchemaRoot()).load(batch);
      rows += source.getRowCount();
    }
    return true;
  }

  @Override
  public Exception failure() {
    return failure;
  }

  /** Rows read so far. */
  public long rows() {
    return rows;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    worker.interrupt();
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Chunk c = queue.poll(); c != null; c = queue.poll()) {
      if (c.root() != null) {
        c.root().close();
      }
    }
    try (conn) {
      pages.close();
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  @Override
  protected Schema readSchema() {
    return FeatureSchema.schema(metadata);
  }
}
