package org.racefeatures.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The demo world in The Racing API's layout ({@code racing_pro.db}): text ids ({@code 'rac_1'},
 * {@code 'hrs_1'}), distances in furlongs, {@code 'Class N'}, prizes as {@code '£12,340'}, weights
 * in pounds, results in a table of their own, racecard odds in {@code runner_market_odds}. Every
 * value is written so that the built-in layout ({@code racing-api.sql}) reads back exactly the
 * native demo's value of the same seed.
 */
final class RacingApiTables {
  private static final double METRES_PER_FURLONG = 201.168;
  private static final double KG_PER_LB = 0.45359237;
  private static final ZoneId UK = ZoneId.of("Europe/London");
  private static final DateTimeFormatter OFF_DT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
  
  /** The layout's tables and (last) indexes. */
  static final String SCHEMA = """
      CREATE TABLE courses (course_id TEXT PRIMARY KEY, course TEXT, region TEXT);
      CREATE TABLE races (race_id TEXT PRIMARY KEY, course_id TEXT, course TEXT, date TEXT, off_time TEXT,
        off_dt TEXT, race_name TEXT, distance_f TEXT, distance TEXT, race_class TEXT, type TEXT, going TEXT,
        surface TEXT, prize TEXT, field_size INTEGER, is_abandoned INTEGER);
      CREATE TABLE runners (runner_id INTEGER PRIMARY KEY, race_id TEXT, horse_id TEXT, horse TEXT, age INTEGER,
        sex TEXT, jockey_id TEXT, jockey TEXT, trainer_id TEXT, trainer TEXT, draw TEXT, lbs TEXT, ofr TEXT);
      CREATE TABLE results (race_id TEXT, horse_id TEXT, position TEXT, position_int INTEGER, ovr_btn TEXT,
        sp_dec TEXT, PRIMARY KEY (race_id, horse_id));
      CREATE TABLE runner_market_odds (runner_id INTEGER PRIMARY KEY, median_decimal REAL);
      CREATE INDEX runners_race ON runners(race_id);
      CREATE INDEX races_date ON races(date, off_time)
      """;

  private RacingApiTables() {}

