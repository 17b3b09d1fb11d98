package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.ChurnWriter;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.FixtureDb;
import org.racefeatures.testing.OtherProcess;

/**
 * generate while another process commits in a loop ({@link ChurnWriter}): the features are those
 * of one committed state of the file, never a mix, in rollback-journal and WAL mode; and writing in
 * place beside that process waits for its short transactions instead of failing.
 */
class ConcurrentWriterTest {
  @TempDir static Path dir;
  static Path base;
  /** The features of the file without the extra race, and with it. */
  static Map<Long, Map<String, Object>> without;
  static Map<Long, Map<String, Object>> with;

  @BeforeAll
  static void twoStates() throws Exception {
    base = dir.resolve("base.db");
    DemoDatabase.write(new DemoSpec(1_500, 5, 0), base, false);
    Path out = dir.resolve("without.db");
    Cli.ok("generate", "--db=" + base, "--out=" + out);
    without = FeatureTables.read(out);
    Path added = dir.resolve("added.db");
    Files.copy(base, added);
    try (Connection c = Sqlite.openOrCreate(added); Statement st = c.createStatement()) {
      ChurnWriter.addRace(st);
    }
    Path outWith = dir.resolve("with.db");
    Cli.ok("generate", "--db=" + added, "--out=" + outWith);
    with = FeatureTables.read(outWith);
    assertEquals(without.size() + ChurnWriter.RUNNERS, with.size());
  }

  /** A copy of the base file in the given journal mode. */
  private static Path copy(String name, String journalMode) throws Exception {
    return FixtureDb.copyInJournalMode(base, dir.resolve(name + ".db"), journalMode);
  }

  /** Starts the other process, returns once it has opened the file. */
  private static OtherProcess churn(Path db) throws Exception {
    return OtherProcess.start(ChurnWriter.class, "started", db.toString(), "60000");
  }

  /** Stops the other process; the number of transactions it committed. */
  private static long stop(OtherProcess p) throws Exception {
    List<String> lines = p.stop();
    return Long.parseLong(lines.get(lines.size() - 1).strip());
  }

  @ParameterizedTest(name = "journal_mode = {0}")
  @ValueSource(strings = {"DELETE", "WAL"})
  void featuresAreThoseOfOneCommittedState(String journalMode) throws Exception {
    Path db = copy("churn-" + journalMode, journalMode);
    OtherProcess other = churn(db);
    Map<String, Integer> seen = new HashMap<>();
    try {
      for (int run = 0; run < 4; run++) {
        Path out = dir.resolve("churn-" + journalMode + "-" + run + ".db");
        Cli.ok("generate", "--db=" + db, "--out=" + out);
        Map<Long, Map<String, Object>> got = FeatureTables.read(out);
        String state = got.equals(without) ? "without" : got.equals(with) ? "with" : null;
        assertTrue(state != null, "run " + run + ": " + got.size() + " rows, the features of neither state");
        seen.merge(state, 1, Integer::sum);
      }
    } finally {
      long commits = stop(other);
      assertTrue(commits > 20, "the other process committed while generate read: " + commits);
    }
  }

  @ParameterizedTest(name = "journal_mode = {0}")
  @ValueSource(strings = {"DELETE", "WAL"})
  void writingInPlaceWaitsForAnotherProcesssShortTransactions(String journalMode) throws Exception {
    Path db = copy("in-place-" + journalMode, journalMode);
    OtherProcess other = churn(db);
    try {
      for (int run = 0; run < 3; run++) {
        Cli.Result r = Cli.ok("generate", "--db=" + db, "--batch-races=50");
        assertTrue(r.out().contains("1,500 races selected") || r.out().contains("1,501 races selected"), r.out());
      }
    } finally {
      long commits = stop(other);
      assertTrue(commits > 5, "the other process committed meanwhile: " + commits);
    }
    Map<Long, Map<String, Object>> got = FeatureTables.read(db);
    got.keySet().removeIf(runner -> runner < 0); // the extra race's rows, if the last run saw it
    assertEquals(without, got);
  }
}
