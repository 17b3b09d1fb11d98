package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/**
 * No leakage: a race's features are the same when everything at or after its start time is
 * deleted and its own finishing order and prize are changed.
 */
class PointInTimeTest {
  @TempDir Path dir;

  @Test
  void featuresIgnoreLaterRacesAndTheRaceOwnResult() throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(1_200, 5, 1), db, false);
    Cli.ok("generate", "--db=" + db, "--out=" + dir.resolve("all.db"));
    Map<Long, Map<String, Object>> all = FeatureTables.read(dir.resolve("all.db"));

    List<long[]> sample = new ArrayList<>(); // race_id
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT race_id FROM races r WHERE (SELECT count(*) FROM runners"
            + " WHERE race_id = r.race_id AND status = 'FIN') >= 4 ORDER BY race_id % 97, race_id LIMIT 6")) {
      while (rs.next()) {
        sample.add(new long[] {rs.getLong(1)});
      }
    }
    assertEquals(6, sample.size());
    for (long[] s : sample) {
      long raceId = s[0];
      Path cut = dir.resolve("cut-" + raceId + ".db");
      Files.copy(db, cut);
      try (Connection c = Sqlite.openOrCreate(cut); Statement st = c.createStatement()) {
        String t = "(SELECT race_date || ' ' || off_time FROM races WHERE race_id = " + raceId + ")";
        st.executeUpdate("DELETE FROM runners WHERE race_id IN (SELECT race_id FROM races WHERE race_id <> "
            + raceId + " AND race_date || ' ' || off_time >= " + t + ")");
        st.executeUpdate("DELETE FROM races WHERE race_id <> " + raceId + " AND race_date || ' ' || off_time >= " + t);
        reverseFinishingOrder(c, raceId);
        // The race's own prize is an outcome too: no feature of the race may read it (h_prize_won
        // sums past races' prizes only).
        st.executeUpdate("UPDATE races SET prize = coalesce(prize, 0) * 3 + 1 WHERE race_id = " + raceId);
      }
      Path out = dir.resolve("out-" + raceId + ".db");
      Cli.ok("generate", "--db=" + cut, "--out=" + out, "--from=1900-01-01");
      Map<Long, Map<String, Object>> rows = FeatureTables.read(out);
      boolean labelsChanged = false;
      for (Map.Entry<Long, Map<String, Object>> e : rows.entrySet()) {
        if (!e.getValue().get("race_id").equals(raceId)) {
          continue;
        }
        Map<String, Object> before = all.get(e.getKey());
        for (var f : FeatureCatalogue.features()) {
          assertEquals(before.get(f.name()), e.getValue().get(f.name()),
              "race " + raceId + " runner " + e.getKey() + " " + f.name());
        }
        labelsChanged |= !java.util.Objects.equals(before.get("finish_position"), e.getValue().get("finish_position"));
      }
      org.junit.jupiter.api.Assertions.assertTrue(labelsChanged, "the race's own result was changed, so its labels must differ");
    }
  }

  /** Gives the finishers of the race the reverse of their finishing order. */
  private static void reverseFinishingOrder(Connection c, long raceId) throws Exception {
    List<long[]> finishers = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT runner_id, finish_position FROM runners WHERE status = 'FIN' AND race_id = " + raceId
            + " ORDER BY finish_position, runner_id")) {
      while (rs.next()) {
        finishers.add(new long[] {rs.getLong(1), rs.getLong(2)});
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE runners SET finish_position = ? WHERE runner_id = ?")) {
      for (int i = 0; i < finishers.size(); i++) {
        ps.setLong(1, finishers.get(finishers.size() - 1 - i)[1]);
        ps.setLong(2, finishers.get(i)[0]);
        ps.executeUpdate();
      }
    }
  }
}
