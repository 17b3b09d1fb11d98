package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.racefeatures.testing.DbFiles.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/**
 * {@code generate --update} after each kind of change to the input equals a full regeneration of
 * the changed database, row for row, while recomputing only the races from the earliest change on.
 */
class UpdateTest {
  @TempDir static Path dir;
  static Path base;
  static Path baseOut;
  /** Ids of a race about a month before the last run race, of one on the last run day, of the last race. */
  static long monthBack;
  static long lastRun;

  @BeforeAll
  static void generatedOnce() throws Exception {
    base = dir.resolve("base.db");
    DemoDatabase.write(new DemoSpec(1_500, 57, 2), base, false);
    baseOut = dir.resolve("base-out.db");
    Cli.ok("generate", "--db=" + base, "--out=" + baseOut);
    try (Connection c = Sqlite.openExisting(base, true); Statement st = c.createStatement()) {
      String lastRunDay = one(st, "SELECT max(race_date) FROM races WHERE race_id IN"
          + " (SELECT race_id FROM runners WHERE status IS NOT NULL)");
      monthBack = Long.parseLong(one(st, "SELECT min(race_id) FROM races WHERE race_date >= date('" + lastRunDay
          + "', '-30 days') AND race_id IN (SELECT race_id FROM runners WHERE finish_position = 2)"
          + " AND race_id NOT IN (SELECT race_id FROM runners WHERE finish_position = 1 GROUP BY race_id"
          + " HAVING count(*) > 1)"));
      lastRun = Long.parseLong(one(st, "SELECT max(race_id) FROM races WHERE race_date = '" + lastRunDay + "'"));
    }
  }

