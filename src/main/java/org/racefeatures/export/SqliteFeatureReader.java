package org.racefeatures.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.racefeatures.db.Cells;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.ValueType;

/**
 * Streams {@code runner_features} out of SQLite through sqlite-jdbc as Arrow record batches of the
 * {@link FeatureSchema}, in runner_id order, optionally for a date range. Every row comes from one
 * committed state of the file, in any journal mode: one connection in one read transaction, and in
 * rollback-journal mode a second one whose transaction starts while the first holds its lock.
 *
 * <p>Reading threads (one per connection, taking runner_id ranges in turn) read the rows into
 * batches of {@link #CHUNK_ROWS} while the consumer (Arrow's file writer or DuckDB) writes the ones
 * before; batches are handed on in runner_id order whatever the number of connections. Each value's
 * storage class is asked of SQLite ({@link Cells}); a value in its column's plain class is read
 * directly, any other is checked: NULL stays null (a validity bit), a whole REAL in an INTEGER column is that integer, an
 * integer in a REAL column is that number, and anything else (text in a number column, a REAL with
 * a fraction in an INTEGER column, a BLOB) is an error naming the runner_id and column.
 */
public final class SqliteFeatureReader extends ChunkedFeatureReader {
  static final int CHUNK_ROWS = 32_768;

  /** A reader thread's mark that one of its ranges is done (the consumer moves to the next queue). */
  private static final Chunk RANGE_DONE = new Chunk(null, null);

  private final List<Feature> columns = FeatureSchema.columns();
  private final Dictionaries dictionaries;
  /** Per column: the storage class read without a check ({@link Cells}), and whether an id is text. */
  private final int[] plainClass;
  private final boolean[] textIds;
  /** The reading connections: one, or two that provably see the same state (see the constructor). */
  private final List<Connection> connections = new ArrayList<>();
  private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
  /** Where each runner_id range starts (they are read in turn by the connections). */
  private final long[] rangeStart;
  private final String source;
  private int nextRange;

