package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.FixtureDb;
import org.racefeatures.testing.Rejection;

/**
 * Values whose storage class does not fit their column, integers the engine cannot hold and broken
 * keys are invalid input named by table, id, column and value; values that do fit are read as
 * themselves, never as NULL or a stand-in.
 */
class StorageClassTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("input.db");
  }

  /** Race 1 (2020-01-01) with runners 1, 2 and race 2 (2020-01-05) with runners 3, 4, then {@code sql}. */
  private void input(String... sql) throws Exception {
    try (FixtureDb f = FixtureDb.twoRacesOfTwoHorses(db())) {
      try (Statement st = f.connection().createStatement()) {
        for (String s : sql) {
          st.executeUpdate(s);
        }
      }
    }
  }

  private void assertRejected(String... messages) throws Exception {
    Rejection.assertRejected(db(), messages);
  }

  @Test
  void textInANumberColumnIsNamedWithItsValueNeverReadAsZero() throws Exception {
    input("UPDATE runners SET draw = 'abc' WHERE runner_id = 3",
        "UPDATE runners SET sp_decimal = 'evens' WHERE runner_id = 4");
    assertRejected("runners row runner_id=3, column draw: 'abc' is text, not an integer",
        "runners row runner_id=4, column sp_decimal: 'evens' is text, not a number");
  }

  @Test
  void aRealWithAFractionInAnIntegerColumnIsNamedNeverTruncated() throws Exception {
    input("UPDATE runners SET age = 7.5 WHERE runner_id = 2");
    assertRejected("runners row runner_id=2, column age: 7.5 is a real, not an integer");
  }

  @Test
  void aBlobOrAnInfiniteNumberIsNamed() throws Exception {
    input("UPDATE runners SET weight_kg = x'0102' WHERE runner_id = 1",
        "UPDATE runners SET beaten_lengths = 1e999 WHERE runner_id = 2");
    assertRejected("runners row runner_id=1, column weight_kg: X'0102' is a blob, not a number",
        "runners row runner_id=2, column beaten_lengths: Infinity is not a finite number");
  }

  @Test
  void integersBeyondTheEnginesColumnsAreNamedNeverWrapped() throws Exception {
    input("UPDATE runners SET draw = 4294967301 WHERE runner_id = 1",
        "UPDATE races SET distance_m = 3000000000 WHERE race_id = 2");
    assertRejected("runners row runner_id=1, column draw: 4294967301 is outside the range the engine stores",
        "races row race_id=2, column distance_m: 3000000000 is outside the range the engine stores");
  }

  @Test
  void extremeValuesAreReadAsThemselvesNotAsNull() throws Exception {
    input("UPDATE runners SET jockey_id = -9223372036854775807 WHERE runner_id IN (1, 3)",
        "UPDATE runners SET weight_kg = -1e308 WHERE runner_id = 3");
    Cli.ok("generate", "--db=" + db());
    Map<Long, Map<String, Object>> rows = FeatureTables.read(db());
    assertEquals(1L, rows.get(3L).get("j_rides_365d"), "the jockey of runner 1 rode runner 3 too");
    assertEquals(-1e308 - 57.0, (Double) rows.get(3L).get("weight_diff_to_mean") * 2, 1e295);
    assertEquals(-1e308, rows.get(3L).get("weight_kg"));
  }

  @Test
  void aStartingPriceOfMinusAHugeNumberIsNotTakenForNull() throws Exception {
    input("UPDATE runners SET sp_decimal = -1e308 WHERE runner_id = 4");
    assertRejected("runners row runner_id=4, column sp_decimal: -1.0E308 is not greater than 1");
  }

  @Test
  void aStatusNotInUpperCaseIsNamed() throws Exception {
    input("UPDATE runners SET status = 'Nr', finish_position = NULL WHERE runner_id = 4");
    assertRejected("runners row runner_id=4, column status: 'Nr' is not an upper-case status code");
  }

  @Test
  void aStatusCodeOutsideSchemaSqlIsCountedWithAWarning() throws Exception {
    input("UPDATE runners SET status = 'WITHDRAWN', finish_position = NULL WHERE runner_id = 4");
    Cli.Result r = Cli.ok("generate", "--db=" + db());
    assertTrue(r.err().contains("status 'WITHDRAWN' is not a code of schema.sql: 1 rows counted as ran,"
        + " did not finish"), r.err());
    assertTrue(r.out().contains("runner rows by status: FIN 3, WITHDRAWN 1"), r.out());
    assertEquals(1.0, FeatureTables.read(db()).get(4L).get("norm_pos"));
  }

  @Test
  void oneTextIdAmongIntegersIsAnotherEntityNotZero() throws Exception {
    input("UPDATE runners SET horse_id = 'Horse 2' WHERE runner_id = 4");
    Cli.ok("generate", "--db=" + db());
    Map<Long, Map<String, Object>> rows = FeatureTables.read(db());
    assertEquals("Horse 2", rows.get(4L).get("horse_id"), "the id kept as text");
    assertEquals(0L, rows.get(4L).get("h_runs"), "'Horse 2' is not horse 2");
    assertEquals(1L, rows.get(3L).get("h_runs"));
  }

  @Test
  void textIdsThatOnlyTheColumnsCollationMakesEqualAreAnErrorNotTwoHorses() throws Exception {
    input("CREATE TABLE r2 (runner_id INTEGER PRIMARY KEY, race_id INTEGER, horse_id TEXT COLLATE NOCASE,"
            + " jockey_id INTEGER, trainer_id INTEGER, draw INTEGER, weight_kg REAL, age INTEGER,"
            + " official_rating INTEGER, sp_decimal REAL, status TEXT, finish_position INTEGER, beaten_lengths REAL)",
        "INSERT INTO r2 SELECT runner_id, race_id, 'Horse ' || horse_id, jockey_id, trainer_id, draw, weight_kg, age,"
            + " official_rating, sp_decimal, status, finish_position, beaten_lengths FROM runners",
        "DROP TABLE runners", "ALTER TABLE r2 RENAME TO runners");
    Cli.ok("generate", "--db=" + db());
    assertEquals(1L, FeatureTables.read(db()).get(3L).get("h_runs"), "'Horse 1' is one horse");
    try (var c = org.racefeatures.db.Sqlite.openOrCreate(db()); var st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET horse_id = 'HORSE 1' WHERE runner_id = 3");
    }
    Cli.Result r = Cli.run("generate", "--db=" + db());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("column runners.horse_id holds 3 different ids, but SQLite's = finds 2"), r.err());
  }

  @Test
  void textIdsThatOnlyRtrimMakesEqualAreAnErrorToo() throws Exception {
    input("CREATE TABLE r2 (runner_id INTEGER PRIMARY KEY, race_id INTEGER, horse_id TEXT COLLATE RTRIM,"
            + " jockey_id INTEGER, trainer_id INTEGER, draw INTEGER, weight_kg REAL, age INTEGER,"
            + " official_rating INTEGER, sp_decimal REAL, status TEXT, finish_position INTEGER, beaten_lengths REAL)",
        "INSERT INTO r2 SELECT runner_id, race_id, 'Horse ' || horse_id, jockey_id, trainer_id, draw, weight_kg, age,"
            + " official_rating, sp_decimal, status, finish_position, beaten_lengths FROM runners",
        "DROP TABLE runners", "ALTER TABLE r2 RENAME TO runners",
        "UPDATE runners SET horse_id = 'Horse 1  ' WHERE runner_id = 3");
    Cli.Result r = Cli.run("generate", "--db=" + db());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("column runners.horse_id holds 3 different ids, but SQLite's = finds 2"), r.err());
  }

  @Test
  void nullOrRepeatedRunnerIdsAndUnknownRacesNameTheRow() throws Exception {
    input("CREATE TABLE loose AS SELECT * FROM runners", "DROP TABLE runners",
        "ALTER TABLE loose RENAME TO runners",
        "INSERT INTO runners (runner_id, race_id, horse_id, status, finish_position) VALUES (NULL, 2, 7, 'PU', NULL)",
        "INSERT INTO runners (runner_id, race_id, horse_id, status, finish_position) VALUES (4, 2, 8, 'PU', NULL)",
        "INSERT INTO runners (runner_id, race_id, horse_id, status, finish_position) VALUES (9, 77, 9, 'PU', NULL)");
    assertRejected("runners row runner_id=NULL, column runner_id: is NULL (horse_id 7)",
        "runners row runner_id=4, column runner_id: 4 appears more than once",
        "runners row runner_id=9, column race_id: no race with race_id 77");
  }

  @Test
  void skipInvalidLeavesOutTheRaceOfAWrongStorageClass() throws Exception {
    input("UPDATE runners SET draw = 'abc' WHERE runner_id = 3");
    Cli.Result r = Cli.ok("generate", "--db=" + db(), "--skip-invalid");
    assertTrue(r.err().contains("runners row runner_id=3, column draw: 'abc' is text"), r.err());
    Map<Long, Map<String, Object>> rows = FeatureTables.read(db());
    assertEquals(java.util.Set.of(1L, 2L), rows.keySet());
    assertNotNull(rows.get(1L));
  }

  @Test
  void everyMissingTableAndColumnIsListedInOneError() throws Exception {
    input("ALTER TABLE runners DROP COLUMN beaten_lengths", "ALTER TABLE races RENAME COLUMN going TO ground");
    assertRejected("missing from the input layout of schema.sql: column races.going, column runners.beaten_lengths");
  }
}
