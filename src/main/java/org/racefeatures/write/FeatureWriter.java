package org.racefeatures.write;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.FeatureRows;
import org.racefeatures.features.ValueType;

/**
 * The one writer: owns the only write connection and stores each finished batch in one
 * transaction (the rows, and the batch's races in {@code feature_races}). A run killed between
 * batches leaves every committed batch whole and {@code feature_runs} saying the run did not finish,
 * so a later {@code --resume} computes only what is missing.
 *
 * <p>Re-running replaces rows: before inserting a race's rows, the rows of that race's runners are
 * deleted, so a runner that became a non-runner loses its old row, and nothing is ever duplicated.
 * Not thread-safe: used by the writer thread alone.
 */
public final class FeatureWriter implements AutoCloseable {
  /** One computed batch, with the race ids it covers and every runner_id of those races. */
  public record Batch(FeatureRows rows, long[] raceIds, int[] targetRows, long[][] runnerIds) {}

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

  private final Connection conn;
  private final PreparedStatement insert;
  private final PreparedStatement deleteRunner;
  private final PreparedStatement markRace;
  private final ValueType[] types;
  private final long runId;
  /** Races already in the table when the run started, with the catalogue version that wrote them. */
  private final Long2IntOpenHashMap existing;
  private boolean truncateFirst;
  private long racesWritten;
  private long rowsWritten;

  private FeatureWriter(Connection conn, long runId, Long2IntOpenHashMap existing) throws SQLException {
    this.conn = conn;
    this.runId = runId;
    this.existing = existing;
    this.insert = conn.prepareStatement(FeatureTable.insertRow());
    this.deleteRunner = conn.prepareStatement("DELETE FROM " + FeatureTable.NAME + " WHERE runner_id = ?");
    this.markRace = conn.prepareStatement("INSERT OR REPLACE INTO feature_races VALUES (?,?,?,?)");
    List<Feature> cols = FeatureTable.columns();
    types = new ValueType[cols.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = cols.get(i).type();
    }
  }

