package org.racefeatures.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.testing.Cli;

/** The real Hong Kong results: imported, accepted by generate as they are, and predictive. */
class HkKaggleImportTest {
  /** The data set lives outside the project (it may not be redistributed): ../shared/data. */
  static final Path DATA = Path.of("..", "shared", "data", "hk1997_2005");

  @TempDir Path dir;

  private static double one(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getDouble(1);
    }
  }

  @Test
  void realResultsImportAndGenerateFeaturesThatPredict() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(DATA),
        "skipped: the Hong Kong data set is not at " + DATA.toAbsolutePath());
    Path db = dir.resolve("hk.db");
    Cli.Result imported = Cli.ok("import", "hk-kaggle", "--races=" + DATA.resolve("races.csv"),
        "--runs=" + DATA.resolve("runs.csv"), "--out=" + db);
    assertTrue(imported.out().contains("6,349 races, 79,447 runners"), imported.out());
    assertTrue(imported.out().contains("race_id 3676"), "says what it changed: " + imported.out());
    assertTrue(imported.out().contains("runs.csv line(s) [26003, 35399]"), imported.out());

    Cli.ok("generate", "--db=" + db);
    try (Connection c = Sqlite.openExisting(db, true)) {
      assertEquals(79_447, one(c, "SELECT count(*) FROM runner_features"), "every runner gets a row");
      assertEquals(12, one(c, "SELECT count(*) FROM (SELECT race_id FROM runners WHERE finish_position = 1"
          + " GROUP BY race_id HAVING count(*) = 2)"), "dead heats for first kept");
      assertEquals(1.0 * 0.45359237 * 133, one(c, "SELECT weight_kg FROM runners WHERE runner_id = 1"), 1e-9);
      double favourites = one(c, "SELECT avg(won) FROM (SELECT race_id, max(won) won FROM runner_features"
          + " WHERE sp_rank = 1 GROUP BY race_id)");
      assertTrue(favourites >= 0.25 && favourites <= 0.40, "favourites won " + favourites);
      double median = one(c, "SELECT h_avg_norm_pos FROM runner_features WHERE h_avg_norm_pos IS NOT NULL"
          + " ORDER BY h_avg_norm_pos LIMIT 1 OFFSET (SELECT count(h_avg_norm_pos) / 2 FROM runner_features)");
      double better = one(c, "SELECT avg(won) FROM runner_features WHERE h_avg_norm_pos < " + median);
      double worse = one(c, "SELECT avg(won) FROM runner_features WHERE h_avg_norm_pos > " + median);
      assertTrue(better > 1.5 * worse, "better form wins more: " + better + " vs " + worse);
      for (Feature f : FeatureCatalogue.columns()) {
        assertTrue(one(c, "SELECT count(" + f.name() + ") FROM runner_features") > 0, f.name() + " is all NULL");
      }
    }
  }

  private Path csv(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static final String RACES_HEADER = "race_id,date,venue,race_no,config,surface,distance,going,horse_ratings,prize,race_class\n";
  private static final String RUNS_HEADER = "race_id,horse_no,horse_id,result,won,lengths_behind,horse_age,horse_country,"
      + "horse_type,horse_rating,horse_gear,declared_weight,actual_weight,draw,win_odds,place_odds,trainer_id,jockey_id\n";

  @Test
  void badRowsAreNamedByFileLineAndColumnAndSkippedOnRequest() throws Exception {
    Path races = csv("races.csv", RACES_HEADER
        + "0,1997-06-02,ST,1,A,0,1400,GOOD,40-15,485000.0,5\n"
        + "1,1997-06-02,ST,2,A,0,twelve,GOOD,40-15,485000.0,5\n");
    Path runs = csv("runs.csv", RUNS_HEADER
        + "0,1,10,1,1.0,0.0,3,AUS,Gelding,60,--,1020.0,133,7,9.7,3.7,118,2\n"
        + "0,2,11,2,0.0,1.5,3,AUS,Gelding,60,--,1020.0,12x,8,5.0,2.0,119,3\n"
        + "7,1,12,1,1.0,0.0,3,AUS,Gelding,60,--,1020.0,130,1,2.0,1.5,118,2\n"
        + "0,3,13,3,0.0,2.5,3,NZ,Mare,60,--,1020.0,120,2,3.0,1.5,118,4\n");
    Path out = dir.resolve("hk.db");
    Cli.Result failed = Cli.run("import", "hk-kaggle", "--races=" + races, "--runs=" + runs, "--out=" + out);
    assertEquals(1, failed.exit());
    assertTrue(failed.err().contains("races.csv line 3, column distance: not a number: 'twelve'"), failed.err());
    assertTrue(failed.err().contains("runs.csv line 3, column actual_weight: not a number: '12x'"), failed.err());
    assertTrue(failed.err().contains("runs.csv line 4, column race_id: no race 7 in races.csv"), failed.err());
    assertFalse(Files.exists(out), "nothing written");

    Cli.Result skipped = Cli.ok("import", "hk-kaggle", "--races=" + races, "--runs=" + runs, "--out=" + out,
        "--skip-bad-rows");
    assertTrue(skipped.out().contains("left out 3 bad row(s)"), skipped.out());
    try (Connection c = Sqlite.openExisting(out, true)) {
      assertEquals(1, one(c, "SELECT count(*) FROM races"));
      assertEquals(2, one(c, "SELECT count(*) FROM runners"));
      assertEquals(2, one(c, "SELECT finish_position FROM runners WHERE horse_id = 13"),
          "positions re-ranked where a row is missing");
    }
    Cli.ok("generate", "--db=" + out);
  }
}