  /**
   * Opens {@code db} and starts reading.
   *
   * @param from first race date, or null
   * @param to last race date, or null
   */
  public SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata) throws SQLException {
    this(allocator, db, from, to, metadata, CHUNK_ROWS, RANGE_ROWS, true);
  }

  /**
   * A reader for a consumer that needs no dictionaries (the report): every id column is read as
   * text (an integer id as its decimal digits), so no scan of the table precedes the first row.
   */
  public static SqliteFeatureReader idsAsText(BufferAllocator allocator, Path db, LocalDate from, LocalDate to)
      throws SQLException {
    return new SqliteFeatureReader(allocator, db, from, to, Map.of(), CHUNK_ROWS, RANGE_ROWS, false);
  }

  /**
   * As above, with the batch size and the rows per runner_id range given (tests use small ones to
   * exercise many of them).
   */
  SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata, int chunkRows, int rangeRows) throws SQLException {
    this(allocator, db, from, to, metadata, chunkRows, rangeRows, true);
  }

  private SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata, int chunkRows, int rangeRows, boolean scanDictionaries) throws SQLException {
    super(allocator, metadata);
    this.source = db.toString();
    String low = low(from);
    String high = high(to);
    Connection conn = Sqlite.openExisting(db, true);
    connections.add(conn);
    try {
      conn.setAutoCommit(false); // one read transaction, held until close
      if (!Sqlite.hasTable(conn, "runner_features")) {
        throw new InputException(db + ": no table runner_features to export: run generate first");
      }
      java.util.Set<String> present = Sqlite.columns(conn, "runner_features", null);
      List<String> missing = columns.stream().map(Feature::name).filter(c -> !present.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new InputException(db + ": runner_features lacks " + missing.size() + " column(s) of catalogue version "
            + FeatureCatalogue.VERSION + " (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
            + (missing.size() > 5 ? ", ..." : "") + "): it was written by another version; run generate again");
      }
      dictionaries = scanDictionaries ? dictionaries(conn, low, high) : Dictionaries.none(columns.stream()
          .filter(f -> f.type() == ValueType.ID).map(Feature::name).collect(java.util.stream.Collectors.toSet()));
      plainClass = columns.stream().mapToInt(f -> plainClass(f.type())).toArray();
      textIds = new boolean[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        textIds[c] = dictionaries.textIds().contains(columns.get(c).name());
      }
      // A second connection reads every other runner_id range where it provably sees the same state:
      // in rollback-journal mode, its read transaction starts while this one holds its SHARED lock,
      // and no writer can commit meanwhile. The driver's cost per value is what an export waits on.
      Connection second = Sqlite.readersShareState(conn) && Sqlite.isRowidTable(conn, "runner_features", "runner_id")
          ? Sqlite.beginSecondReader(db) : null;
      if (second != null) {
        connections.add(second);
        rangeStart = rangeStarts(conn, rangeRows);
      } else {
        rangeStart = new long[] {Long.MIN_VALUE};
      }
      for (int w = 0; w < connections.size(); w++) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
        queues.add(queue);
        Connection own = connections.get(w);
        int first = w;
        start("racefeatures-export-" + w, () -> read(own, low, high, first, chunkRows, queue), queue);
      }
    } catch (SQLException e) {
      closeSource();
      throw Sqlite.readFailure(source, "runner_features", e);
    } catch (RuntimeException e) {
      closeSource();
      throw e;
    }
  }

  /** Rows per runner_id range where two connections share the reading. */
  static final int RANGE_ROWS = 32_768;

  /** The most runner_id ranges a table is cut into, however sparse its ids. */
  private static final int MAX_RANGES = 4096;

  /**
   * Where the runner_id ranges start: the ids from the table's least to its greatest cut into equal
   * spans of about {@code rows} ids (found from the rowid b-tree's two ends, without a scan; ranges
   * with few selected rows cost one seek each).
   */
  private static long[] rangeStarts(Connection c, int rows) throws SQLException {
    long min;
    long max;
    try (java.sql.Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT min(runner_id), max(runner_id) FROM runner_features")) {
      if (!rs.next() || rs.getObject(1) == null) {
        return new long[] {Long.MIN_VALUE};
      }
      min = rs.getLong(1);
      max = rs.getLong(2);
    }
    long span;
    try {
      span = Math.addExact(Math.subtractExact(max, min), 1);
    } catch (ArithmeticException e) {
      return new long[] {Long.MIN_VALUE}; // ids across the whole 64-bit range: one range
    }
    int ranges = (int) Math.max(1, Math.min(MAX_RANGES, (span + rows - 1) / rows));
    long width = (span + ranges - 1) / ranges;
    long[] starts = new long[ranges];
    starts[0] = Long.MIN_VALUE; // the first range takes everything below the second
    for (int r = 1; r < ranges; r++) {
      starts[r] = min + r * width;
    }
    return starts;
  }

  /**
   * How many rows of {@code db}'s runner_features a reader of the same dates would give, counted on
   * a connection of its own: a size to allocate for, not a promise (a writer may commit between
   * this count and a reader's snapshot).
   */
  public static long countRows(Path db, LocalDate from, LocalDate to) throws SQLException {
    try (Connection c = Sqlite.openExisting(db, true);
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM runner_features WHERE " + SELECTED)) {
      ps.setString(1, low(from));
      ps.setString(2, high(to));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The rows of the date range; a row without a text date is in no range, but reading it is the error. */
  /** The first race date selected, as compared with race_date's text: before any date when null. */
  private static String low(LocalDate from) {
    return from == null ? "0000-00-00" : from.toString();
  }

  /** The last race date selected, as compared with race_date's text: after any date when null. */
  private static String high(LocalDate to) {
    return to == null ? "9999-99-99" : to.toString();
  }

  private static final String SELECTED = "((race_date >= ? AND race_date <= ?) OR typeof(race_date) <> 'text')";

  /** The id columns that hold text in the selected rows and the categories' values there. */
  @Override
  public Dictionaries dictionaries() {
    return dictionaries;
  }

  /**
   * One scan of the selected rows for what the schema and the dictionaries need before the first
   * row: the storage classes of the id columns (an id column holding any text is exported as
   * strings) and the distinct values of the categories and of the id features ({@code course_id}).
   */
  private Dictionaries dictionaries(Connection c, String low, String high) throws SQLException {
    List<Feature> ids = new ArrayList<>();
    List<Feature> valued = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Feature f = columns.get(i);
      if (f.type() == ValueType.ID) {
        ids.add(f);
      }
      if (f.type() == ValueType.CATEGORY || (f.type() == ValueType.ID && i >= FeatureCatalogue.KEYS.size())) {
        valued.add(f);
      }
    }
    StringBuilder sql = new StringBuilder("SELECT DISTINCT ");
    for (Feature f : ids) {
      sql.append("typeof(").append(f.name()).append(") = 'text', ");
    }
    for (Feature f : valued) {
      sql.append(f.name()).append(", ");
    }
    sql.setLength(sql.length() - 2);
    sql.append(" FROM runner_features WHERE ").append(SELECTED);
    Set<String> textIds = new HashSet<>();
    Map<String, Set<String>> values = new java.util.LinkedHashMap<>();
    valued.forEach(f -> values.put(f.name(), new HashSet<>()));
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      ps.setString(1, low);
      ps.setString(2, high);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 0; i < ids.size(); i++) {
            if (rs.getInt(i + 1) == 1) {
              textIds.add(ids.get(i).name());
            }
          }
          for (int i = 0; i < valued.size(); i++) {
            Object v = rs.getObject(ids.size() + i + 1);
            if (v != null) {
              values.get(valued.get(i).name()).add(v.toString());
            }
          }
        }
      }
    }
    // An id feature is dictionary-encoded only where it is exported as strings; as integers it is plain.
    values.keySet().removeIf(name -> columns.stream().anyMatch(f -> f.name().equals(name) && f.type() == ValueType.ID)
        && !textIds.contains(name));
    return new Dictionaries(textIds, values);
  }

  /** The selected columns of the selected rows of a runner_id range, in runner_id order. */
  private String select() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (Feature f : columns) {
      sql.append(f.name()).append(", ");
    }
    sql.setLength(sql.length() - 2);
    return sql.append(" FROM runner_features WHERE ").append(SELECTED)
        .append(" AND runner_id >= ? AND runner_id <= ? ORDER BY runner_id").toString();
  }

  /** The storage class a value of this type is read in without a check. */
  private static int plainClass(ValueType type) {
    return switch (type) {
      case INTEGER, ID -> Cells.INTEGER;
      case REAL -> Cells.REAL;
      case TEXT, CATEGORY -> Cells.TEXT;
    };
  }

  /**
   * A reading thread: ranges {@code first}, {@code first + connections}, ... in turn, each as
   * batches into its queue followed by {@link #RANGE_DONE}, or the failure that stopped it.
   */
  private void read(Connection conn, String low, String high, int first, int chunkRows,
      BlockingQueue<Chunk> queue) {
    try (PreparedStatement ps = conn.prepareStatement(select())) {
      for (int r = first; r < rangeStart.length; r += connections.size()) {
        ps.setString(1, low);
        ps.setString(2, high);
        ps.setLong(3, rangeStart[r]);
        ps.setLong(4, r + 1 < rangeStart.length ? rangeStart[r + 1] - 1 : Long.MAX_VALUE);
        try (ResultSet rs = ps.executeQuery()) {
          Cells cells = Cells.of(ps);
          boolean more = rs.next();
          while (more) {
            VectorSchemaRoot root = VectorSchemaRoot.create(readSchema(), allocator);
            try {
              more = fill(rs, cells, root, chunkRows);
            } catch (SQLException | RuntimeException e) {
              root.close();
              throw e;
            }
            put(queue, new Chunk(root, null), root);
          }
        }
        put(queue, RANGE_DONE, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed early: stop quietly
    } catch (Exception e) {
      Exception failure = e instanceof SQLException sql ? Sqlite.readFailure(source, "runner_features", sql) : e;
      try {
        put(queue, new Chunk(null, failure), null); // waits for room: a failure is never dropped
      } catch (InterruptedException stopped) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void put(BlockingQueue<Chunk> queue, Chunk chunk, VectorSchemaRoot root)
      throws InterruptedException {
    try {
      queue.put(chunk);
    } catch (InterruptedException e) {
      if (root != null) {
        root.close(); // nobody will take it
      }
      throw e;
    }
  }

  /** Fills {@code root} with up to {@code limit} rows from the current one on; whether rows remain. */
  private boolean fill(ResultSet rs, Cells cells, VectorSchemaRoot root, int limit) throws SQLException {
    FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    for (FieldVector v : vectors) {
      v.setInitialCapacity(limit); // room for the whole batch at once: no doubling while filling
    }
    root.allocateNew();
    int n = 0;
    String lastText = null;
    int lastDay = 0;
    boolean more = true;
    while (more && n < limit) {
      long runnerId = cells.integer(1); // the key: an INTEGER PRIMARY KEY or checked below
      for (int c = 0; c < columns.size(); c++) {
        Feature f = columns.get(c);
        int column = c + 1;
        int type = cells.type(column);
        boolean plain = type == plainClass[c];
        Object other = plain || type == Cells.NULL ? null : cells.object(column);
        switch (f.type()) {
          case INTEGER -> {
            BigIntVector vec = (BigIntVector) vectors[c];
            if (plain) {
              vec.setSafe(n, cells.integer(column));
            } else if (other == null) {
              vec.setNull(n);
            } else {
              vec.setSafe(n, wholeNumber(other, runnerId, f));
            }
          }
          case REAL -> {
            Float8Vector vec = (Float8Vector) vectors[c];
            if (plain) {
              vec.setSafe(n, cells.real(column));
            } else if (other == null) {
              vec.setNull(n);
            } else if (other instanceof Long integer) {
              vec.setSafe(n, integer.doubleValue());
            } else {
              throw wrongType(runnerId, f, other, "a number");
            }
          }
          case ID -> {
            Object id = plain ? (Object) cells.integer(column) : other;
            if (id == null && c >= FeatureCatalogue.KEYS.size()) { // a key is never NULL; course_id may be
              vectors[c].setNull(n);
              continue;
            }
            if (!(id instanceof Long || id instanceof String)) {
              throw wrongType(runnerId, f, id, "an integer or text id");
            }
            if (textIds[c]) {
              ((VarCharVector) vectors[c]).setSafe(n, new org.apache.arrow.vector.util.Text(id.toString()));
            } else {
              ((BigIntVector) vectors[c]).setSafe(n, (Long) id);
            }
          }
          case CATEGORY -> {
            if (plain) {
              ((VarCharVector) vectors[c]).setSafe(n, cells.text(column).getBytes(StandardCharsets.UTF_8));
            } else if (other == null) {
              vectors[c].setNull(n);
            } else {
              throw wrongType(runnerId, f, other, "text");
            }
          }
          case TEXT -> {
            String text = plain ? cells.text(column) : null;
            if (text == null) {
              throw wrongType(runnerId, f, other, "a date 'YYYY-MM-DD'");
            }
            if (!text.equals(lastText)) { // rows of a race share one date
              try {
                lastDay = (int) LocalDate.parse(text).toEpochDay();
              } catch (DateTimeParseException e) {
                throw wrongType(runnerId, f, text, "a date 'YYYY-MM-DD'");
              }
              lastText = text;
            }
            ((DateDayVector) vectors[c]).setSafe(n, lastDay);
          }
        }
      }
      n++;
      more = rs.next();
    }
    root.setRowCount(n);
    return more;
  }

  /** A value of an INTEGER column not stored as an integer: a whole REAL is that integer. */
  private long wholeNumber(Object v, long runnerId, Feature f) {
    Long integer = Sqlite.integerValue(v);
    if (integer == null) {
      throw wrongType(runnerId, f, v, "an integer");
    }
    return integer;
  }

  private InputException wrongType(long runnerId, Feature f, Object v, String expected) {
    String value = v == null ? "NULL" : v instanceof String s ? "'" + s + "' (text)"
        : v instanceof byte[] ? "a blob" : v instanceof Double ? v + " (a real)" : v + " (an integer)";
    return new InputException(source + ": runner_features row runner_id=" + runnerId + ", column " + f.name()
        + ": " + value + " is not " + expected);
  }

  @Override
  Chunk next() throws InterruptedException {
    while (nextRange < rangeStart.length) {
      Chunk c = queues.get(nextRange % queues.size()).take();
      if (c != RANGE_DONE) {
        return c; // a batch, or a failure
      }
      nextRange++;
    }
    return END;
  }

  @Override
  void closeSource() {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        // the read transaction ends with the connection either way
      }
    }
  }
}
