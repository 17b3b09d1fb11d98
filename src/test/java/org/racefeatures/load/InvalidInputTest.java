package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.FixtureDb;
import org.racefeatures.testing.Rejection;

/** Each kind of invalid input of features.md: exit 1, the row named, nothing written. */
class InvalidInputTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("bad.db");
  }

  /** A valid race 1 (2020-01-01) and race 2 (2020-01-05) sharing horses 1 and 2. */
  private FixtureDb validBase() throws Exception {
    return FixtureDb.twoRacesOfTwoHorses(db());
  }

  private void assertRejected(String expectedInMessage) throws Exception {
    Rejection.assertRejected(db(), expectedInMessage);
  }

  @Test
  void finishedWithoutPositionNamesTheRunner() throws Exception {
    long bad;
    try (FixtureDb f = validBase()) {
      long r = f.race("2020-02-01", "14:00").add();
      bad = f.runner(r, 3).raw("FIN", null);
    }
    assertRejected("runners row runner_id=" + bad + ", column finish_position: is NULL but status is 'FIN'");
  }

  @Test
  void positionWithoutFinishedStatusNamesTheRunner() throws Exception {
    long bad;
    try (FixtureDb f = validBase()) {
      long r = f.race("2020-02-01", "14:00").add();
      f.runner(r, 3).fin(1);
      bad = f.runner(r, 4).raw("fin", 2); // status codes are compared exactly
    }
    assertRejected("runner_id=" + bad + ", column finish_position: 2 given but status is not 'FIN'");
  }

  @Test
  void positionOutsideTheFieldNamesTheRunner() throws Exception {
    long bad;
    try (FixtureDb f = validBase()) {
      long r = f.race("2020-02-01", "14:00").add();
      f.runner(r, 3).fin(1);
      f.runner(r, 5).sp(null).status("NR");
      bad = f.runner(r, 4).fin(3);
    }
    assertRejected("runner_id=" + bad + ", column finish_position: 3 is outside 1..2");
  }

  @Test
  void startingPriceOfOneOrLessNamesTheRunner() throws Exception {
    long bad;
    try (FixtureDb f = validBase()) {
      long r = f.race("2020-02-01", "14:00").add();
      bad = f.runner(r, 3).sp(1.0).fin(1);
    }
    assertRejected("runner_id=" + bad + ", column sp_decimal: 1.0 is not greater than 1");
  }

  @Test
  void unparseableDateTimeAndDistanceNameTheRace() throws Exception {
    try (FixtureDb f = validBase()) {
      f.race("2020-02-30", "14:00").id(50).add();
      f.race("2020-03-01", "2pm").id(51).add();
      f.race("2020-03-02", "14:00").id(52).distance(0).add();
    }
    byte[] before = Files.readAllBytes(db());
    Cli.Result r = Cli.run("generate", "--db=" + db());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("races row race_id=50, column race_date: not a date 'YYYY-MM-DD': '2020-02-30'"), r.err());
    assertTrue(r.err().contains("races row race_id=51, column off_time: not a time 'HH:MM': '2pm'"), r.err());
    assertTrue(r.err().contains("races row race_id=52, column distance_m: not a positive distance: 0"), r.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db())));
  }

  @Test
  void skipInvalidLeavesOutOnlyThoseRacesAndTheirRunsFromHistory() throws Exception {
    long badRace;
    long later;
    try (FixtureDb f = validBase()) {
      badRace = f.race("2020-02-01", "14:00").add();
      f.runner(badRace, 1).fin(1);
      f.runner(badRace, 2).sp(0.5).fin(2);
      long r = f.race("2020-03-01", "14:00").add();
      later = f.runner(r, 1).fin(1);
      f.runner(r, 2).fin(2);
    }
    Cli.Result r = Cli.ok("generate", "--db=" + db(), "--skip-invalid");
    assertTrue(r.err().contains("Left out 1 invalid race(s) (--skip-invalid) for 1 invalid row(s)")
        && r.err().contains("by column: runners.sp_decimal 1") && r.err().contains("column sp_decimal: 0.5"), r.err());
    Map<Long, Map<String, Object>> rows = FeatureTables.read(db());
    assertEquals(6, rows.size(), "three valid races of two runners");
    assertTrue(rows.values().stream().noneMatch(x -> x.get("race_id").equals(badRace)));
    assertEquals(2L, rows.get(later).get("h_runs"), "the skipped race's run is not history");
    FeatureTables.assertSame(FeatureTables.reference(db(), Set.of(badRace), null), rows);
  }

  @Test
  void inputTablesAreNeverModified() throws Exception {
    try (FixtureDb f = validBase()) {
      // valid as it is
    }
    String before = dump(db());
    Cli.ok("generate", "--db=" + db());
    assertEquals(before, dump(db()));
  }

  private static String dump(Path db) throws Exception {
    StringBuilder b = new StringBuilder();
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement()) {
      for (String t : new String[] {"courses", "horses", "jockeys", "trainers", "races", "runners"}) {
        try (ResultSet rs = st.executeQuery("SELECT * FROM " + t + " ORDER BY 1")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              b.append(rs.getObject(i)).append('|');
            }
            b.append('\n');
          }
        }
      }
    }
    return b.toString();
  }
}