  private static String one(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The input after {@code change}, and the features an update wrote, beside a full regeneration's. */
  private record Updated(Path db, Path out, Cli.Result update) {}

  private static Updated update(String name, String change, String... options) throws Exception {
    Path db = dir.resolve(name + ".db");
    Path out = dir.resolve(name + "-out.db");
    Files.copy(base, db);
    Files.copy(baseOut, out);
    try (Connection c = Sqlite.openOrCreate(db)) {
      Sqlite.execute(c, change);
    }
    String[] args = new String[4 + options.length];
    args[0] = "generate";
    args[1] = "--db=" + db;
    args[2] = "--out=" + out;
    args[3] = "--update";
    System.arraycopy(options, 0, args, 4, options.length);
    return new Updated(db, out, Cli.ok(args));
  }

  private static void assertEqualsFullRegeneration(Updated u) throws Exception {
    Path full = dir.resolve(u.db().getFileName() + "-full.db");
    Cli.ok("generate", "--db=" + u.db(), "--out=" + full);
    assertEquals(FeatureTables.read(full), FeatureTables.read(u.out()));
    try (Connection a = Sqlite.openExisting(full, true); Connection b = Sqlite.openExisting(u.out(), true);
        Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
      String races = "SELECT group_concat(race_id || ':' || target_rows || ':' || fingerprint, ',')"
          + " FROM (SELECT * FROM feature_races ORDER BY race_id)";
      assertEquals(one(sa, races), one(sb, races), "feature_races: the same races, fingerprints and row counts");
    }
  }

  /** The number of races the update said it recomputes. */
  private static int recomputed(Cli.Result r) {
    Matcher m = Pattern.compile("recomputing ([0-9,]+) races").matcher(r.out());
    assertTrue(m.find(), r.out());
    return Integer.parseInt(m.group(1).replace(",", ""));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"results arrive for racecards", "a finish position corrected a month back",
      "a race deleted", "new racecards", "a jockey changed", "a race moved later", "a race moved earlier"})
  void anUpdateAfterAChangeEqualsAFullRegeneration(String change) throws Exception {
    String sql = switch (change) {
      case "results arrive for racecards" -> "UPDATE runners SET status = 'FIN',"
          + " finish_position = (SELECT count(*) FROM runners r WHERE r.race_id = runners.race_id"
          + "   AND r.runner_id <= runners.runner_id),"
          + " beaten_lengths = 1.5 * ((SELECT count(*) FROM runners r WHERE r.race_id = runners.race_id"
          + "   AND r.runner_id <= runners.runner_id) - 1)"
          + " WHERE status IS NULL AND race_id IN (SELECT race_id FROM races WHERE race_date ="
          + "   (SELECT min(race_date) FROM races JOIN runners USING (race_id) WHERE status IS NULL))";
      case "a finish position corrected a month back" -> "UPDATE runners SET"
          + " finish_position = 3 - finish_position,"
          + " beaten_lengths = CASE finish_position WHEN 1 THEN 0.5 ELSE 0 END"
          + " WHERE race_id = " + monthBack + " AND finish_position IN (1, 2)";
      case "a race deleted" -> "DELETE FROM runners WHERE race_id = " + monthBack
          + "; DELETE FROM races WHERE race_id = " + monthBack;
      case "new racecards" -> "INSERT INTO races (race_id, course_id, race_date, off_time, distance_m, going,"
          + " surface, race_type, race_class, prize) SELECT race_id + 100000, course_id, date(race_date, '+7 days'),"
          + " off_time, distance_m, going, surface, race_type, race_class, prize FROM races"
          + " WHERE race_id > (SELECT max(race_id) - 10 FROM races);"
          + " INSERT INTO runners (runner_id, race_id, horse_id, jockey_id, trainer_id, draw, weight_kg, age,"
          + " official_rating, sp_decimal) SELECT runner_id + 1000000, race_id + 100000, horse_id, jockey_id,"
          + " trainer_id, draw, weight_kg, age, official_rating, sp_decimal FROM runners"
          + " WHERE race_id > (SELECT max(race_id) - 10 FROM races WHERE race_id < 100000)";
      case "a jockey changed" -> "UPDATE runners SET jockey_id = (SELECT max(jockey_id) FROM runners)"
          + " WHERE runner_id = (SELECT min(runner_id) FROM runners WHERE race_id = " + monthBack + ")";
      case "a race moved later" -> "UPDATE races SET race_date = date(race_date, '+20 days') WHERE race_id = "
          + monthBack;
      case "a race moved earlier" -> "UPDATE races SET race_date = date(race_date, '-20 days') WHERE race_id = "
          + lastRun;
      default -> throw new IllegalArgumentException(change);
    };
    Updated u = update(change.replace(' ', '-'), sql);
    int races = recomputed(u.update());
    assertTrue(races > 0 && races < 1_500 * 0.4, "recomputes from the change on, not everything: " + races);
    assertTrue(u.update().out().matches("(?s).*changed since \\d{4}-\\d{2}-\\d{2}[ ,].*"), u.update().out());
    if (change.startsWith("results arrive")) {
      assertTrue(u.update().out().contains("(results arrived for"), u.update().out());
    }
    if (change.equals("a race deleted")) {
      assertTrue(u.update().out().contains("1 gone"), u.update().out());
    }
    assertEqualsFullRegeneration(u);
  }

  @Test
  void anUnchangedDatabaseUpdatesNothingAndWritesNothing() throws Exception {
    String before = sha256(baseOut);
    Cli.Result r = Cli.ok("generate", "--db=" + base, "--out=" + baseOut, "--update");
    assertTrue(r.out().matches("(?s).*nothing changed since \\d{4}-\\d{2}-\\d{2}: all 1,500 races are up to date,"
        + " nothing written.*"), r.out());
    assertEquals(before, sha256(baseOut), "the output file is byte for byte as it was");
  }

  @Test
  void anUpdateWithExportWritesTheWholeUpToDateTable() throws Exception {
    Path csv = dir.resolve("updated.csv");
    Updated u = update("with-export", "UPDATE runners SET jockey_id = NULL WHERE runner_id = (SELECT min(runner_id)"
        + " FROM runners WHERE race_id = " + lastRun + ")", "--export=" + csv);
    Path full = dir.resolve("with-export-full.db");
    Path fullCsv = dir.resolve("full.csv");
    Cli.ok("generate", "--db=" + u.db(), "--out=" + full, "--export=" + fullCsv);
    assertTrue(recomputed(u.update()) < 100);
    // The same rows; a run's own export lists them in race order, the table's export by runner_id.
    assertEquals(Files.readAllLines(fullCsv).stream().sorted().toList(),
        Files.readAllLines(csv).stream().sorted().toList());
  }

