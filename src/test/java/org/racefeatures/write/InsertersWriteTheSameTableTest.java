package org.racefeatures.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;

/**
 * The page-image inserter and the plain JDBC reference write the same table: every value with the
 * same storage class, for integer and for text ids, into a fresh table and over an old one.
 */
class InsertersWriteTheSameTableTest {
  @TempDir Path dir;

  /** Every value of runner_features as {@code typeof:value}, row by row in runner_id order. */
  private static List<String> dump(Path db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM runner_features ORDER BY runner_id")) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.append(v == null ? "null" : v.getClass().getSimpleName()).append(':').append(v).append('|');
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} ids")
  @ValueSource(strings = {"integer", "text"})
  void pageImagesAndJdbcGiveIdenticalTables(String ids) throws Exception {
    Path db = dir.resolve("input.db");
    DemoDatabase.write(new DemoSpec(500, 3, 2), db, false);
    if (ids.equals("text")) {
      try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
        st.executeUpdate("CREATE TABLE t AS SELECT runner_id, 'r' || race_id AS race_id, 'h' || horse_id AS horse_id,"
            + " jockey_id, trainer_id, draw, weight_kg, age, official_rating, sp_decimal, status, finish_position,"
            + " beaten_lengths FROM runners");
        st.executeUpdate("CREATE TABLE u AS SELECT 'r' || race_id AS race_id, course_id, race_date, off_time,"
            + " distance_m, going, surface, race_type, race_class, prize FROM races");
        st.executeUpdate("DROP TABLE runners");
        st.executeUpdate("DROP TABLE races");
        st.executeUpdate("ALTER TABLE t RENAME TO runners");
        st.executeUpdate("ALTER TABLE u RENAME TO races");
      }
    }
    Path images = dir.resolve("images.db");
    Path jdbc = dir.resolve("jdbc.db");
    assertTrue(Cli.ok("generate", "--db=" + db, "--out=" + images, "--batch-races=70").out()
        .contains("rows inserted by page images"));
    assertTrue(Cli.ok("generate", "--db=" + db, "--out=" + jdbc, "--batch-races=70", "--writer=jdbc").out()
        .contains("rows inserted by jdbc"));
    List<String> expected = dump(images);
    assertTrue(expected.size() > 4_000);
    assertEquals(ids.equals("text"), expected.get(0).contains("|String:r"), expected.get(0));
    assertEquals(expected, dump(jdbc));
    // Over a table that already holds rows (INSERT OR REPLACE), a second run of each.
    Cli.ok("generate", "--db=" + db, "--out=" + images, "--from=2015-03-01");
    Cli.ok("generate", "--db=" + db, "--out=" + jdbc, "--from=2015-03-01", "--writer=jdbc");
    assertEquals(expected, dump(images));
    assertEquals(expected, dump(jdbc));
  }
}