  /**
   * Opens (creating if needed) the output tables in {@code out} and records the start of a run.
   *
   * @param parameters the run's options, as text for {@code feature_runs}
   */
  public static FeatureWriter open(Path out, String sourceDb, String toolVersion, String parameters,
      int racesSelected) throws SQLException {
    Connection conn = Sqlite.openOrCreate(out);
    try {
      conn.setAutoCommit(false);
      prepareTables(conn, out);
      long runId;
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO feature_runs (started, catalogue_version, tool_version, source_db, parameters,"
              + " races_selected) VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, Instant.now().toString());
        ps.setInt(2, FeatureCatalogue.VERSION);
        ps.setString(3, toolVersion);
        ps.setString(4, sourceDb);
        ps.setString(5, parameters);
        ps.setInt(6, racesSelected);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          runId = keys.getLong(1);
        }
      }
      Long2IntOpenHashMap existing = new Long2IntOpenHashMap();
      existing.defaultReturnValue(-1);
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT race_id, catalogue_version FROM feature_races")) {
        while (rs.next()) {
          existing.put(rs.getLong(1), rs.getInt(2));
        }
      }
      conn.commit();
      return new FeatureWriter(conn, runId, existing);
    } catch (SQLException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  private static void prepareTables(Connection conn, Path out) throws SQLException {
    boolean ours = Sqlite.hasTable(conn, "feature_runs");
    boolean hasFeatures = Sqlite.hasTable(conn, FeatureTable.NAME);
    if (hasFeatures && !ours) {
      throw new InputException(out + ": has a table " + FeatureTable.NAME
          + " that racefeatures did not write; refusing to replace it");
    }
    try (Statement st = conn.createStatement()) {
      if (!ours) {
        st.executeUpdate(FeatureTable.CREATE_RUNS);
      }
      if (hasFeatures && !columnNames(conn).equals(FeatureTable.columns().stream().map(Feature::name).toList())) {
        // Written by another catalogue version: its rows cannot be kept beside this layout.
        st.executeUpdate("DROP TABLE " + FeatureTable.NAME);
        st.executeUpdate("DROP TABLE IF EXISTS feature_races");
        hasFeatures = false;
      }
      if (!hasFeatures) {
        st.executeUpdate(FeatureTable.createFeatures());
      }
      if (!Sqlite.hasTable(conn, "feature_races")) {
        st.executeUpdate(FeatureTable.CREATE_RACES);
      }
    }
  }

  private static List<String> columnNames(Connection conn) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA table_info(" + FeatureTable.NAME + ")")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
      }
    }
    return names;
  }

  /** Races whose rows an earlier run of this catalogue wrote completely (for {@code --resume}). */
  public boolean isDone(long raceId) {
    return existing.get(raceId) == FeatureCatalogue.VERSION;
  }

  /**
   * Declares that this run recomputes every race the table holds, so the first batch may empty the
   * table instead of deleting row by row.
   */
  public void replaceAll(boolean coversEverything) {
    truncateFirst = coversEverything && !existing.isEmpty();
  }

  /** Whether every race the table held when the run started is among {@code raceIds}. */
  public boolean coveredBy(it.unimi.dsi.fastutil.longs.LongSet raceIds) {
    for (long id : existing.keySet()) {
      if (!raceIds.contains(id)) {
        return false;
      }
    }
    return true;
  }

  /** Number of races the table already held when the run started. */
  public int existingRaces() {
    return existing.size();
  }

  /** Writes one batch in one transaction. */
  public void write(Batch batch) throws SQLException {
    if (truncateFirst) {
      try (Statement st = conn.createStatement()) {
        st.executeUpdate("DELETE FROM " + FeatureTable.NAME);
        st.executeUpdate("DELETE FROM feature_races");
      }
      existing.clear();
      truncateFirst = false;
    }
    deleteOld(batch);
    insertRows(batch.rows());
    for (int i = 0; i < batch.raceIds().length; i++) {
      markRace.setLong(1, batch.raceIds()[i]);
      markRace.setLong(2, runId);
      markRace.setInt(3, FeatureCatalogue.VERSION);
      markRace.setInt(4, batch.targetRows()[i]);
      markRace.addBatch();
    }
    markRace.executeBatch();
    racesWritten += batch.raceIds().length;
    rowsWritten += batch.rows().size();
    recordProgress(false);
    conn.commit();
  }

  private void deleteOld(Batch batch) throws SQLException {
    boolean any = false;
    for (int i = 0; i < batch.raceIds().length; i++) {
      if (existing.containsKey(batch.raceIds()[i])) {
        for (long runner : batch.runnerIds()[i]) {
          deleteRunner.setLong(1, runner);
          deleteRunner.addBatch();
          any = true;
        }
      }
    }
    if (any) {
      deleteRunner.executeBatch();
    }
  }

  private void insertRows(FeatureRows rows) throws SQLException {
    int n = rows.size();
    int columns = types.length;
    PreparedStatement ps = insert;
    for (int r = 0; r < n; r++) {
      ps.setLong(1, rows.runnerId(r));
      ps.setLong(2, rows.raceId(r));
      ps.setLong(3, rows.horseId(r));
      ps.setString(4, rows.raceDate(r));
      for (int c = 4; c < columns; c++) {
        int column = c - 4;
        if (types[c] == ValueType.INTEGER) {
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

  /** Keeps the run's row in {@code feature_runs} up to date, in the current transaction. */
  private void recordProgress(boolean finished) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE feature_runs SET ended = ?, races_written = ?, rows_written = ?, finished = ?"
            + " WHERE run_id = ?")) {
      ps.setString(1, Instant.now().toString());
      ps.setLong(2, racesWritten);
      ps.setLong(3, rowsWritten);
      ps.setInt(4, finished ? 1 : 0);
      ps.setLong(5, runId);
      ps.executeUpdate();
    }
  }

  /** Records that the run finished. */
  public void finish() throws SQLException {
    recordProgress(true);
    conn.commit();
  }

  public long racesWritten() {
    return racesWritten;
  }

  public long rowsWritten() {
    return rowsWritten;
  }

  @Override
  public void close() throws SQLException {
    try (conn;
        insert;
        deleteRunner;
        markRace) {
      if (!conn.getAutoCommit()) {
        conn.rollback();
      }
    }
  }
}
