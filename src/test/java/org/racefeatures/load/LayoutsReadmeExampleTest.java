package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/**
 * The README's worked example, taken from the README itself: a database with its own {@code races}
 * table, text ids, a separate results table, fractional odds and furlongs, filled with the demo's
 * races and read through the README's mapping file, gives the demo's features and stays untouched.
 */
class LayoutsReadmeExampleTest {
  @TempDir Path dir;

  /** The fenced block of the README that starts with {@code firstLine}. */
  static String readmeBlock(String firstLine) throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("```sql\n" + firstLine + "\n");
    assertTrue(start >= 0, "README has a sql block starting " + firstLine);
    start += "```sql\n".length();
    return readme.substring(start, readme.indexOf("\n```", start));
  }

  @Test
  void theReadmeMappingReadsItsExampleTablesAsTheNativeFileUnchanged() throws Exception {
    Path nativeDb = dir.resolve("native.db");
    DemoDatabase.write(new DemoSpec(1_000, 47, 2), nativeDb, false);
    Path nativeOut = dir.resolve("native-out.db");
    Cli.ok("generate", "--db=" + nativeDb, "--out=" + nativeOut);
    Map<Long, Map<String, Object>> want = new LinkedHashMap<>();
    FeatureTables.read(nativeOut).forEach((runner, row) -> {
      Map<String, Object> copy = new LinkedHashMap<>(row);
      copy.put("race_id", "R" + row.get("race_id"));
      copy.put("horse_id", "H" + row.get("horse_id"));
      copy.put("course_id", "C" + row.get("course_id"));
      want.put(runner, copy);
    });

    Path mine = dir.resolve("my-racing.db");
    try (Connection c = Sqlite.openOrCreate(mine); Statement st = c.createStatement()) {
      Sqlite.execute(c, readmeBlock("-- your tables"));
      st.execute("ATTACH '" + nativeDb.toAbsolutePath().toString().replace("'", "''") + "' AS n");
      st.executeUpdate("INSERT INTO races SELECT 'R' || race_id, 'C' || course_id, race_date, off_time,"
          + " distance_m / 201.168, going, surface, race_type, race_class, prize FROM n.races");
      st.executeUpdate("INSERT INTO entries SELECT runner_id, 'R' || race_id, 'H' || horse_id, 'J' || jockey_id,"
          + " 'T' || trainer_id, draw, weight_kg / 0.45359237, age, official_rating,"
          + " CASE WHEN sp_decimal = 2.0 THEN 'evens'"
          + "      WHEN sp_decimal IS NOT NULL THEN (CAST(round(sp_decimal * 100) AS INTEGER) - 100) || '/100' END,"
          + " status IS 'NR' FROM n.runners");
      st.executeUpdate("INSERT INTO results SELECT runner_id,"
          + " CASE WHEN status = 'FIN' THEN CAST(finish_position AS TEXT) ELSE status END, beaten_lengths"
          + " FROM n.runners WHERE status IS NOT NULL AND status <> 'NR'");
      st.execute("DETACH n");
    }
    Path layout = dir.resolve("my-layout.sql");
    Files.writeString(layout, readmeBlock("-- my-layout.sql: races, entries and results read as schema.sql's"
        + " races and runners."));
    String before = org.racefeatures.testing.DbFiles.sha256(mine);

    Path out = dir.resolve("features.db");
    Cli.ok("generate", "--db=" + mine, "--layout=" + layout, "--out=" + out);
    assertEquals(want, FeatureTables.read(out));
    assertEquals(before, org.racefeatures.testing.DbFiles.sha256(mine), "the database is byte for byte as it was");
  }
}
