package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;

/**
 * Chunks of a 20,000-race database (over four years) write exactly the full run's rows: chunks
 * that start mid-day, and late chunks whose races' history (horses' careers, jockeys' and
 * trainers' year-long windows and all-time records, ratings) reaches back before them. Rows are
 * compared in SQLite, value and storage class of every column.
 */
class YearsOfChunksTest {
  @TempDir static Path dir;
  static Path db;
  static Path full;

  @BeforeAll
  static void fullRun() throws Exception {
    db = dir.resolve("years.db");
    DemoDatabase.write(new DemoSpec(20_000, 23, 2), db, false);
    full = dir.resolve("full.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Asserts that every row of runner_features in {@code part} is the full run's row of that
   * runner, and that the full run has no other row of those races; the number of rows compared.
   */
  private static long assertFullRunsRows(Path part) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + full); Statement st = c.createStatement()) {
      st.execute("ATTACH '" + part + "' AS part");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_info('runner_features')")) {
        while (rs.next()) {
          columns.add(rs.getString(1) + ", typeof(" + rs.getString(1) + ")");
        }
      }
      String values = "SELECT " + String.join(", ", columns) + " FROM ";
      String ofPart = " WHERE race_id IN (SELECT race_id FROM part.runner_features)";
      long rows = count(c, "SELECT count(*) FROM part.runner_features");
      assertEquals(rows, count(c, "SELECT count(*) FROM main.runner_features" + ofPart), "the races' rows");
      assertEquals(0, count(c, "SELECT count(*) FROM (" + values + "part.runner_features EXCEPT " + values
          + "main.runner_features" + ofPart + ")"), "rows that differ from the full run's");
      return rows;
    }
  }

  @Test
  void twoChunksThatMeetMidDayWriteTheFullRunsTable() throws Exception {
    Path out = dir.resolve("chunks.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--limit=10007"); // 10,007 races: the cut falls within a day
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--offset=10007");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertTrue(count(c, "SELECT count(DISTINCT race_date) FROM races") > 3 * 365, "more than three years");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + full)) {
      assertEquals(count(c, "SELECT count(*) FROM runner_features"), assertFullRunsRows(out), "every row");
    }
  }

  @Test
  void aFewLateRacesAndTheLastYearAloneWriteTheFullRunsRows() throws Exception {
    Path few = dir.resolve("few.db");
    Cli.ok("generate", "--db=" + db, "--out=" + few, "--offset=17011", "--limit=7");
    assertTrue(assertFullRunsRows(few) >= 40, "seven races' rows");

    String lastYear;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT date(max(race_date), '-1 year') FROM races")) {
      rs.next();
      lastYear = rs.getString(1);
    }
    Path year = dir.resolve("year.db");
    Cli.ok("generate", "--db=" + db, "--out=" + year, "--from=" + lastYear);
    assertTrue(assertFullRunsRows(year) > 30_000, "a year's rows");
  }

  @Test
  void aResumedRunInHistoryChunksComputesOnlyWhatIsLeftAndWritesTheFullRunsTable() throws Exception {
    Path out = dir.resolve("resumed-chunks.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--limit=9001");
    // The first chunks have nothing left to do: their histories are never built.
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + out, "--resume", "--history-rows=25000");
    assertTrue(r.out().contains("(9,001 already done, skipped)"), r.out());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + full)) {
      assertEquals(count(c, "SELECT count(*) FROM runner_features"), assertFullRunsRows(out), "every row");
    }
  }

  @Test
  void aRunInHistoryChunksOfAFewThousandRowsWritesTheFullRunsTable() throws Exception {
    Path out = dir.resolve("history-chunks.db");
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + out, "--history-rows=25000", "--batch-races=333",
        "--workers=2");
    assertTrue(r.err().contains("prepared the first of 8 history chunks"), r.err());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + full)) {
      assertEquals(count(c, "SELECT count(*) FROM runner_features"), assertFullRunsRows(out), "every row");
    }
  }
}
