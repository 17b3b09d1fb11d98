package org.racefeatures.write;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.racefeatures.db.Cells;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Schema;
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
   * null), the races it covers and every runner_id of those races.
   */
  public record Batch(FeatureRows rows, byte[] encoded, Races races, long[][] runnerIds) {}

  /**
   * The races of a batch, index for index: id (a Long or a String), target rows, the fingerprint of
   * its input rows, its start (minutes since 1970-01-01 local time), whether it is a racecard.
   */
  public record Races(Object[] ids, int[] targetRows, long[] fingerprints, long[] startMinutes,
      boolean[] racecards) {
    public int size() {
      return ids.length;
    }
  }

  private final SQLiteConnection conn;
  private final RowInserter inserter;
  private final PreparedStatement deleteRunner;
  private final PreparedStatement markRace;
  private final long runId;
  /** Races in the table (by id as stored): when the run started, less those this run removed. */
  private final java.util.Map<Object, WrittenRace> existing;
  private boolean truncateFirst;
  /**
   * Whether rows written before this run may still be in the table, so a copied row can meet an
   * old one with its runner_id (a runner moved to another race); then the copy replaces.
   */
  private boolean oldRowsMayRemain;
  private long racesWritten;
  private long rowsWritten;
  /** Rows of a table of another layout dropped when the writer opened; -1 when none was. */
  private final long droppedRows;

  private FeatureWriter(SQLiteConnection conn, RowInserter inserter, long runId,
      java.util.Map<Object, WrittenRace> existing, boolean tableHasRows, long droppedRows) throws SQLException {
    this.conn = conn;
    this.droppedRows = droppedRows;
    this.inserter = inserter;
    this.runId = runId;
    this.existing = existing;
    this.oldRowsMayRemain = tableHasRows;
    this.deleteRunner = conn.prepareStatement("DELETE FROM " + FeatureTable.NAME + " WHERE runner_id = ?");
    this.markRace = conn.prepareStatement("INSERT OR REPLACE INTO feature_races (race_id, run_id,"
        + " catalogue_version, target_rows, fingerprint, start_minute, racecard, first_runner_id, last_runner_id)"
        + " VALUES (?,?,?,?,?,?,?,?,?)");
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
      RowInserter inserter = jdbcOnly || !Cells.isUtf8(conn) ? new JdbcInserter(conn) : new ImageInserter(conn);
      try (Statement st = conn.createStatement()) {
        // IMMEDIATE: the write lock first, waited for under the busy timeout. A transaction that
        // reads first and then asks for the lock gets SQLITE_BUSY at once when another holds it.
        st.execute("BEGIN IMMEDIATE");
      }
      long dropped = prepareTables(conn, out);
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
      java.util.Map<Object, WrittenRace> existing = written(conn);
      boolean tableHasRows;
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + FeatureTable.NAME + ")")) {
        tableHasRows = rs.next() && rs.getBoolean(1);
      }
      try (Statement st = conn.createStatement()) {
        st.execute("COMMIT");
      }
      conn.setAutoCommit(false);
      return new FeatureWriter(conn, inserter, runId, existing, tableHasRows, dropped);
    } catch (SQLException | RuntimeException e) {
      conn.close();
      throw e;
    }
  }

  /** Creates or checks the output tables; the rows of a table of another layout it dropped, or -1. */
  private static long prepareTables(Connection conn, Path out) throws SQLException {
    long dropped = -1;
    boolean ours = Schema.hasTable(conn, "feature_runs");
    boolean hasFeatures = Schema.hasTable(conn, FeatureTable.NAME);
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
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + FeatureTable.NAME)) {
          dropped = rs.next() ? rs.getLong(1) : 0;
        }
        st.executeUpdate("DROP TABLE " + FeatureTable.NAME);
        st.executeUpdate("DROP TABLE IF EXISTS feature_races");
        hasFeatures = false;
      }
      if (!hasFeatures) {
        st.executeUpdate(FeatureTable.createFeatures());
      }
      if (!Schema.hasTable(conn, "feature_races")) {
        st.executeUpdate(FeatureTable.CREATE_RACES);
      }
      for (String column : FeatureTable.LATER_RACE_COLUMNS) {
        if (!Schema.hasColumn(conn, "feature_races", column.substring(0, column.indexOf(' ')))) {
          // Written before the column existed: NULL there makes each such race stale for --update.
          st.executeUpdate("ALTER TABLE feature_races ADD COLUMN " + column);
        }
      }
    }
    return dropped;
  }

  /**
   * The rows of a {@code runner_features} table of another layout (another catalogue version)
   * that opening this writer dropped, or -1 when it dropped none.
   */
  public long droppedRows() {
    return droppedRows;
  }

  /**
   * The races whose rows {@code out} holds, as {@code feature_races} records them; empty when the
   * file or the table does not exist. Only reads.
   */
  public static java.util.Map<Object, WrittenRace> written(Path out) throws SQLException {
    if (!java.nio.file.Files.exists(out)) {
      return new java.util.HashMap<>();
    }
    try (Connection conn = Sqlite.openExisting(out, true)) {
      return written(conn);
    }
  }

  /**
   * The date (YYYY-MM-DD, UTC) the table was last written by a run that finished, or null when no
   * run has finished there (or the file or table does not exist). Only reads.
   */
  public static String lastWritten(Path out) throws SQLException {
    if (!java.nio.file.Files.exists(out)) {
      return null;
    }
    try (Connection conn = Sqlite.openExisting(out, true)) {
      if (!Schema.hasTable(conn, "feature_runs")) {
        return null;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT substr(max(ended), 1, 10) FROM feature_runs WHERE finished = 1")) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static java.util.Map<Object, WrittenRace> written(Connection conn) throws SQLException {
    java.util.Map<Object, WrittenRace> out = new java.util.HashMap<>();
    if (!Schema.hasTable(conn, "feature_races")) {
      return out;
    }
    // A run's tool version once per run, not joined to each of its races.
    java.util.Map<Long, String> tools = new java.util.HashMap<>();
    if (Schema.hasTable(conn, "feature_runs")) {
      try (Statement st = conn.createStatement();
          ResultSet rs = st.executeQuery("SELECT run_id, tool_version FROM feature_runs")) {
        while (rs.next()) {
          tools.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    StringBuilder sql = new StringBuilder("SELECT race_id, run_id, catalogue_version");
    for (String column : List.of("fingerprint", "start_minute", "racecard")) {
      sql.append(", ").append(Schema.hasColumn(conn, "feature_races", column) ? column : "NULL");
    }
    // Read through the driver's column calls (an update reads one row per race of the table).
    try (PreparedStatement ps = conn.prepareStatement(sql.append(" FROM feature_races").toString());
        ResultSet rs = ps.executeQuery()) {
      Cells cells = Cells.of(ps);
      while (rs.next()) {
        Object id = Sqlite.id(cells.object(1));
        String tool = tools.get(cells.integer(2));
        int catalogue = (int) cells.integer(3);
        Long fp = cells.type(4) == Cells.NULL ? null : cells.integer(4);
        Long startMinute = cells.type(5) == Cells.NULL ? null : cells.integer(5);
        out.put(id, new WrittenRace(catalogue, tool, fp, startMinute, cells.integer(6) == 1));
      }
    }
    return out;
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

  /** Which way rows are inserted: "page images" or "jdbc". */
  public String inserterName() {
    return inserter.name();
  }

  /** Worker side: prepares a batch's rows for {@link #write} (thread-safe; reads only the rows). */
  public byte[] encode(FeatureRows rows) {
    return inserter.encode(rows);
  }

  /**
   * Whether an earlier run of this catalogue wrote the race's rows completely from the same input
   * rows (for {@code --resume}): a race whose fingerprint changed is never done.
   */
  public boolean isDone(Object raceId, long fingerprint) {
    WrittenRace w = existing.get(raceId);
    return w != null && w.catalogueVersion() == FeatureCatalogue.VERSION && w.fingerprint() != null
        && w.fingerprint() == fingerprint;
  }

  /**
   * Removes, in one transaction, the rows of every race in the table that starts at or after
   * {@code startMinute} (or whose start is unknown): the races an update recomputes, and the gone
   * races among them. A run killed after this finds those races missing and computes them again.
   */
  public void removeFrom(long startMinute) throws SQLException {
    String races = "SELECT race_id FROM feature_races WHERE start_minute >= ?1 OR start_minute IS NULL";
    // Their rows lie within their runner_id ranges: a range of the table's key (typically its tail)
    // instead of a scan of every row, unless a race's range is unknown (written before ranges were).
    String span = "SELECT min(first_runner_id), max(last_runner_id), count(*) FILTER (WHERE first_runner_id IS NULL"
        + " AND target_rows > 0) FROM feature_races WHERE start_minute >= ?1 OR start_minute IS NULL";
    long low = Long.MIN_VALUE;
    long high = Long.MAX_VALUE;
    try (PreparedStatement ps = conn.prepareStatement(span)) {
      ps.setLong(1, startMinute);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next() && rs.getLong(3) == 0 && rs.getObject(1) != null) {
          low = rs.getLong(1);
          high = rs.getLong(2);
        }
      }
    }
    try (PreparedStatement rows = conn.prepareStatement("DELETE FROM " + FeatureTable.NAME
            + " WHERE runner_id BETWEEN ?2 AND ?3 AND race_id IN (" + races + ")");
        PreparedStatement marks = conn.prepareStatement("DELETE FROM feature_races WHERE race_id IN ("
            + races + ")")) {
      rows.setLong(1, startMinute);
      rows.setLong(2, low);
      rows.setLong(3, high);
      rows.executeUpdate();
      marks.setLong(1, startMinute);
      marks.executeUpdate();
    }
    conn.commit();
    existing.values().removeIf(w -> w.startMinute() == null || w.startMinute() >= startMinute);
  }

  /** Number of races the table holds now. */
  public long racesInTable() throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM feature_races")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
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
    Races races = batch.races();
    for (int i = 0; i < races.size(); i++) {
      markRace.setObject(1, races.ids()[i]);
      markRace.setLong(2, runId);
      markRace.setInt(3, FeatureCatalogue.VERSION);
      markRace.setInt(4, races.targetRows()[i]);
      markRace.setLong(5, races.fingerprints()[i]);
      markRace.setLong(6, races.startMinutes()[i]);
      markRace.setInt(7, races.racecards()[i] ? 1 : 0);
      long[] runners = batch.runnerIds()[i];
      if (runners.length == 0) {
        markRace.setNull(8, java.sql.Types.INTEGER);
        markRace.setNull(9, java.sql.Types.INTEGER);
      } else {
        markRace.setLong(8, java.util.Arrays.stream(runners).min().getAsLong());
        markRace.setLong(9, java.util.Arrays.stream(runners).max().getAsLong());
      }
      markRace.addBatch();
    }
    markRace.executeBatch();
    racesWritten += races.size();
    rowsWritten += batch.rows().size();
    recordProgress(false);
    conn.commit();
  }

  private void deleteOld(Batch batch) throws SQLException {
    boolean any = false;
    for (int i = 0; i < batch.races().size(); i++) {
      if (existing.containsKey(batch.races().ids()[i])) {
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

  /** Records the end of the run: whether it finished its work or stopped early. */
  public void finish(boolean finished) throws SQLException {
    recordProgress(finished);
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
