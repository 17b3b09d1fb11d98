package org.racefeatures.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.Ids;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;

/**
 * The bulk loader: reads {@code races} and {@code runners} through sqlite-jdbc inside one read
 * transaction, so every row comes from one committed state of the file in any journal mode (in
 * rollback-journal mode a second connection may read part of them while that transaction holds its
 * lock, see {@link #split}); numbers the ids; checks the rows against the input contract ({@link
 * InputRules}); and lays them out as the engine's Arrow columns in race-time order ({@link
 * RaceOrder}). Columns are read by name ({@link SourceTable}), one consumer each ({@link
 * ColumnReader}). The input is only read.
 */
public final class Loader {
  private final Path db;
  private final String source;
  private Map<String, Integer> statusCounts = Map.of();
  private int connectionsUsed;

  /** @param db the database to load (how messages name it) */
  public Loader(Path db) {
    this.db = db;
    this.source = db.toString();
  }

  /**
   * Reads, checks and lays out the database.
   *
   * @param skipInvalid leave invalid races out (listed in {@link RacingData#skipped()}) instead of
   *     failing
   * @throws InvalidInputException when the input breaks the contract and {@code skipInvalid} is off
   */
  public RacingData load(Connection conn, BufferAllocator allocator, boolean skipInvalid)
      throws SQLException {
    InputColumns.Races races = new InputColumns.Races();
    SourceTable raceTable = new SourceTable("races", InputColumns.names(races.all));
    SourceTable runnerTable = new SourceTable("runners", InputColumns.names(new InputColumns.Runners().all));
    // One helper thread: a second reading connection, then half of the id numbering.
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "racefeatures-load");
      t.setDaemon(true);
      return t;
    });
    try {
      return load(conn, allocator, skipInvalid, races, raceTable, runnerTable, helper);
    } finally {
      helper.shutdownNow();
    }
  }

  private RacingData load(Connection conn, BufferAllocator allocator, boolean skipInvalid,
      InputColumns.Races races, SourceTable raceTable, SourceTable runnerTable, ExecutorService helper)
      throws SQLException {
    InputColumns.Runners runners;
    boolean autoCommit = conn.getAutoCommit();
    conn.setAutoCommit(false); // one read transaction: one state of the file for both tables
    try {
      List<String> missing = new ArrayList<>(raceTable.missing(conn));
      missing.addAll(runnerTable.missing(conn));
      if (!missing.isEmpty()) {
        throw new InputException(source + ": missing from the input layout of schema.sql: "
            + String.join(", ", missing));
      }
      runners = read(conn, raceTable, races, runnerTable, helper);
      InputColumns.Runners read = runners;
      Future<?> horsesAndJockeys = helper.submit(read::encodeHorsesAndJockeys);
      races.encode();
      checkRaceKeys(races);
      runners.encodeRacesAndTrainers(races);
      await(horsesAndJockeys);
      checkTextIdsCompareAsInSqlite(conn, races, runners);
    } catch (SQLException e) {
      throw endRead(conn, autoCommit, Sqlite.readFailure(source, "tables races and runners", e));
    } catch (RuntimeException e) {
      throw endRead(conn, autoCommit, e);
    }
    RuntimeException failure = endRead(conn, autoCommit, null);
    if (failure != null) {
      throw failure;
    }
    statusCounts = runners.status.countsByCode();
    InputRules rules = new InputRules(races, runners);
    if (!rules.invalid.isEmpty() && !skipInvalid) {
      throw new InvalidInputException(source, rules.invalid);
    }
    Object[] raceIds = new Object[races.size];
    for (int i = 0; i < raceIds.length; i++) {
      raceIds[i] = races.raceId.value(i);
    }
    RaceOrder order = new RaceOrder(rules.day, rules.minute, raceIds, rules.badRace,
        Arrays.copyOf(runners.raceId.keys, runners.size));
    return layOut(allocator, races, runners, rules, order);
  }

  /**
   * Reads both tables, inside the caller's read transaction on {@code conn}. Where a second
   * connection provably sees the same state ({@link #split}), it reads the races and the upper part
   * of the runners meanwhile: the driver's cost per value, not SQLite's, is what a load waits on.
   */
  private InputColumns.Runners read(Connection conn, SourceTable raceTable, InputColumns.Races races,
      SourceTable runnerTable, ExecutorService helper) throws SQLException {
    Split split = split(conn, runnerTable);
    connectionsUsed = 1;
    if (split == null) {
      races.size = raceTable.read(conn, races.all, null, null, 0, -1);
      InputColumns.Runners runners = new InputColumns.Runners();
      runners.size = runnerTable.read(conn, runners.all, "runner_id", null, 0, -1);
      return runners;
    }
    SourceTable.Range low = new SourceTable.Range("runner_id", split.at(), true);
    SourceTable.Range high = new SourceTable.Range("runner_id", split.at(), false);
    InputColumns.Runners runners = new InputColumns.Runners(split.lowerRows() + split.upperRows());
    InputColumns.Runners upper = runners.part();
    Future<Boolean> second = helper.submit(() -> readOnSecondConnection(raceTable, races, runnerTable, high,
        upper, split.lowerRows(), split.upperRows()));
    runnerTable.read(conn, runners.all, "runner_id", low, 0, split.lowerRows());
    if (await(second)) {
      connectionsUsed = 2;
      runners.absorb(upper);
    } else { // the second connection could not start at once: read the rest here
      races.size = raceTable.read(conn, races.all, null, null, 0, -1);
      InputColumns.Runners rest = runners.part();
      runnerTable.read(conn, rest.all, "runner_id", high, split.lowerRows(), split.upperRows());
      runners.absorb(rest);
    }
    // Only now may this connection's transaction end: the second one has read everything.
    runners.size = split.lowerRows() + split.upperRows();
    return runners;
  }

  /**
   * Where the runners are cut in two: rows below {@code at} on this connection, the rest (and the
   * races) on a second one.
   */
  private record Split(long at, int lowerRows, int upperRows) {}

  /**
   * Where the runners may be read in two parts on two connections, the split; else null. Two
   * connections see the same state only in rollback-journal mode: this connection's read
   * transaction holds a SHARED lock from its first read until the second connection has read
   * everything, and no writer can commit while any SHARED lock is held. (In WAL mode a writer
   * commits beside readers, so a second connection could see a later state.) The parts must also be
   * cheap to find: {@code runners} an ordinary table whose runner_id is its rowid, and large enough
   * for a second thread to pay.
   */
  private static Split split(Connection conn, SourceTable runners) throws SQLException {
    if (!Sqlite.readersShareState(conn) || !Sqlite.isRowidTable(conn, "runners", "runner_id")) {
      return null;
    }
    try (Statement st = conn.createStatement()) {
      long rows;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + SourceTable.quote(runners.name))) {
        rows = rs.next() ? rs.getLong(1) : 0;
      }
      if (rows < MIN_ROWS_TO_SPLIT || rows > Integer.MAX_VALUE / 2) {
        return null;
      }
      // The second connection also reads the races, which cost about a tenth of the runners.
      int lower = (int) (rows * LOWER_SHARE);
      try (ResultSet rs = st.executeQuery("SELECT runner_id FROM runners ORDER BY runner_id LIMIT 1 OFFSET "
          + lower)) {
        return rs.next() ? new Split(rs.getLong(1), lower, (int) rows - lower) : null;
      }
    }
  }

  /** The share of the runner rows this connection reads when the runners are cut in two. */
  private static final double LOWER_SHARE = 0.56;

  /** Below this many runner rows, one connection reads them all. */
  private static final long MIN_ROWS_TO_SPLIT = 10_000;

  /**
   * Reads the runners of {@code range} into {@code part} (rows {@code firstRow} on), then the races,
   * on a connection of its own that does not wait for a lock: false when it cannot start at once (a
   * writer is waiting to commit, which it can only do once the caller's transaction ends); nothing
   * has been read then.
   */
  private boolean readOnSecondConnection(SourceTable raceTable, InputColumns.Races races,
      SourceTable runnerTable, SourceTable.Range range, InputColumns.Runners part, int firstRow, int rows)
      throws SQLException {
    Connection second;
    try {
      second = Sqlite.openExisting(db, true, 0);
    } catch (InputException e) {
      return false;
    }
    try (second) {
      second.setAutoCommit(false);
      try {
        runnerTable.read(second, part.all, "runner_id", range, firstRow, rows);
      } catch (SQLException e) {
        if (e instanceof org.sqlite.SQLiteException s && s.getResultCode().name().startsWith("SQLITE_BUSY")) {
          return false; // the first read found the file locked: nothing was read
        }
        throw e;
      }
      races.size = raceTable.read(second, races.all, null, null, 0, -1);
      return true;
    }
  }

  private static <T> T await(Future<T> f) throws SQLException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading the runners", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new SQLException(e.getCause());
    }
  }

  /**
   * Ends the read transaction and restores the connection's mode; a failure to do so is added to
   * {@code failure} (which it returns), or returned itself when there was none.
   */
  private RuntimeException endRead(Connection conn, boolean autoCommit, RuntimeException failure) {
    try {
      conn.commit();
      conn.setAutoCommit(autoCommit);
      return failure;
    } catch (SQLException e) {
      if (failure != null) {
        failure.addSuppressed(e);
        return failure;
      }
      return Sqlite.readFailure(source, "tables races and runners", e);
    }
  }

  /** How many connections read the input in the last load (2 where a second one could, else 1). */
  int connectionsUsed() {
    return connectionsUsed;
  }

  /**
   * Rows per {@code runners.status} code of the last load: {@code NULL}, {@code FIN}, {@code NR},
   * then every other code in order.
   */
  public Map<String, Integer> statusCounts() {
    return statusCounts;
  }

  /**
   * Text ids are numbered by their exact text; SQLite compares a column's text with its collation
   * ({@code COLLATE NOCASE} makes 'HRS_1' equal 'hrs_1'). Where some text ids of a column are equal
   * under it but differ in their text, they would be two entities here and one in SQLite: an error
   * that names the column, never a silent split. (Runs only for columns that hold text.)
   */
  private void checkTextIdsCompareAsInSqlite(Connection conn, InputColumns.Races races,
      InputColumns.Runners runners) throws SQLException {
    record IdColumn(String table, IdReader reader) {}
    for (IdColumn c : List.of(new IdColumn("races", races.courseId), new IdColumn("runners", runners.horseId),
        new IdColumn("runners", runners.jockeyId), new IdColumn("runners", runners.trainerId))) {
      if (!c.reader().anyText()) {
        continue;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(DISTINCT "
          + SourceTable.quote(c.reader().name) + ") FROM " + SourceTable.quote(c.table()))) {
        long sqlite = rs.next() ? rs.getLong(1) : 0;
        if (sqlite != c.reader().distinct()) {
          throw new InputException(source + ": column " + c.table() + "." + c.reader().name + " holds "
              + c.reader().distinct() + " different ids, but SQLite's = finds " + sqlite + " (its collation"
              + " makes some different texts equal, e.g. in case): ids that differ only so are not supported");
        }
      }
    }
  }

  /** Every race has its own, non-NULL race_id (the key of row {@code i} is then {@code i}). */
  private void checkRaceKeys(InputColumns.Races races) {
    for (int i = 0; i < races.size; i++) {
      int key = races.raceId.keys[i];
      if (key == -1) {
        throw new InputException(source + ": table races has a row with NULL race_id");
      }
      if (key != i) {
        throw new InputException(source + ": table races has race_id "
            + org.racefeatures.model.InvalidRow.show(races.raceId.value(key)) + " more than once");
      }
    }
  }

  private static RacingData layOut(BufferAllocator allocator, InputColumns.Races rc, InputColumns.Runners rn,
      InputRules rules, RaceOrder order) {
    int kept = order.races.length;
    int rows = order.rows.length;
    int[] place = order.rows;
    int[] byRace = order.races;
    List<AutoCloseable> built = new ArrayList<>();
    Columns columns = new Columns(allocator);
    try {
      List<Object> keptIds = new ArrayList<>(kept);
      for (int race : byRace) {
        keptIds.add(rc.raceId.value(race));
      }
      int[] day = new int[kept];
      int[] minute = new int[kept];
      for (int i = 0; i < kept; i++) {
        day[i] = rules.day[byRace[i]];
        minute[i] = rules.minute[byRace[i]];
      }
      IdDictionary goingNames = new IdDictionary();
      int[] going = goingCodes(rc, goingNames);
      RaceTable races = new RaceTable(new Ids(keptIds),
          add(built, columns.int32("course", rc.courseId.keys, byRace, kept, true)), rc.courseId.distinct(),
          add(built, columns.int32("day", day, null, kept, false)),
          add(built, columns.int32("minute", minute, null, kept, false)),
          add(built, columns.int32("distance_m", rc.distance.values, rc.distance.isNull, byRace, kept)),
          add(built, columns.int32("going", going, byRace, kept, true)),
          add(built, columns.int32("race_class", rc.raceClass.values, rc.raceClass.isNull, byRace, kept)),
          add(built, columns.int32("first_runner", order.firstRunner, null, kept + 1, false)),
          goingNames.ids().strings());
      int[] raceOfRow = new int[rows];
      for (int i = 0; i < rows; i++) {
        raceOfRow[i] = order.rank[rn.raceId.keys[place[i]]];
      }
      BigIntVector runnerId = add(built, columns.bigInt("runner_id", rn.runnerId.values, place, rows));
      IntVector race = add(built, columns.int32("race", raceOfRow, null, rows, false));
      IntVector horse = add(built, columns.int32("horse", rn.horseId.keys, place, rows, true));
      IntVector jockey = add(built, columns.int32("jockey", rn.jockeyId.keys, place, rows, true));
      IntVector trainer = add(built, columns.int32("trainer", rn.trainerId.keys, place, rows, true));
      IntVector draw = add(built, columns.int32("draw", rn.draw.values, rn.draw.isNull, place, rows));
      Float8Vector weight = add(built, columns.float8("weight_kg", rn.weight.values, rn.weight.isNull, place, rows));
      IntVector age = add(built, columns.int32("age", rn.age.values, rn.age.isNull, place, rows));
      IntVector rating = add(built, columns.int32("official_rating", rn.rating.values, rn.rating.isNull, place, rows));
      Float8Vector sp = add(built, columns.float8("sp_decimal", rn.sp.values, rn.sp.isNull, place, rows));
      TinyIntVector status = add(built, columns.int8("status", rn.status.codes, place, rows));
      IntVector position = add(built, columns.int32("finish_position", rn.position.values, rn.position.isNull,
          place, rows));
      Float8Vector beaten = add(built, columns.float8("beaten_lengths", rn.beaten.values, rn.beaten.isNull,
          place, rows));
      RunnerTable runners = new RunnerTable(runnerId, race, horse, rn.horseId.ids(), jockey, rn.jockeyId.distinct(),
          trainer, rn.trainerId.distinct(), draw, weight, age, rating, sp, status, position, beaten);
      return new RacingData(races, runners, rules.invalid);
    } catch (RuntimeException | Error e) {
      for (AutoCloseable c : built) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The going texts dictionary-encoded: equal strings, equal codes; -1 for NULL. */
  private static int[] goingCodes(InputColumns.Races rc, IdDictionary names) {
    int[] codes = new int[rc.size];
    for (int i = 0; i < rc.size; i++) {
      String going = rc.going.values[i];
      codes[i] = going == null ? -1 : names.key(going, true);
    }
    return codes;
  }

  private static <V extends AutoCloseable> V add(List<AutoCloseable> built, V vector) {
    built.add(vector);
    return vector;
  }
}
