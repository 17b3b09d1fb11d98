package org.racefeatures.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FixtureDb;

/** {@code explain --runner}: the sources it shows, its check against the table, its JSON. */
class ExplainTest {
  @TempDir Path dir;

  /** Horse 1 wins a dead heat with horse 2, then runs with no jockey; horse 3 has no history; race 3 is a racecard. */
  private Path fixture() throws Exception {
    Path db = dir.resolve("fixture.db");
    try (FixtureDb f = new FixtureDb(db)) {
      long r1 = f.race("2020-01-01", "14:00").add();
      f.runner(r1, 1).jockey(2L).fin(1);
      f.runner(r1, 2).jockey(3L).fin(1);
      f.runner(r1, 4).jockey(4L).fin(3);
      long r2 = f.race("2020-02-01", "14:00").add();
      f.runner(r2, 1).jockey(null).fin(2);
      f.runner(r2, 3).jockey(2L).fin(1);
      f.runner(r2, 2).status("NR");
      long r3 = f.race("2020-03-01", "15:00").add();
      f.runner(r3, 1).jockey(2L).status(null);
      f.runner(r3, 2).jockey(3L).status(null);
    }
    Cli.ok("generate", "--db=" + db);
    return db;
  }

  private static JsonNode json(Path db, long runner) throws Exception {
    Cli.Result r = Cli.ok("explain", "--db=" + db, "--runner=" + runner, "--format=json");
    return new ObjectMapper().readTree(r.out());
  }

  /** Every feature and label of the JSON holds the table's value (integers exactly, reals to 1e-9). */
  private static void assertValuesAreTheTables(Path db, long runner, JsonNode e) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM runner_features WHERE runner_id = " + runner)) {
      assertTrue(rs.next());
      ResultSetMetaData md = rs.getMetaData();
      int checked = 0;
      for (JsonNode f : e.get("features")) {
        int col = rs.findColumn(f.get("name").asText());
        Object v = rs.getObject(col);
        JsonNode shown = f.get("table");
        if (v == null) {
          assertTrue(shown.isNull(), f.toString());
        } else if (v instanceof Double d) {
          assertEquals(d, shown.asDouble(), 1e-9 * Math.max(1, Math.abs(d)), f.toString());
        } else if (v instanceof Number n) {
          assertEquals(n.longValue(), shown.asLong(), f.toString());
        } else {
          assertEquals(v.toString(), shown.asText(), f.toString());
        }
        assertEquals("matches", f.get("status").asText(), f.toString());
        checked++;
      }
      assertEquals(md.getColumnCount() - 4, checked, "every feature and label, not the keys");
    }
  }

  @Test
  void aRunnerWithoutHistoryStartsAt1500AndMatches() throws Exception {
    Path db = fixture();
    JsonNode e = json(db, 1);
    assertEquals(0, e.get("horse_runs").size());
    assertEquals(1500.0, e.get("elo").get("before_race").asDouble());
    assertTrue(e.get("matches").asBoolean());
    assertValuesAreTheTables(db, 1, e);
  }

  @Test
  void aDeadHeatInTheHistoryIsAWinForBothHorsesAndTheRatingIsRecomputedFromIt() throws Exception {
    Path db = fixture();
    JsonNode e = json(db, 4); // horse 1 in race 2: its history is the dead heat of race 1
    JsonNode run = e.get("horse_runs").get(0);
    assertEquals(1, run.get("finish_position").asInt());
    assertEquals(3, run.get("field_size").asInt());
    assertTrue(e.get("elo").get("how").asText().contains("recomputed from the horse's last run"));
    assertTrue(e.get("jockey").isNull(), "no jockey on this row");
    assertTrue(e.get("pairs").get("horse_jockey").isNull());
    assertValuesAreTheTables(db, 4, e);
  }

  @Test
  void aRacecardRowHasNoLabelsAndItsWindowsNameTheirRuns() throws Exception {
    Path db = fixture();
    long racecard = 7; // horse 1 on the racecard, jockey 2: jockey 2 rode in races 1 and 2
    JsonNode e = json(db, racecard);
    assertTrue(e.get("runner").get("status").isNull());
    JsonNode days90 = e.get("jockey").get("90d");
    assertEquals(2, days90.get("runs").asInt());
    assertEquals(2, days90.get("wins").asInt());
    assertEquals("2020-01-01", days90.get("first").asText());
    assertEquals("2020-02-01", days90.get("last").asText());
    assertEquals(2, e.get("horse_runs").size());
    assertValuesAreTheTables(db, racecard, e);
    String text = Cli.ok("explain", "--db=" + db, "--runner=" + racecard).out();
    assertTrue(text.contains("(racecard)") && text.trim().endsWith("matches the table"), text);
  }

  @Test
  void aValueTheTableGotWrongIsNamedWithBothValuesAndExitsOne() throws Exception {
    Path db = fixture();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runner_features SET h_runs = 5, h_prize_won = 1.5 WHERE runner_id = 4");
    }
    Cli.Result r = Cli.run("explain", "--db=" + db, "--runner=4");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("h_runs: table 5, recomputed 1"), r.out());
    assertTrue(r.out().contains("h_prize_won: table 1.5, recomputed"), r.out());
    assertTrue(r.out().contains("DIFFERS from the table in 2 values"), r.out());
  }

  @Test
  void everyRowOfAGeneratedRaceMatchesAndANonRunnerIsAClearError() throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(1500, 9, 2), db, false);
    Path out = dir.resolve("features.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out);
    List<Long> runners = new ArrayList<>();
    long nonRunner;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT runner_id FROM runners WHERE status IS NOT 'NR' AND race_id ="
          + " (SELECT race_id FROM races ORDER BY race_date DESC, off_time DESC LIMIT 1 OFFSET 300)")) {
        while (rs.next()) {
          runners.add(rs.getLong(1));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT runner_id FROM runners WHERE status = 'NR' LIMIT 1")) {
        assertTrue(rs.next());
        nonRunner = rs.getLong(1);
      }
    }
    assertFalse(runners.isEmpty());
    for (long id : runners) {
      Cli.Result r = Cli.ok("explain", "--db=" + db, "--features=" + out, "--runner=" + id);
      assertTrue(r.out().trim().endsWith("matches the table"), r.out());
    }
    Cli.Result r = Cli.run("explain", "--db=" + db, "--features=" + out, "--runner=" + nonRunner);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("runner_features has no row for runner_id " + nonRunner), r.err());
    assertTrue(Files.exists(out));
  }
}
