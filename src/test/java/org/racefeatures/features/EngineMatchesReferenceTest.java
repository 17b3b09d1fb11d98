package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/** The engine against the plain reference, value by value, on generated databases. */
class EngineMatchesReferenceTest {
  @TempDir Path dir;

  private void assertEngineMatchesReference(DemoSpec spec, String... extra) throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(spec, db, false);
    String[] args = new String[2 + extra.length + 2];
    args[0] = "generate";
    args[1] = "--db=" + db;
    System.arraycopy(extra, 0, args, 2, extra.length);
    args[2 + extra.length] = "--workers=2";
    args[3 + extra.length] = "--batch-races=97";
    Cli.ok(args);
    Map<Long, Map<String, Object>> expected = FeatureTables.reference(db, Set.of(), null);
    Map<Long, Map<String, Object>> actual = FeatureTables.read(db);
    assertTrue(expected.size() > 10 * spec.races() / 2, "a realistic number of target rows");
    FeatureTables.assertSame(expected, actual);
  }

  /**
   * The generated database holds the cases version 2's features turn on, so the comparison above
   * compared them (the rarer ones, a dead heat among priced runs, a race without any SP and a run at
   * exactly 10% of the distance, are in EdgeCaseFeaturesTest's fixture).
   */
  private static void assertCoversTheEdges(Path db) throws Exception {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("a horse with history and no win", "SELECT count(*) FROM runner_features WHERE h_runs > 0 AND h_wins = 0");
    cases.put("a win in the most recent run", "SELECT count(*) FROM runner_features WHERE h_runs > 0 AND h_runs_since_win = 0");
    cases.put("a race where some runners have no SP", "SELECT count(*) FROM (SELECT race_id FROM runner_features"
        + " GROUP BY race_id HAVING count(sp_decimal) BETWEEN 1 AND count(*) - 1)");
    cases.put("a NULL jockey", "SELECT count(*) FROM runner_features WHERE j_rides_90d IS NULL");
    cases.put("a NULL trainer", "SELECT count(*) FROM runner_features WHERE t_runs_90d IS NULL");
    cases.put("a race without official ratings", "SELECT count(*) FROM (SELECT race_id FROM runner_features"
        + " GROUP BY race_id HAVING count(official_rating) = 0)");
    cases.put("a won race without a prize", "SELECT count(*) FROM races JOIN runners USING (race_id)"
        + " WHERE prize IS NULL AND finish_position = 1");
    for (int days : new int[] {14, 90}) {
      cases.put("a jockey's run exactly " + days + " days before a later ride", "SELECT EXISTS (SELECT 1 FROM runners a"
          + " JOIN races ra ON ra.race_id = a.race_id JOIN runners b ON b.jockey_id = a.jockey_id"
          + " JOIN races rb ON rb.race_id = b.race_id WHERE julianday(ra.race_date) - julianday(rb.race_date) = " + days
          + " AND b.status IS NOT NULL AND b.status <> 'NR')");
    }
    try (java.sql.Connection c = org.racefeatures.db.Sqlite.openExisting(db, true);
        java.sql.Statement st = c.createStatement()) {
      for (Map.Entry<String, String> e : cases.entrySet()) {
        try (java.sql.ResultSet rs = st.executeQuery(e.getValue())) {
          assertTrue(rs.next() && rs.getLong(1) > 0, "the generated database has " + e.getKey());
        }
      }
    }
  }

  @Test
  void everyValueMatchesTheReferenceOnAGeneratedDatabase() throws Exception {
    assertEngineMatchesReference(new DemoSpec(1_500, 7, 2));
    assertCoversTheEdges(dir.resolve("demo.db")); // ~4 months: its windows reach 90 days
  }

  @Test
  void everyValueMatchesTheReferenceWithAnotherSeedAndMoreRacecards() throws Exception {
    assertEngineMatchesReference(new DemoSpec(900, 2024, 5));
  }
}
