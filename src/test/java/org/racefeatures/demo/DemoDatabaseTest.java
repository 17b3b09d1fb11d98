package org.racefeatures.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;

/** The default demo database has every property the foundation issue asks for. */
class DemoDatabaseTest {
  @TempDir static Path dir;
  static Connection db;
  static DemoDatabase.Summary summary;

  @BeforeAll
  static void writeDefault() throws Exception {
    Path path = dir.resolve("demo.db");
    summary = DemoDatabase.write(DemoSpec.defaults(), path, false);
    db = Sqlite.openExisting(path, true);
  }

  @org.junit.jupiter.api.AfterAll
  static void close() throws SQLException {
    db.close();
  }

  private static double one(String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getDouble(1);
    }
  }

  private static final String STARTED = "status IS NOT NULL AND status <> 'NR'";

  @Test
  void hasTheSizeOfTheRealDatabase() throws Exception {
    assertEquals(45_000, one("SELECT count(*) FROM races"));
    double perRace = one("SELECT avg(n) FROM (SELECT count(*) n FROM runners GROUP BY race_id)");
    assertEquals(9.8, perRace, 0.15);
    assertEquals(2, one("SELECT min(n) FROM (SELECT count(*) n FROM runners GROUP BY race_id)"));
    assertEquals(20, one("SELECT max(n) FROM (SELECT count(*) n FROM runners GROUP BY race_id)"));
    assertEquals(summary.runners(), one("SELECT count(*) FROM runners"));
  }

  @Test
  void spansAboutTenYearsOfMeetingsAtSixtyCoursesInTwoCountries() throws Exception {
    double days = one("SELECT julianday(max(race_date)) - julianday(min(race_date)) FROM races");
    assertTrue(days > 9 * 365 && days < 11.5 * 365, "span in days: " + days);
    assertTrue(one("SELECT count(DISTINCT course_id) FROM races") >= 55);
    assertTrue(one("SELECT count(DISTINCT country) FROM courses") >= 2);
    double perMeeting = one("SELECT avg(n) FROM (SELECT count(*) n FROM races GROUP BY race_date, course_id)");
    assertTrue(perMeeting > 6.5 && perMeeting <= 8, "races per meeting: " + perMeeting);
    assertEquals(8, one("SELECT max(n) FROM (SELECT count(*) n FROM races GROUP BY race_date, course_id)"));
    double severalMeetings = one("SELECT avg(m >= 2) FROM (SELECT count(DISTINCT course_id) m FROM races GROUP BY race_date)");
    assertTrue(severalMeetings > 0.5, "days with several meetings: " + severalMeetings);
    assertTrue(one("SELECT count(*) FROM (SELECT 1 FROM races GROUP BY race_date, off_time HAVING count(DISTINCT course_id) > 1)") > 100,
        "races at the same off time at different courses");
  }

  @Test
  void offTimesWithinAMeetingAreTwentyToFortyMinutesApart() throws Exception {
    String gaps = "SELECT (strftime('%s', b.race_date || ' ' || b.off_time) - strftime('%s', a.race_date || ' ' || a.off_time)) / 60 g"
        + " FROM races a JOIN races b ON a.course_id = b.course_id AND a.race_date = b.race_date"
        + " AND b.off_time = (SELECT min(off_time) FROM races c WHERE c.course_id = a.course_id"
        + " AND c.race_date = a.race_date AND c.off_time > a.off_time)";
    assertEquals(20, one("SELECT min(g) FROM (" + gaps + ")"));
    assertEquals(40, one("SELECT max(g) FROM (" + gaps + ")"));
  }

  @Test
  void horsesHaveCareersAndPeopleDifferInSkill() throws Exception {
    double horses = one("SELECT count(DISTINCT horse_id) FROM runners");
    assertTrue(horses > 20_000 && horses < 80_000, "horses: " + horses);
    double jockeys = one("SELECT count(DISTINCT jockey_id) FROM runners");
    double trainers = one("SELECT count(DISTINCT trainer_id) FROM runners");
    assertTrue(jockeys >= 200 && jockeys < 1_000, "jockeys: " + jockeys);
    assertTrue(trainers >= 200 && trainers < 1_000, "trainers: " + trainers);
    double firstAge = one("SELECT avg(age) FROM runners r WHERE runner_id = (SELECT min(runner_id) FROM runners WHERE horse_id = r.horse_id)");
    assertTrue(firstAge >= 2 && firstAge <= 4.5, "average age at first run: " + firstAge);
    assertTrue(one("SELECT min(age) FROM runners") >= 2);
    double gap = one("SELECT avg(g) FROM (SELECT julianday(b.race_date) - julianday(a.race_date) g FROM runners ra"
        + " JOIN races a ON a.race_id = ra.race_id JOIN runners rb ON rb.horse_id = ra.horse_id AND rb.runner_id > ra.runner_id"
        + " JOIN races b ON b.race_id = rb.race_id WHERE ra.runner_id % 50 = 0 AND ra.status = 'FIN'"
        + " AND rb.runner_id = (SELECT min(runner_id) FROM runners x WHERE x.horse_id = ra.horse_id AND x.runner_id > ra.runner_id))");
    assertTrue(gap >= 14 && gap <= 70, "average days between runs: " + gap);
    // Skill differs: the best jockeys (by wins, 100+ rides) win far more often than the worst.
    double spread = one("SELECT max(w) - min(w) FROM (SELECT avg(finish_position = 1 AND status = 'FIN') w FROM runners"
        + " WHERE jockey_id IS NOT NULL AND " + STARTED + " GROUP BY jockey_id HAVING count(*) >= 300)");
    assertTrue(spread > 0.08, "jockey strike-rate spread: " + spread);
  }

  @Test
  void favouritesWinAThirdOfRacesAndRatingsMoveWithResults() throws Exception {
    double fav = one("WITH f AS (SELECT race_id, min(sp_decimal) m FROM runners WHERE " + STARTED
        + " AND sp_decimal IS NOT NULL GROUP BY race_id) SELECT avg(w) FROM (SELECT f.race_id,"
        + " max(r.status = 'FIN' AND r.finish_position = 1) w FROM f JOIN runners r ON r.race_id = f.race_id"
        + " AND r.sp_decimal = f.m GROUP BY f.race_id)");
    assertTrue(fav >= 0.30 && fav <= 0.35, "favourites won " + fav);
    double afterWin = one("SELECT avg(b.official_rating - a.official_rating) FROM runners a JOIN runners b"
        + " ON b.horse_id = a.horse_id AND b.runner_id = (SELECT min(runner_id) FROM runners x WHERE x.horse_id = a.horse_id"
        + " AND x.runner_id > a.runner_id) WHERE a.status = 'FIN' AND a.finish_position = 1 AND a.official_rating IS NOT NULL"
        + " AND b.official_rating IS NOT NULL AND a.runner_id % 3 = 0");
    assertTrue(afterWin > 2, "a win raises the official rating, on average by " + afterWin);
  }

  @Test
  void hasFlatAndJumpsWithTheirOwnDistancesDrawsAndWeights() throws Exception {
    assertEquals(3, one("SELECT count(DISTINCT race_type) FROM races WHERE race_type IN ('Flat','Hurdle','Chase')"));
    assertTrue(one("SELECT min(distance_m) FROM races") >= 1000);
    assertTrue(one("SELECT max(distance_m) FROM races") <= 7000);
    assertTrue(one("SELECT count(DISTINCT race_class) FROM races") == 7);
    assertEquals(1, one("SELECT min(race_class) FROM races"));
    assertEquals(7, one("SELECT max(race_class) FROM races"));
    assertEquals(0, one("SELECT count(*) FROM runners JOIN races USING (race_id) WHERE race_type <> 'Flat' AND draw IS NOT NULL"));
    assertEquals(0, one("SELECT count(*) FROM runners JOIN races USING (race_id) WHERE race_type = 'Flat' AND draw IS NULL"));
    assertTrue(one("SELECT min(weight_kg) FROM runners") >= 45 && one("SELECT max(weight_kg) FROM runners") <= 80);
    assertTrue(one("SELECT count(DISTINCT going) FROM races") >= 5);
    assertTrue(one("SELECT count(DISTINCT surface) FROM races") >= 2);
  }

  @Test
  void hasNonRunnersNonFinishersDeadHeatsAndNulls() throws Exception {
    double nr = one("SELECT avg(status = 'NR') FROM runners WHERE status IS NOT NULL");
    assertTrue(nr >= 0.03 && nr <= 0.05, "non-runners: " + nr);
    double jumpsFall = one("SELECT avg(status <> 'FIN') FROM runners JOIN races USING (race_id) WHERE race_type <> 'Flat' AND " + STARTED);
    assertTrue(jumpsFall >= 0.08 && jumpsFall <= 0.12, "jumps non-finishers: " + jumpsFall);
    double flatFall = one("SELECT avg(status <> 'FIN') FROM runners JOIN races USING (race_id) WHERE race_type = 'Flat' AND " + STARTED);
    assertTrue(flatFall > 0 && flatFall < 0.01, "flat non-finishers: " + flatFall);
    assertTrue(one("SELECT count(DISTINCT status) FROM runners WHERE status NOT IN ('FIN','NR')") >= 5);
    double deadHeats = one("SELECT count(DISTINCT race_id) / 45000.0 FROM (SELECT race_id FROM runners WHERE status = 'FIN'"
        + " GROUP BY race_id, finish_position HAVING count(*) > 1)");
    assertTrue(deadHeats >= 0.003 && deadHeats <= 0.008, "races with a dead heat: " + deadHeats);
    for (String c : new String[] {"jockey_id", "trainer_id", "official_rating", "sp_decimal"}) {
      double nulls = one("SELECT avg(" + c + " IS NULL) FROM runners WHERE " + STARTED);
      assertTrue(nulls > 0 && nulls < 0.5, c + " NULL share " + nulls);
    }
    for (String c : new String[] {"going", "race_class"}) {
      assertTrue(one("SELECT avg(" + c + " IS NULL) FROM races") > 0, c);
    }
  }

  @Test
  void theLastTwoRacingDaysAreRacecards() throws Exception {
    assertEquals(2, one("SELECT count(DISTINCT race_date) FROM races WHERE race_id IN (SELECT race_id FROM runners WHERE status IS NULL)"));
    assertEquals(0, one("SELECT count(*) FROM runners r JOIN races a USING (race_id) WHERE status IS NULL"
        + " AND a.race_date < (SELECT min(race_date) FROM (SELECT DISTINCT race_date FROM races ORDER BY race_date DESC LIMIT 2))"));
    assertEquals(0, one("SELECT count(*) FROM runners r JOIN races a USING (race_id) WHERE status IS NOT NULL"
        + " AND a.race_date >= (SELECT min(race_date) FROM (SELECT DISTINCT race_date FROM races ORDER BY race_date DESC LIMIT 2))"));
    assertEquals(0, one("SELECT count(*) FROM runners WHERE status IS NULL AND (finish_position IS NOT NULL OR beaten_lengths IS NOT NULL)"));
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    Path a = dir.resolve("a.db");
    Path b = dir.resolve("b.db");
    Path c = dir.resolve("c.db");
    DemoDatabase.write(new DemoSpec(800, 3, 2), a, false);
    DemoDatabase.write(new DemoSpec(800, 3, 2), b, false);
    DemoDatabase.write(new DemoSpec(800, 4, 2), c, false);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
  }

  @Test
  void refusesToOverwriteWithoutForceAndLeavesNoTemporaryFile() throws Exception {
    Path out = dir.resolve("exists.db");
    Files.writeString(out, "keep me");
    InputException e = assertThrows(InputException.class,
        () -> DemoDatabase.write(new DemoSpec(50, 1, 0), out, false));
    assertTrue(e.getMessage().contains("exists.db"), e.getMessage());
    assertEquals("keep me", Files.readString(out));
    DemoDatabase.write(new DemoSpec(50, 1, 0), out, true);
    assertNotEquals("keep me", Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary file left");
    }
  }
}
