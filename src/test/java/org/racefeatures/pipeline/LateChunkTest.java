package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.FixtureDb;

/**
 * A chunk or an update whose first race lies more than a year into the file: the jockey's and
 * trainer's day windows reach back exactly 365 days from it, and their all-time course and pair
 * records still hold every earlier run.
 */
class LateChunkTest {
  @TempDir Path dir;

  /** The jockey 7 and trainer 8 ride at course 1 (or 2) 517, 366 and exactly 365 days before 2021-05-01. */
  private Path fixture() throws Exception {
    Path db = dir.resolve("late.db");
    try (FixtureDb f = new FixtureDb(db)) {
      long old = f.race("2019-12-01", "14:00").course(1).add();
      f.runner(old, 1).jockey(7L).trainer(8L).sp(3.0).fin(1);
      f.runner(old, 2).jockey(9L).trainer(10L).sp(2.0).fin(2);
      long dayBefore = f.race("2020-04-30", "14:00").course(2).add();
      f.runner(dayBefore, 1).jockey(7L).trainer(8L).sp(4.0).fin(1);
      f.runner(dayBefore, 3).jockey(9L).trainer(10L).sp(1.5).fin(2);
      long edge = f.race("2020-05-01", "14:00").course(1).add();
      f.runner(edge, 2).jockey(7L).trainer(8L).sp(5.0).fin(2);
      f.runner(edge, 3).jockey(9L).trainer(10L).sp(1.8).fin(1);
      long target = f.race("2021-05-01", "14:00").course(1).add();
      f.runner(target, 1).jockey(7L).trainer(8L).sp(2.5).fin(1);
      f.runner(target, 2).jockey(9L).trainer(10L).sp(2.0).fin(2);
      long next = f.race("2021-05-02", "15:00").course(2).add();
      f.runner(next, 3).jockey(7L).trainer(8L).sp(3.5).fin(2);
      f.runner(next, 1).jockey(9L).trainer(10L).sp(2.2).fin(1);
    }
    return db;
  }

  private static Map<String, Object> rowOf(Map<Long, Map<String, Object>> table, long horse, String date) {
    return table.values().stream()
        .filter(r -> ((Number) r.get("horse_id")).longValue() == horse && date.equals(r.get("race_date")))
        .findFirst().orElseThrow(() -> new AssertionError("no row of horse " + horse + " on " + date));
  }

  @Test
  void aChunkAYearIntoTheFileCountsTheWindowsToTheDayAndTheAllTimeRecordsWhole() throws Exception {
    Path db = fixture();
    Path full = dir.resolve("full.db");
    Path chunk = dir.resolve("chunk.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
    Cli.ok("generate", "--db=" + db, "--out=" + chunk, "--from=2021-05-01");

    Map<Long, Map<String, Object>> whole = FeatureTables.read(full);
    Map<Long, Map<String, Object>> late = FeatureTables.read(chunk);
    Map<String, Object> t = rowOf(late, 1, "2021-05-01");
    // Within 365 days: only the run exactly 365 days before (second place); 366 days is outside.
    assertEquals(1L, ((Number) t.get("j_rides_365d")).longValue());
    assertEquals(0L, ((Number) t.get("j_wins_365d")).longValue());
    assertEquals(1L, ((Number) t.get("t_runs_365d")).longValue());
    assertEquals(-1.0, ((Number) t.get("j_roi_365d")).doubleValue(), 1e-12);
    // All time at course 1: the run 517 days before (a win) and the one 365 days before.
    assertEquals(2L, ((Number) t.get("j_course_rides")).longValue());
    assertEquals(1L, ((Number) t.get("j_course_wins")).longValue());
    assertEquals(2L, ((Number) t.get("t_course_runs")).longValue());
    assertEquals(3L, ((Number) t.get("jt_runs")).longValue());
    assertEquals(2L, ((Number) t.get("jt_wins")).longValue());
    for (Map.Entry<Long, Map<String, Object>> row : late.entrySet()) {
      assertEquals(whole.get(row.getKey()), row.getValue(), "runner " + row.getKey());
    }
    assertEquals(4, late.size(), "the two late races' four rows");
  }

  @Test
  void anUpdateFromTheLastRaceEqualsAFullRunOfTheChangedFile() throws Exception {
    Path db = fixture();
    Path out = dir.resolve("out.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET finish_position = 3 - finish_position WHERE race_id ="
          + " (SELECT race_id FROM races WHERE race_date = '2021-05-02')");
    }
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--update");
    Path full = dir.resolve("full.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
    FeatureTables.assertSame(FeatureTables.read(full), FeatureTables.read(out));
  }

  /**
   * In history chunks of one race each, the later chunks take the earlier races from the past the
   * chunks before carried on (the 2021 races' base is a year on from the first race's): the
   * all-time records and the ratings are those of one history.
   */
  @Test
  void aRunInChunksOfOneRaceCarriesTheAllTimeRecordsFromChunkToChunk() throws Exception {
    Path db = fixture();
    Path full = dir.resolve("full.db");
    Path chunks = dir.resolve("chunks.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + chunks, "--history-rows=1");
    assertTrue(r.err().contains("prepared the first of 5 history chunks"), r.err());
    Map<Long, Map<String, Object>> whole = FeatureTables.read(full);
    Map<String, Object> t = rowOf(whole, 1, "2021-05-01");
    assertEquals(3L, ((Number) t.get("jt_runs")).longValue());
    FeatureTables.assertSame(whole, FeatureTables.read(chunks));
  }
}
