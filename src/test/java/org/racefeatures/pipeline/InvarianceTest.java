package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/** The table depends only on the database: not on workers, batch size, chunking or re-runs. */
class InvarianceTest {
  @TempDir static Path dir;
  static Path db;
  static Map<Long, Map<String, Object>> full;

  @BeforeAll
  static void fullRun() throws Exception {
    db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(2_000, 11, 2), db, false);
    Path out = dir.resolve("full.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--workers=1");
    full = FeatureTables.read(out);
    assertTrue(full.size() > 15_000);
  }

  @Test
  void fourWorkersAndOddBatchesWriteTheSameTableAsOne() throws Exception {
    Path out = dir.resolve("workers4.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--workers=4", "--batch-races=37");
    assertEquals(full, FeatureTables.read(out));
  }

  @Test
  void chunksWithOffsetAndLimitWriteTheSameRowsAsOneFullRun() throws Exception {
    Path out = dir.resolve("chunks.db");
    for (int offset = 0; offset < 2_000; offset += 700) {
      Cli.ok("generate", "--db=" + db, "--out=" + out, "--offset=" + offset, "--limit=700");
    }
    assertEquals(full, FeatureTables.read(out));
  }

  /**
   * A chunk of a few races groups only the runs of their horses, jockeys, trainers and courses:
   * its rows are still the full run's, early, in the middle and at the end of the history.
   */
  @Test
  void historiesOfOneRaceEachWriteTheFullRunsRowsForThem() throws Exception {
    Path out = dir.resolve("race-chunks.db");
    // Every race has more rows than one: each is a chunk, with a history of its own.
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + out, "--offset=1500", "--limit=60", "--history-rows=1");
    assertTrue(r.err().contains("prepared the first of 60 history chunks"), r.err());
    Map<Long, Map<String, Object>> got = FeatureTables.read(out);
    Map<Long, Map<String, Object>> want = new java.util.HashMap<>(full);
    want.keySet().retainAll(got.keySet());
    assertTrue(got.size() > 400, got.size() + " rows");
    assertEquals(want.size(), got.size(), "rows the full run also wrote");
    assertEquals(want, got);
  }

  @Test
  void aFewRacesAloneWriteTheFullRunsRowsForThem() throws Exception {
    for (int offset : new int[] {3, 1_017, 1_996}) {
      Path out = dir.resolve("few-" + offset + ".db");
      Cli.ok("generate", "--db=" + db, "--out=" + out, "--offset=" + offset, "--limit=" + (offset == 1_017 ? 1 : 4));
      Map<Long, Map<String, Object>> got = FeatureTables.read(out);
      assertTrue(got.size() >= 3, offset + ": " + got.size() + " rows");
      Map<Long, Map<String, Object>> want = new java.util.HashMap<>(full);
      want.keySet().retainAll(got.keySet());
      assertEquals(want.size(), got.size(), "rows the full run also wrote");
      assertEquals(want, got);
    }
  }

  @Test
  void dateRangesTogetherWriteTheSameRowsAsOneFullRun() throws Exception {
    Path out = dir.resolve("dates.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--to=2015-03-31");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--from=2015-04-01");
    assertEquals(full, FeatureTables.read(out));
  }

  @Test
  void runningTwiceChangesNothing() throws Exception {
    Path copy = dir.resolve("twice.db");
    Files.copy(db, copy);
    Cli.ok("generate", "--db=" + copy);
    Map<Long, Map<String, Object>> first = FeatureTables.read(copy);
    Cli.ok("generate", "--db=" + copy, "--workers=3");
    assertEquals(first, FeatureTables.read(copy));
    assertEquals(full, first);
    try (Connection c = Sqlite.openExisting(copy, true);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), sum(finished) FROM feature_runs")) {
      rs.next();
      assertEquals(2, rs.getInt(1));
      assertEquals(2, rs.getInt(2));
    }
  }

  @Test
  void resumeComputesOnlyTheRacesNotYetWritten() throws Exception {
    Path out = dir.resolve("resume.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--limit=500");
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + out, "--resume");
    assertTrue(r.out().contains("500 already done"), r.out());
    assertTrue(r.out().contains("1,500 races and"), r.out());
    assertEquals(full, FeatureTables.read(out));
  }

  @Test
  void rerunAfterANonRunnerChangeDropsTheStaleRow() throws Exception {
    Path copy = dir.resolve("changed.db");
    Files.copy(db, copy);
    Cli.ok("generate", "--db=" + copy);
    long runner;
    try (Connection c = Sqlite.openOrCreate(copy); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT runner_id FROM runners WHERE status = 'PU' ORDER BY runner_id LIMIT 1")) {
        rs.next();
        runner = rs.getLong(1);
      }
      st.executeUpdate("UPDATE runners SET status = 'NR' WHERE runner_id = " + runner);
    }
    Cli.ok("generate", "--db=" + copy, "--from=2015-01-01");
    Map<Long, Map<String, Object>> after = FeatureTables.read(copy);
    assertTrue(full.containsKey(runner));
    assertTrue(!after.containsKey(runner), "a non-runner has no row");
    assertEquals(full.size() - 1, after.size());
  }
}
