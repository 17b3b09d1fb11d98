package org.racefeatures.write;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.FeatureRows;
import org.sqlite.SQLiteConnection;

/**
 * The one writer: owns the only write connection and stores each finished batch in one
 * transaction (the rows, and the batch's races in {@code feature_races}). A run killed between
 * batches leaves every committed batch whole and {@code feature_runs} saying the run did not finish,
 * so a later {@code --resume} computes only what is missing.
 *
 * <p>How the rows go in is a {@link RowInserter}: page images built by the workers ({@link
 * ImageInserter}) where the target is UTF-8, else every value bound through the driver ({@link
 * JdbcInserter}). Race ids are kept as stored (integers or text).
 *
 * <p>Re-running replaces rows: before inserting a race's rows, the rows of that race's runners are
 * deleted, so a runner that became a non-runner loses its old row, and nothing is ever duplicated.
 * Not thread-safe: used by the writer thread alone.
 */
public final class FeatureWriter implements AutoCloseable {
  /**
   * One computed batch: its rows, the same rows encoded by the worker ({@link #encode}, may be
   * null), the race ids it covers (each a Long or a String) and every runner_id of those races.
   */
  public record Batch(FeatureRows rows, byte[] encoded, Object[] raceIds, int[] targetRows,
      long[][] runnerIds) {}

  private final SQLiteConnection conn;
  private final RowInserter inserter;
  private final PreparedStatement deleteRunner;
  private final PreparedStatement markRace;
  private final long runId;
  /** Races already in the table when the run started (by id as stored), with their catalogue version. */
  private final Object2IntOpenHashMap<Object> existing;
  private boolean truncateFirst;
  /**
   * Whether rows written before this run may still be in the table, so a copied row can meet an
   * old one with its runner_id (a runner moved to another race); then the copy replaces.
   */
  private boolean oldRowsMayRemain;
  private long racesWritten;
  private long rowsWritten;

  private FeatureWriter(SQLiteConnection conn, RowInserter inserter, long runId,
      Object2IntOpenHashMap<Object> existing, boolean tableHasRows) throws SQLException {
    this.conn = conn;
    this.inserter = inserter;
    this.runId = runId;
    this.existing = existing;
    this.oldRowsMayRemain = tableHasRows;
    this.deleteRunner = conn.prepareStatement("DELETE FROM " + FeatureTable.NAME + " WHERE runner_id = ?");
    this.markRace = conn.prepareStatement("INSERT OR REPLACE INTO feature_races VALUES (?,?,?,?)");
  }

  /**
   * Opens (creating if needed) the output tables in {@code out} and records the start of a run.
   *
   * @param parameters the run's options, as text for {@code feature_runs}
   */
  public static FeatureWriter open(Path out, String sourceDb, String toolVersion, String parameters,
      int racesSelected) throws SQLException {
    return open(out, sourceDb, toolVersion, parameters, racesSelected, false);
  }

  /**
   * As above; {@code jdbcOnly} makes the writer bind every value through the driver even where page
   * images would serve ({@code generate --writer jdbc}).
   */
  public static FeatureWriter open(Path out, String sourceDb, String toolVersion, String parameters,
      int racesSelected, boolean jdbcOnly) throws SQLException {
    SQLiteConnection conn = Sqlite.openOrCreate(out);
    try {
      RowInserter inserter = jdbcOnly || !isUtf8(conn) ? new JdbcInserter(conn) : new ImageInserter(conn);
      try (Statement st = conn.createStatement()) {
        // IMMEDIATE: the write lock first, waited for under the busy timeout. A transaction that
        // reads first and then asks for the lock gets SQLITE_BUSY at once when another holds it.
        st.execute("BEGIN IMMEDIATE");
      }
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
      Object2IntOpenHashMap<Object> existing = new Object2IntOpenHashMap<>();
      existing.defaultReturnValue(-1);
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT race_id, catalogue_version FROM feature_races")) {
        while (rs.next()) {
          existing.put(Sqlite.id(rs.getObject(1)), rs.getInt(2));
        }
      }
      boolean tableHasRows;
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + FeatureTable.NAME + ")")) {
        tableHasRows = rs.next() && rs.getBoolean(1);
      }
      try (Statement st = conn.createStatement()) {
        st.execute("COMMIT");
      }
      conn.setAutoCommit(false);
      return new FeatureWriter(conn, inserter, runId, existing, tableHasRows);
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
      if (hasFeatures && !columns(conn).equals(FeatureTable.columns().stream()
          .map(f -> f.name() + " " + f.type().sqlType()).toList())) {
        // Written by another catalogue version (or with typed id columns): its rows cannot be
        // kept beside this layout.
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

  /** The table's columns as "name type" (the type as declared; an id column has none). */
  private static List<String> columns(Connection conn) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA table_info(" + FeatureTable.NAME + ")")) {
      while (rs.next()) {
        names.add(rs.getString("name") + " " + rs.getString("type"));
      }
    }
    return names;
  }

  private static boolean isUtf8(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA encoding")) {
      return rs.next() && "UTF-8".equalsIgnoreCase(rs.getString(1));
    }
  }

  /** Which way rows are inserted: "page images" or "jdbc". */
  public String inserterName() {
    return inserter.name();
  }

  /** Worker side: prepares a batch's rows for {@link #write} (thread-safe; reads only the rows). */
  public byte[] encode(FeatureRows rows) {
    return inserter.encode(rows);
  }

  /** Races whose rows an earlier run of this catalogue wrote completely (for {@code --resume}). */
  public boolean isDone(Object raceId) {
    return existing.getInt(raceId) == FeatureCatalogue.VERSION;
  }

  /**
   * Declares that this run recomputes every race the table holds, so the first batch may empty the
   * table instead of deleting row by row.
   */
  public void replaceAll(boolean coversEverything) {
    truncateFirst = coversEverything && !existing.isEmpty();
  }

  /** Whether every race the table held when the run started is among {@code raceIds}. */
  public boolean coveredBy(java.util.Set<Object> raceIds) {
    for (Object id : existing.keySet()) {
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
    inserter.beforeTransaction(batch.encoded());
    if (truncateFirst) {
      try (Statement st = conn.createStatement()) {
        st.executeUpdate("DELETE FROM " + FeatureTable.NAME);
        st.executeUpdate("DELETE FROM feature_races");
      }
      existing.clear();
      truncateFirst = false;
      oldRowsMayRemain = false;
    }
    deleteOld(batch);
    inserter.insert(batch.rows(), batch.encoded(), oldRowsMayRemain);
    for (int i = 0; i < batch.raceIds().length; i++) {
      markRace.setObject(1, batch.raceIds()[i]);
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
        deleteRunner;
        markRace) {
      if (!conn.getAutoCommit()) {
        conn.rollback();
      }
    }
  }
}
