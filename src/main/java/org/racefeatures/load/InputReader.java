package org.racefeatures.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.RacingData;

/**
 * Reading the input tables through the driver: the races and the runners, inside the caller's read
 * transaction, on one connection or, where that provably sees the same state, two.
 */
final class InputReader {
  private final Path db;
  private final Layout layout;
  private int connectionsUsed;

  /**
   * @param db the database, for a second connection to it
   * @param layout the layout the caller's connection reads through; a second connection gets its
   *     views too
   */
  InputReader(Path db, Layout layout) {
    this.db = db;
    this.layout = layout;
  }

  /** How many connections read the input (2 where a second one could, else 1). */
  int connectionsUsed() {
    return connectionsUsed;
  }

  /**
   * Reads both tables, inside the caller's read transaction on {@code conn}. Where a second
   * connection provably sees the same state ({@link #split}), it reads the races and the upper part
   * of the runners meanwhile: the driver's cost per value, not SQLite's, is what a load waits on.
   */
  InputColumns.Runners read(Connection conn, SourceTable raceTable, InputColumns.Races races,
      SourceTable runnerTable, BufferAllocator allocator, ExecutorService helper) throws SQLException {
    Split split = split(conn, runnerTable, layout.isNative());
    connectionsUsed = 1;
    if (split == null) {
      races.size = raceTable.read(conn, races.all, null, null, 0, -1);
      // Counted in the same transaction, so the columns are allocated once: grown by doubling they
      // would hold up to twice the rows, and three times while the last copy is made.
      int rows = runnerTable.countIfTable(conn);
      InputColumns.Runners runners = rows >= 0 ? new InputColumns.Runners(allocator, rows)
          : new InputColumns.Runners(allocator);
      try {
        runners.size = runnerTable.read(conn, runners.all, "runner_id", null, 0, rows);
        return runners;
      } catch (SQLException | RuntimeException e) {
        runners.close();
        throw e;
      }
    }
    InputColumns.Runners runners = new InputColumns.Runners(allocator, split.lowerRows() + split.upperRows());
    try {
      return readInTwo(conn, raceTable, races, runnerTable, helper, split, runners);
    } catch (SQLException | RuntimeException e) {
      RacingData.stopThreads(helper); // it may still be writing into the vectors
      runners.close();
      throw e;
    }
  }

  private InputColumns.Runners readInTwo(Connection conn, SourceTable raceTable, InputColumns.Races races,
      SourceTable runnerTable, ExecutorService helper, Split split, InputColumns.Runners runners)
      throws SQLException {
    SourceTable.Range low = new SourceTable.Range("runner_id", split.at(), true);
    SourceTable.Range high = new SourceTable.Range("runner_id", split.at(), false);
    InputColumns.Runners upper = runners.part(split.lowerRows(), split.upperRows());
    boolean read = false;
    try {
      Future<Boolean> second = helper.submit(() -> readOnSecondConnection(raceTable, races, runnerTable, high,
          upper, split.lowerRows(), split.upperRows()));
      runnerTable.read(conn, runners.all, "runner_id", low, 0, split.lowerRows());
      if (Sqlite.await(second)) {
        connectionsUsed = 2;
        runners.absorb(upper);
      } else { // the second connection could not start at once: read the rest here
        races.size = raceTable.read(conn, races.all, null, null, 0, -1);
        runnerTable.read(conn, runners.all, "runner_id", high, split.lowerRows(), split.upperRows());
      }
      read = true;
    } finally {
      if (!read) {
        RacingData.stopThreads(helper); // it may still be writing into the part's vectors
      }
      upper.closePart();
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
   * commits beside readers, so a second connection could see a later state.) The parts must be
   * cheap to find: in the native layout {@code runners} an ordinary table whose runner_id is its
   * rowid; through a layout, a view whose runner_id the mapping passes through (ranges of it reach
   * the table under the view). And they must be large enough for a second thread to pay.
   */
  private static Split split(Connection conn, SourceTable runners, boolean nativeLayout) throws SQLException {
    if (!Sqlite.readersShareState(conn)
        || (nativeLayout && !Schema.isRowidTable(conn, "runners", "runner_id"))) {
      return null;
    }
    String table = Schema.quoteIdentifier(runners.name);
    try (Statement st = conn.createStatement()) {
      long rows;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
        rows = rs.next() ? rs.getLong(1) : 0;
      }
      if (rows < MIN_ROWS_TO_SPLIT || rows > Integer.MAX_VALUE / 2) {
        return null;
      }
      // The second connection also reads the races, which cost about a tenth of the runners.
      long at;
      try (ResultSet rs = st.executeQuery("SELECT runner_id FROM " + table + " ORDER BY runner_id LIMIT 1 OFFSET "
          + (long) (rows * LOWER_SHARE))) {
        if (!rs.next() || rs.getObject(1) == null) {
          return null;
        }
        at = rs.getLong(1);
      }
      if (nativeLayout) { // distinct, never NULL: the offset is the count below
        return new Split(at, (int) (rows * LOWER_SHARE), (int) (rows - (long) (rows * LOWER_SHARE)));
      }
      // A view may hold NULL runner_ids, which neither range reads: then one connection reads all.
      try (ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE runner_id IS NULL)")) {
        if (rs.next() && rs.getBoolean(1)) {
          return null;
        }
      }
      // And it may repeat a runner_id: count what lies below.
      try (var ps = conn.prepareStatement("SELECT count(*) FROM " + table + " WHERE runner_id < ?")) {
        ps.setLong(1, at);
        try (ResultSet rs = ps.executeQuery()) {
          long lower = rs.next() ? rs.getLong(1) : 0;
          return new Split(at, (int) lower, (int) (rows - lower));
        }
      }
    }
  }

  /** The share of the runner rows this connection reads when the runners are cut in two. */
  private static final double LOWER_SHARE = 0.56;

  /** Below this many runner rows, one connection reads them all. */
  private static final long MIN_ROWS_TO_SPLIT = 10_000;

  /**
   * Reads the runners of {@code range} into {@code part} (rows {@code firstRow} on), then the races,
   * on a connection of its own ({@link Sqlite#beginSecondReader}): false, with nothing read, when
   * that cannot start at once.
   */
  private boolean readOnSecondConnection(SourceTable raceTable, InputColumns.Races races,
      SourceTable runnerTable, SourceTable.Range range, InputColumns.Runners part, int firstRow, int rows)
      throws SQLException {
    Connection second = Sqlite.beginSecondReader(db);
    if (second == null) {
      return false;
    }
    try (second) {
      layout.apply(second);
      runnerTable.read(second, part.all, "runner_id", range, firstRow, rows);
      races.size = raceTable.read(second, races.all, null, null, 0, -1);
      return true;
    }
  }
}
