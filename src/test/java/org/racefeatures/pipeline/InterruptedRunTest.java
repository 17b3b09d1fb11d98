package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.racefeatures.testing.DbFiles.count;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.GenerateProcess;

/**
 * Ctrl-C (SIGINT) stops a run between batches: the batch being written commits whole, the run says
 * how many races it wrote and how to go on, exits 130, and --resume finishes the job.
 */
class InterruptedRunTest {
  @TempDir Path dir;

  @Test
  void ctrlCCommitsTheBatchInFlightSaysWhatRemainsAndExits130() throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(4_000, 17, 1), db, false);
    Path out = dir.resolve("features.db");
    Path log = dir.resolve("log.txt");
    Process p = GenerateProcess.start(log, "--db=" + db, "--out=" + out, "--batch-races=5", "--workers=1",
        "--export=" + dir.resolve("features.csv"));
    GenerateProcess.awaitRaces(p, out, 100);
    assertTrue(p.isAlive(), "the run was still going when interrupted");
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run stopped");
    String printed = Files.readString(log);
    assertEquals(130, p.exitValue(), printed);

    Matcher m = Pattern.compile("interrupted: ([0-9,]+) of 4,000 races written; run again with --resume")
        .matcher(printed);
    assertTrue(m.find(), printed);
    long written = Long.parseLong(m.group(1).replace(",", ""));
    assertEquals(written, count(out, "SELECT count(*) FROM feature_races"), "what it says is what the table holds");
    assertTrue(written >= 100 && written < 4_000, printed);
    assertEquals(count(out, "SELECT total(target_rows) FROM feature_races"),
        count(out, "SELECT count(*) FROM runner_features"), "every committed race is whole");
    assertEquals(0, count(out, "SELECT finished FROM feature_runs"), "the run is recorded as unfinished");
    assertTrue(printed.contains("no export written to " + dir.resolve("features.csv")), printed);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("features.csv")).toList(),
          "neither the export nor a temporary file of it");
    }

    Cli.ok("generate", "--db=" + db, "--out=" + out, "--resume");
    Path full = dir.resolve("full.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
    assertEquals(FeatureTables.read(full), FeatureTables.read(out));
  }

  @Test
  void aRunThatFailsHalfWaySaysHowManyRacesItWroteAndResumeFinishesIt() throws Exception {
    Path db = dir.resolve("fails.db");
    DemoDatabase.write(new DemoSpec(600, 19, 1), db, false);
    Path out = dir.resolve("fails-out.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--limit=1");
    try (java.sql.Connection c = org.racefeatures.db.Sqlite.openOrCreate(out);
        java.sql.Statement st = c.createStatement()) {
      // The 201st race's batch fails in the writer, as a full disk would.
      st.execute("CREATE TRIGGER full_disk BEFORE INSERT ON feature_races WHEN (SELECT count(*) FROM feature_races)"
          + " >= 200 BEGIN SELECT RAISE(ABORT, 'no space left'); END");
    }
    Cli.Result r = Cli.run("generate", "--db=" + db, "--out=" + out, "--batch-races=50", "--workers=1");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("200 of 600 races written before the failure; run again with --resume"), r.err());
    assertTrue(r.err().contains("no space left"), r.err());
    assertEquals(200, count(out, "SELECT count(*) FROM feature_races"), "the failed batch rolled back whole");
    try (java.sql.Connection c = org.racefeatures.db.Sqlite.openOrCreate(out);
        java.sql.Statement st = c.createStatement()) {
      st.execute("DROP TRIGGER full_disk");
    }
    Cli.ok("generate", "--db=" + db, "--out=" + out, "--resume");
    Path full = dir.resolve("fails-full.db");
    Cli.ok("generate", "--db=" + db, "--out=" + full);
    assertEquals(FeatureTables.read(full), FeatureTables.read(out));
  }
}
