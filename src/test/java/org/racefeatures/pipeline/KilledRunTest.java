package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.racefeatures.testing.DbFiles.count;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.GenerateProcess;

/** A run killed half-way (SIGKILL) leaves the database consistent, and --resume finishes the job. */
class KilledRunTest {
  @TempDir Path dir;

  @Test
  void killedRunIsConsistentAndResumeCompletesIt() throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(8_000, 13, 1), db, false);
    Path out = dir.resolve("features.db");
    // Small batches, so many commits: the run lasts long enough (seconds) that the kill lands in its
    // middle even when this thread is slow to see the first 200 races (with 20-race batches a
    // 4,000-race run once finished before the kill in a CI run).
    Process p = GenerateProcess.start(dir.resolve("log.txt"), "--db=" + db, "--out=" + out, "--batch-races=5",
        "--workers=1");
    GenerateProcess.awaitRaces(p, out, 200);
    assertTrue(p.isAlive(), "the run was still going when killed");
    p.destroyForcibly().waitFor();

    try (Connection c = Sqlite.openOrCreate(out); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
        rs.next();
        assertEquals("ok", rs.getString(1));
      }
    }
    long races = count(out, "SELECT count(*) FROM feature_races");
    assertTrue(races >= 200 && races < 8_000, "part of the races written: " + races);
    assertEquals(count(out, "SELECT total(target_rows) FROM feature_races"),
        count(out, "SELECT count(*) FROM runner_features"), "every committed race is whole");
    assertEquals(0, count(out, "SELECT finished FROM feature_runs"), "the run is recorded as unfinished");

    Cli.Result resumed = Cli.ok("generate", "--db=" + db, "--out=" + out, "--resume");
    assertTrue(resumed.out().contains(String.format("(%,d already done, skipped)", races)), resumed.out());
    Path full = dir.resolve("full.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
    assertEquals(FeatureTables.read(full), FeatureTables.read(out));
  }
}