  @Test
  void resumeNeverCountsARaceWhoseInputChangedAsDone() throws Exception {
    Path db = dir.resolve("resume.db");
    Path out = dir.resolve("resume-out.db");
    Files.copy(base, db);
    Files.copy(baseOut, out);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET draw = 99 WHERE runner_id = (SELECT min(runner_id) FROM runners"
          + " WHERE race_id = " + monthBack + ")");
    }
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + out, "--resume");
    assertTrue(r.out().contains("1,500 races selected (1,499 already done, skipped), 1 races"), r.out());
  }

  @Test
  void tablesWrittenBeforeFingerprintsAreRecomputedWhole() throws Exception {
    Path out = dir.resolve("old-out.db");
    Files.copy(baseOut, out);
    try (Connection c = Sqlite.openOrCreate(out); Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE old_races AS SELECT race_id, run_id, catalogue_version, target_rows"
          + " FROM feature_races");
      st.executeUpdate("DROP TABLE feature_races");
      st.executeUpdate("ALTER TABLE old_races RENAME TO feature_races");
    }
    Cli.Result r = Cli.ok("generate", "--db=" + base, "--out=" + out, "--update");
    assertEquals(1_500, recomputed(r), r.out());
    assertEquals(FeatureTables.read(baseOut), FeatureTables.read(out));
    assertTrue(Cli.ok("generate", "--db=" + base, "--out=" + out, "--update").out().contains("nothing changed"));
  }

  @Test
  void updateWithASelectionIsAUsageError() {
    Cli.Result r = Cli.run("generate", "--db=" + base, "--update", "--limit=10");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--update chooses its races itself"), r.err());
  }

  @Test
  void aChunkedRunSaysWhatRemains() {
    Path out = dir.resolve("chunk.db");
    Cli.Result r = Cli.ok("generate", "--db=" + base, "--out=" + out, "--limit=100");
    assertTrue(r.out().contains("1,400 of 1,500 races not computed by this run; the table holds 100"), r.out());
  }

  /**
   * A table written by catalogue version 1 (its 61 columns, its races marked version 1): every race
   * is stale, for --update and --resume alike, and the run leaves every row at this version.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--update", "--resume"})
  void aTableOfCatalogueVersion1IsRewrittenWholeAtThisVersion(String option) throws Exception {
    Path out = dir.resolve("version1" + option + "-out.db");
    Files.copy(baseOut, out);
    try (Connection c = Sqlite.openOrCreate(out); Statement st = c.createStatement()) {
      // Version 1's columns: the keys, the 53 features up to draw_pct, the labels.
      st.executeUpdate("CREATE TABLE v1 AS SELECT * FROM runner_features");
      for (String name : org.racefeatures.features.FeatureCatalogue.features().subList(53, 84).stream()
          .map(org.racefeatures.features.Feature::name).toList()) {
        st.executeUpdate("ALTER TABLE v1 DROP COLUMN " + name);
      }
      st.executeUpdate("DROP TABLE runner_features");
      st.executeUpdate("ALTER TABLE v1 RENAME TO runner_features");
      st.executeUpdate("UPDATE feature_races SET catalogue_version = 1");
    }
    Cli.Result r = Cli.ok("generate", "--db=" + base, "--out=" + out, option);
    assertTrue(r.out().contains("had the columns of another catalogue version"), r.out());
    assertEquals(FeatureTables.read(baseOut), FeatureTables.read(out));
    try (Connection c = Sqlite.openExisting(out, true); Statement st = c.createStatement()) {
      assertEquals("2", one(st, "SELECT group_concat(DISTINCT catalogue_version) FROM feature_races"));
      assertEquals(one(st, "SELECT count(DISTINCT race_id) FROM runner_features"),
          one(st, "SELECT count(*) FROM feature_races WHERE target_rows > 0"));
    }
  }
}
