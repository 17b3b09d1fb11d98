package org.racefeatures.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
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
import org.apache.arrow.vector.util.Text;
import org.racefeatures.db.Cells;
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
 * <p>Reading threads (one per connection of a {@link FeatureTableSnapshot}, taking runner_id ranges
 * in turn) read the rows into batches of {@link #CHUNK_ROWS} while the consumer (Arrow's file writer
 * or DuckDB) writes the ones before; batches are handed on in runner_id order whatever the number of
 * connections. Values are read and checked by a {@link FeatureRowDecoder}: a value its column cannot
 * hold is an error naming the runner_id and column.
 */
public final class SqliteFeatureReader extends ChunkedFeatureReader {
  static final int CHUNK_ROWS = 32_768;

  /** A reader thread's mark that one of its ranges is done (the consumer moves to the next queue). */
  private static final Chunk RANGE_DONE = new Chunk(null, null);

  private final List<Feature> columns = FeatureSchema.columns();
  private final FeatureTableSnapshot table;
  private final Dictionaries dictionaries;
  /** Per column: whether it is an id column written as strings. */
  private final boolean[] textIds;
  private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
  private int nextRange;

  /**
   * Opens {@code db} and starts reading.
   *
   * @param from first race date, or null
   * @param to last race date, or null
   */
  public SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata) throws SQLException {
    this(allocator, db, from, to, metadata, CHUNK_ROWS, FeatureTableSnapshot.RANGE_ROWS);
  }

  /**
   * As above, with the batch size and the rows per runner_id range given (tests use small ones to
   * exercise many of them).
   */
  SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata, int chunkRows, int rangeRows) throws SQLException {
    super(allocator, metadata);
    table = FeatureTableSnapshot.open(db, from, to, columns, rangeRows);
    try {
      dictionaries = dictionaries(table);
      textIds = new boolean[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        textIds[c] = dictionaries.textIds().contains(columns.get(c).name());
      }
      // The driver's cost per value is what an export waits on: each connection has a thread.
      for (int w = 0; w < table.connections(); w++) {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
        queues.add(queue);
        int own = w;
        start("racefeatures-export-" + w, () -> read(own, chunkRows, queue), queue);
      }
    } catch (SQLException e) {
      closeSource();
      throw Sqlite.readFailure(table.source(), "runner_features", e);
    } catch (RuntimeException e) {
      closeSource();
      throw e;
    }
  }

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
  private Dictionaries dictionaries(FeatureTableSnapshot table) throws SQLException {
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
    sql.append(" FROM runner_features WHERE ").append(table.selected());
    Set<String> textIds = new HashSet<>();
    Map<String, Set<String>> values = new java.util.LinkedHashMap<>();
    valued.forEach(f -> values.put(f.name(), new HashSet<>()));
    try (PreparedStatement ps = table.connection(0).prepareStatement(sql.toString())) {
      table.bindSelected(ps, 1);
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

  /**
   * A reading thread: connection {@code w}'s ranges in turn, each as batches into its queue followed
   * by {@link #RANGE_DONE}, or the failure that stopped it.
   */
  private void read(int w, int chunkRows, BlockingQueue<Chunk> queue) {
    FeatureRowDecoder decoder = new FeatureRowDecoder(table.source(), columns);
    try (PreparedStatement ps = table.prepareSelect(w)) {
      for (int r = w; r < table.ranges(); r += table.connections()) {
        try (ResultSet rs = table.selectRange(ps, r)) {
          Cells cells = table.cells(ps);
          boolean more = rs.next();
          while (more) {
            VectorSchemaRoot root = VectorSchemaRoot.create(readSchema(), allocator);
            try {
              more = fill(rs, cells, decoder, root, chunkRows);
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
      Exception failure = e instanceof SQLException sql ? Sqlite.readFailure(table.source(), "runner_features", sql) : e;
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
  private boolean fill(ResultSet rs, Cells cells, FeatureRowDecoder decoder, VectorSchemaRoot root, int limit)
      throws SQLException {
    FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    for (FieldVector v : vectors) {
      v.setInitialCapacity(limit); // room for the whole batch at once: no doubling while filling
    }
    root.allocateNew();
    BatchRow row = new BatchRow(vectors);
    boolean more = true;
    while (more && row.n < limit) {
      decoder.decode(cells, row);
      row.n++;
      more = rs.next();
    }
    root.setRowCount(row.n);
    return more;
  }

  /** Row {@code n} of a batch's vectors, as a decoder's sink. */
  private final class BatchRow implements FeatureRowDecoder.Sink {
    private final FieldVector[] vectors;
    int n;

    BatchRow(FieldVector[] vectors) {
      this.vectors = vectors;
    }

    @Override
    public void nullValue(int column) {
      vectors[column].setNull(n);
    }

    @Override
    public void integer(int column, long value) {
      if (textIds[column]) { // an integer id in a column that also holds text: its digits
        ((VarCharVector) vectors[column]).setSafe(n, new Text(Long.toString(value)));
      } else {
        ((BigIntVector) vectors[column]).setSafe(n, value);
      }
    }

    @Override
    public void real(int column, double value) {
      ((Float8Vector) vectors[column]).setSafe(n, value);
    }

    @Override
    public void text(int column, String value) {
      if (vectors[column] instanceof VarCharVector v) {
        v.setSafe(n, value.getBytes(StandardCharsets.UTF_8));
      } else { // the dictionary scan saw this column's text in the same state of the file
        throw new IllegalStateException(table.source() + ": runner_features column " + columns.get(column).name()
            + " holds text the reader's first scan did not see");
      }
    }

    @Override
    public void day(int column, int epochDay) {
      ((DateDayVector) vectors[column]).setSafe(n, epochDay);
    }
  }

  @Override
  Chunk next() throws InterruptedException {
    while (nextRange < table.ranges()) {
      Chunk c = queues.get(table.connectionOf(nextRange)).take();
      if (c != RANGE_DONE) {
        return c; // a batch, or a failure
      }
      nextRange++;
    }
    return END;
  }

  @Override
  void closeSource() {
    table.close();
  }
}
