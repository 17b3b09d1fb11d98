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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.RacingData;

/**
 * The bulk loader: reads {@code races} and {@code runners} through sqlite-jdbc inside one read
 * transaction, so every row comes from one committed state of the file in any journal mode (in
 * rollback-journal mode a second connection may read part of them while that transaction holds its
 * lock, see {@link InputReader}); numbers the ids; checks the rows against the input contract ({@link
 * InputRules}); and lays them out as the engine's Arrow columns in race-time order ({@link
 * RaceOrder}, {@link EngineTables}). Columns are read by name ({@link SourceTable}), one consumer
 * each ({@link ColumnReader}). The input is only read.
 */
public final class Loader {
  private final String source;
  private final Layout layout;
  private final InputReader reader;
  private Map<String, Integer> statusCounts = Map.of();

  /** @param db the database to load (how messages name it), in the native layout */
  public Loader(Path db) {
    this(db, Layout.NATIVE);
  }

  /**
   * @param db the database to load (how messages name it)
   * @param layout how its tables are read as races and runners
   */
  public Loader(Path db, Layout layout) {
    this.source = db.toString();
    this.layout = layout;
    this.reader = new InputReader(db, layout);
  }

  /**
   * Reads, checks and lays out the database, first creating the layout's temp views on {@code conn}
   * (they stay there, so the caller may read the mapped tables too).
   *
   * @param skipInvalid leave invalid races out (listed in {@link RacingData#skipped()}) instead of
   *     failing
   * @throws InvalidInputException when the input breaks the contract and {@code skipInvalid} is off
   */
  public RacingData load(Connection conn, BufferAllocator allocator, boolean skipInvalid)
      throws SQLException {
    SourceTable raceTable;
    SourceTable runnerTable;
    try (InputColumns.Races r = new InputColumns.Races(allocator);
        InputColumns.Runners n = new InputColumns.Runners(allocator)) {
      raceTable = new SourceTable("races", InputColumns.names(r.all));
      runnerTable = new SourceTable("runners", InputColumns.names(n.all));
    }
    // One helper thread: a second reading connection, then half of the id numbering.
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "racefeatures-load");
      t.setDaemon(true);
      return t;
    });
    try (InputColumns.Races races = new InputColumns.Races(allocator)) {
      return load(conn, allocator, skipInvalid, races, raceTable, runnerTable, helper);
    } finally {
      helper.shutdownNow();
    }
  }

  private RacingData load(Connection conn, BufferAllocator allocator, boolean skipInvalid,
      InputColumns.Races races, SourceTable raceTable, SourceTable runnerTable, ExecutorService helper)
      throws SQLException {
    layout.apply(conn);
    InputColumns.Runners runners = null;
    Future<?> horsesAndJockeys = null;
    try {
      boolean autoCommit = conn.getAutoCommit();
      conn.setAutoCommit(false); // one read transaction: one state of the file for both tables
      try {
        List<String> missing = new ArrayList<>(raceTable.missing(conn));
        missing.addAll(runnerTable.missing(conn));
        if (!missing.isEmpty()) {
          throw new InputException(source + ": missing from the input layout of schema.sql"
              + (layout.isNative() ? "" : " as " + layout.describe() + " maps it") + ": " + String.join(", ", missing)
              + (layout.isNative() && Schema.hasTable(conn, "results") ? " (a database in The Racing API's layout"
                  + " is read with --layout racing-api)" : "")
              + (missing.stream().anyMatch(m -> m.matches("column races\\.(surface|race_type|prize)"))
                  ? " (catalogue version 2 reads races.surface, race_type and prize; a file without them can give"
                      + " them as NULL through a layout file: see racefeatures layout)" : ""));
        }
        runners = reader.read(conn, raceTable, races, runnerTable, allocator, helper);
        InputColumns.Runners read = runners;
        horsesAndJockeys = helper.submit(read::encodeHorsesAndJockeys);
        races.encode();
        checkRaceKeys(races);
        runners.encodeRacesAndTrainers(races);
        Sqlite.await(horsesAndJockeys);
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
      RaceOrder order = new RaceOrder(rules.day, rules.minute, races.raceId.ids(), rules.badRace,
          runners.raceId::key, runners.size);
      return EngineTables.build(allocator, races, runners, rules, order, helper);
    } finally {
      if (horsesAndJockeys != null) {
        EngineTables.awaitQuietly(horsesAndJockeys); // it writes into the runners' vectors
      }
      if (runners != null) {
        runners.close(); // what the tables did not take
      }
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
    return reader.connectionsUsed();
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
   * that names the column, never a silent split. (Asks SQLite only for columns with texts that
   * would be equal under NOCASE or RTRIM, the built-in collations that can merge texts.)
   */
  private void checkTextIdsCompareAsInSqlite(Connection conn, InputColumns.Races races,
      InputColumns.Runners runners) throws SQLException {
    record IdColumn(String table, IdReader reader) {}
    for (IdColumn c : List.of(new IdColumn("races", races.courseId), new IdColumn("runners", runners.horseId),
        new IdColumn("runners", runners.jockeyId), new IdColumn("runners", runners.trainerId))) {
      if (!c.reader().anyText() || !c.reader().textsMayCollide()) {
        continue;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT count(DISTINCT "
          + Schema.quoteIdentifier(c.reader().name) + ") FROM " + Schema.quoteIdentifier(c.table()))) {
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
      int key = races.raceId.key(i);
      if (key == -1) {
        throw new InputException(source + ": table races has a row with NULL race_id");
      }
      if (key != i) {
        throw new InputException(source + ": table races has race_id "
            + org.racefeatures.model.InvalidRow.show(races.raceId.value(key)) + " more than once");
      }
    }
  }
}
