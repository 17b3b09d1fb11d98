package org.racefeatures.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureRows;
import org.racefeatures.features.ValueType;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The rows of one batch, encoded as the image of a private in-memory SQLite database that holds a
 * {@code runner_features} table of the output layout.
 *
 * <p>Why: the cost of writing through sqlite-jdbc is binding every value (one driver call each,
 * about 26 million for 45,000 races) and SQLite building its records, all of it on the thread that
 * holds the connection. A worker encodes its own batch here, on its own connection to its own
 * memory database, so that cost runs in parallel on the workers; the one writer then only copies
 * the finished records with {@code INSERT ... SELECT}, which SQLite does inside C (see {@link
 * FeatureWriter}). No worker ever opens the input or output database.
 *
 * <p>An image is plain bytes ({@code sqlite3_serialize}): it is immutable once made and safe to
 * hand from the worker to the writer.
 */
public final class BatchImage {
  // The driver boxes every bound value; most integer features are small counts, so a table of
  // boxed values spares the allocation and the garbage collector.
  private static final long SMALL_MIN = -4096;
  private static final long SMALL_MAX = 65536;
  private static final Long[] SMALL = new Long[(int) (SMALL_MAX - SMALL_MIN)];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = SMALL_MIN + i;
    }
  }

  private static final ValueType[] TYPES =
      FeatureTable.columns().stream().map(Feature::type).toArray(ValueType[]::new);

  private BatchImage() {}

  /**
   * Encodes {@code rows} (keys, features and labels in table order; NULL as {@link
   * FeatureRows#NULL_INT} or NaN) as a serialized SQLite database with one table, {@code
   * runner_features}, created by the same DDL as the output table.
   */
  public static byte[] encode(FeatureRows rows) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    // A private database that lives for one batch: nothing to roll back, nothing to sync.
    config.setJournalMode(SQLiteConfig.JournalMode.OFF);
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
    try (SQLiteConnection memory = (SQLiteConnection) config.createConnection("jdbc:sqlite::memory:")) {
      try (Statement st = memory.createStatement()) {
        st.executeUpdate(FeatureTable.createFeatures());
      }
      memory.setAutoCommit(false);
      try (PreparedStatement ps = memory.prepareStatement(FeatureTable.insertRow())) {
        insert(ps, rows);
      }
      memory.commit();
      return memory.serialize("main");
    }
  }

  private static void insert(PreparedStatement ps, FeatureRows rows) throws SQLException {
    int n = rows.size();
    int columns = TYPES.length;
    for (int r = 0; r < n; r++) {
      ps.setLong(1, rows.runnerId(r));
      ps.setLong(2, rows.raceId(r));
      ps.setLong(3, rows.horseId(r));
      ps.setString(4, rows.raceDate(r));
      for (int c = 4; c < columns; c++) {
        int column = c - 4;
        if (TYPES[c] == ValueType.INTEGER) {
          long v = rows.ints(column)[r];
          if (v == FeatureRows.NULL_INT) {
            ps.setNull(c + 1, Types.INTEGER);
          } else if (v >= SMALL_MIN && v < SMALL_MAX) {
            ps.setObject(c + 1, SMALL[(int) (v - SMALL_MIN)]);
          } else {
            ps.setLong(c + 1, v);
          }
        } else {
          double v = rows.reals(column)[r];
          if (Double.isNaN(v)) {
            ps.setNull(c + 1, Types.REAL);
          } else {
            ps.setDouble(c + 1, v);
          }
        }
      }
      ps.addBatch();
    }
    if (n > 0) {
      ps.executeBatch();
    }
  }
}