  /** Inserts every row of the world. */
  static void insertAll(Connection conn, DemoWorld w) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO courses VALUES (?,?,?)")) {
      for (int i = 0; i < w.courseName.size(); i++) {
        ps.setString(1, "crs_" + (i + 1));
        ps.setString(2, w.courseName.get(i));
        ps.setString(3, w.courseCountry.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    insertRaces(conn, w);
    insertRunners(conn, w);
  }

  private static void insertRaces(Connection conn, DemoWorld w) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,0)")) {
      for (int i = 0; i < w.raceId.size(); i++) {
        int course = w.raceCourse.getInt(i) - 1;
        LocalDate date = LocalDate.parse(w.raceDate.get(i));
        LocalTime off = LocalTime.parse(w.raceOff.get(i));
        ps.setString(1, "rac_" + w.raceId.getInt(i));
        ps.setString(2, "crs_" + (course + 1));
        ps.setString(3, w.courseName.get(course));
        ps.setString(4, w.raceDate.get(i));
        // The API's off_time is on a 12-hour clock; off_dt carries the 24-hour time.
        ps.setString(5, (off.getHour() + 11) % 12 + 1 + String.format(":%02d", off.getMinute()));
        ps.setString(6, ZonedDateTime.of(date, off, UK).format(OFF_DT));
        ps.setString(7, w.courseName.get(course) + " " + w.raceType.get(i) + " race " + (i + 1));
        int metres = w.raceDistance.getInt(i);
        ps.setString(8, furlongs(metres));
        ps.setString(9, Math.round(metres / METRES_PER_FURLONG) + "f");
        int cls = w.raceClass.getInt(i);
        ps.setString(10, cls == DemoWorld.NULL_INT ? "" : "Class " + cls);
        ps.setString(11, orEmpty(w.raceType.get(i)));
        ps.setString(12, orEmpty(w.raceGoing.get(i)));
        ps.setString(13, orEmpty(w.raceSurface.get(i)));
        double prize = w.racePrize.getDouble(i);
        String currency = "IRE".equals(w.courseCountry.get(course)) ? "€" : "£";
        ps.setString(14, Double.isNaN(prize) ? "" : currency + String.format(Locale.ROOT, "%,d", (long) prize));
        DemoDatabase.flush(ps, i);
      }
      ps.executeBatch();
    }
  }

  private static void insertRunners(Connection conn, DemoWorld w) throws SQLException {
    try (PreparedStatement runner = conn.prepareStatement("INSERT INTO runners VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement result = conn.prepareStatement("INSERT INTO results VALUES (?,?,?,?,?,?)");
        PreparedStatement odds = conn.prepareStatement("INSERT INTO runner_market_odds VALUES (?,?)")) {
      for (int i = 0; i < w.runRace.size(); i++) {
        int horse = w.runHorse.getInt(i);
        String raceId = "rac_" + w.runRace.getInt(i);
        runner.setInt(1, i + 1);
        runner.setString(2, raceId);
        runner.setString(3, "hrs_" + horse);
        runner.setString(4, w.horseName.get(horse - 1));
        DemoDatabase.setInt(runner, 5, w.runAge.getInt(i));
        runner.setString(6, w.horseSex.get(horse - 1));
        int jockey = w.runJockey.getInt(i);
        runner.setString(7, jockey == DemoWorld.NULL_INT ? null : "jky_" + jockey);
        runner.setString(8, jockey == DemoWorld.NULL_INT ? null : w.jockeyName.get(jockey - 1));
        int trainer = w.runTrainer.getInt(i);
        runner.setString(9, trainer == DemoWorld.NULL_INT ? null : "trn_" + trainer);
        runner.setString(10, trainer == DemoWorld.NULL_INT ? null : w.trainerName.get(trainer - 1));
        int draw = w.runDraw.getInt(i);
        runner.setString(11, draw == DemoWorld.NULL_INT ? "" : Integer.toString(draw));
        double kg = w.runWeight.getDouble(i);
        // Three decimals of a pound read back, through the layout's rounding to 10 g, as the kilograms.
        runner.setString(12, Double.isNaN(kg) ? "" : String.format(Locale.ROOT, "%.3f", kg / KG_PER_LB));
        int rating = w.runRating.getInt(i);
        runner.setString(13, rating == DemoWorld.NULL_INT ? "-" : Integer.toString(rating));
        DemoDatabase.flush(runner, i);

        String status = w.runStatus.get(i);
        double sp = w.runSp.getDouble(i);
        if (status == null) { // a racecard: the market's odds, no result
          if (!Double.isNaN(sp)) {
            odds.setInt(1, i + 1);
            odds.setDouble(2, sp);
            DemoDatabase.flush(odds, i);
          }
        } else if (!status.equals("NR")) {
          int position = w.runPosition.getInt(i);
          double beaten = w.runBeaten.getDouble(i);
          boolean finished = status.equals("FIN");
          result.setString(1, raceId);
          result.setString(2, "hrs_" + horse);
          result.setString(3, finished ? Integer.toString(position) : status);
          result.setInt(4, finished ? position : 999);
          result.setString(5, !finished || Double.isNaN(beaten) ? "-" : Double.toString(beaten));
          result.setString(6, Double.isNaN(sp) ? "" : Double.toString(sp));
          DemoDatabase.flush(result, i);
        }
      }
      runner.executeBatch();
      result.executeBatch();
      odds.executeBatch();
    }
  }

  /** The shortest decimal of furlongs (up to four places) that the layout reads back as these metres. */
  static String furlongs(int metres) {
    for (int places = 1; ; places++) {
      String text = String.format(Locale.ROOT, "%." + places + "f", metres / METRES_PER_FURLONG);
      if (Math.round(Double.parseDouble(text) * METRES_PER_FURLONG) == metres || places == 4) {
        return text;
      }
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
