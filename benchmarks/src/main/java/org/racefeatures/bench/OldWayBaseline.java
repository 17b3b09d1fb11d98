package org.racefeatures.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The approach racefeatures replaces, done in Java so the comparison is about the method, not the
 * language: for each race, SQL queries for each runner's history (the horse's runs; the jockey's,
 * trainer's, jockey-course, jockey-trainer and horse-jockey counts), then the race's rows inserted
 * by the worker on its own connection, one transaction per race, so workers contend for SQLite's
 * write lock. It runs on a copy of the database, with indexes on jockey_id and trainer_id added so
 * the queries are not table scans (a fair old script would have them).
 */
final class OldWayBaseline {
  /** What the sample measured. */
  record Result(int races, int rows, int workers, double seconds) {
    double racesPerSecond() {
      return races / seconds;
    }
  }

  private OldWayBaseline() {}

  static Result run(Path db, Path work, int sampleRaces, int workers) throws Exception {
    Path copy = work.resolve("oldway.db");
    Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
    List<long[]> races = new ArrayList<>(); // race_id
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement st = c.createStatement()) {
      st.executeUpdate("CREATE INDEX IF NOT EXISTS old_jockey ON runners(jockey_id)");
      st.executeUpdate("CREATE INDEX IF NOT EXISTS old_trainer ON runners(trainer_id)");
      StringBuilder cols = new StringBuilder("runner_id INTEGER PRIMARY KEY, race_id INTEGER");
      for (int i = 0; i < 59; i++) {
        cols.append(", v").append(i).append(" REAL");
      }
      st.executeUpdate("DROP TABLE IF EXISTS old_features");
      st.executeUpdate("CREATE TABLE old_features (" + cols + ")");
      int total;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM races")) {
        rs.next();
        total = rs.getInt(1);
      }
      // A stretch from the middle of the history, where horses and jockeys have records.
      try (ResultSet rs = st.executeQuery("SELECT race_id FROM races ORDER BY race_date, off_time, race_id"
          + " LIMIT " + sampleRaces + " OFFSET " + Math.max(0, total / 2 - sampleRaces / 2))) {
        while (rs.next()) {
          races.add(new long[] {rs.getLong(1)});
        }
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger rows = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        futures.add(pool.submit(() -> {
          try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy)) {
            try (Statement st = c.createStatement()) {
              st.execute("PRAGMA busy_timeout = 60000");
            }
            for (int i = next.getAndIncrement(); i < races.size(); i = next.getAndIncrement()) {
              rows.addAndGet(race(c, races.get(i)[0]));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.deleteIfExists(copy);
    return new Result(races.size(), rows.get(), workers, seconds);
  }

  private static final String HORSE = "SELECT ra.race_date, ra.course_id, ra.distance_m, ra.going, ru.status,"
      + " ru.finish_position, ru.beaten_lengths, (SELECT count(*) FROM runners x WHERE x.race_id = ru.race_id"
      + " AND (x.status IS NULL OR x.status <> 'NR')) FROM runners ru JOIN races ra ON ra.race_id = ru.race_id"
      + " WHERE ru.horse_id = ? AND ru.status IS NOT NULL AND ru.status <> 'NR'"
      + " AND ra.race_date || ' ' || ra.off_time < ? ORDER BY ra.race_date DESC, ra.off_time DESC, ra.race_id DESC";
  private static final String COUNT = "SELECT count(*), total(ru.status = 'FIN' AND ru.finish_position = 1)"
      + " FROM runners ru JOIN races ra ON ra.race_id = ru.race_id WHERE ru.status IS NOT NULL"
      + " AND ru.status <> 'NR' AND ra.race_date || ' ' || ra.off_time < ? AND ra.race_date >= ? AND ";

  /** Computes and writes one race's rows; returns the number of rows. */
  private static int race(Connection c, long raceId) throws SQLException {
    String date;
    String t;
    long course;
    int distance;
    String going;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT race_date, off_time, course_id, distance_m, going FROM races WHERE race_id = ?")) {
      ps.setLong(1, raceId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        date = rs.getString(1);
        t = date + " " + rs.getString(2);
        course = rs.getLong(3);
        distance = rs.getInt(4);
        going = rs.getString(5);
      }
    }
    List<long[]> runners = new ArrayList<>(); // runner_id, horse, jockey, trainer
    try (PreparedStatement ps = c.prepareStatement("SELECT runner_id, horse_id, IFNULL(jockey_id, -1),"
        + " IFNULL(trainer_id, -1) FROM runners WHERE race_id = ? AND (status IS NULL OR status <> 'NR')")) {
      ps.setLong(1, raceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          runners.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        }
      }
    }
    LocalDate day = LocalDate.parse(date);
    String y365 = day.minusDays(365).toString();
    String d14 = day.minusDays(14).toString();
    List<double[]> out = new ArrayList<>();
    for (long[] r : runners) {
      double[] v = new double[59];
      int k = 0;
      try (PreparedStatement ps = c.prepareStatement(HORSE)) {
        ps.setLong(1, r[1]);
        ps.setString(2, t);
        try (ResultSet rs = ps.executeQuery()) {
          int n = 0;
          int wins = 0;
          int courseRuns = 0;
          int distRuns = 0;
          int goingRuns = 0;
          double norm = 0;
          long lastDays = -1;
          while (rs.next()) {
            boolean fin = "FIN".equals(rs.getString(5));
            int pos = rs.getInt(6);
            int field = rs.getInt(8);
            wins += fin && pos == 1 ? 1 : 0;
            norm += fin ? (field > 1 ? (pos - 1.0) / (field - 1) : 0) : 1;
            courseRuns += rs.getLong(2) == course ? 1 : 0;
            distRuns += 10 * Math.abs(rs.getInt(3) - distance) <= distance ? 1 : 0;
            goingRuns += going != null && going.equals(rs.getString(4)) ? 1 : 0;
            if (n == 0) {
              lastDays = ChronoUnit.DAYS.between(LocalDate.parse(rs.getString(1)), day);
            }
            n++;
          }
          v[k++] = n;
          v[k++] = wins;
          v[k++] = n == 0 ? Double.NaN : norm / n;
          v[k++] = courseRuns;
          v[k++] = distRuns;
          v[k++] = goingRuns;
          v[k++] = lastDays;
        }
      }
      k = count(c, "ru.jockey_id = " + r[2], t, y365, v, k);
      k = count(c, "ru.jockey_id = " + r[2] + " AND ra.course_id = " + course, t, "0000", v, k);
      k = count(c, "ru.trainer_id = " + r[3], t, y365, v, k);
      k = count(c, "ru.trainer_id = " + r[3], t, d14, v, k);
      k = count(c, "ru.jockey_id = " + r[2] + " AND ru.trainer_id = " + r[3], t, "0000", v, k);
      count(c, "ru.horse_id = " + r[1] + " AND ru.jockey_id = " + r[2], t, "0000", v, k);
      out.add(v);
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO old_features VALUES (?,?"
        + ",?".repeat(59) + ")")) {
      for (int i = 0; i < runners.size(); i++) {
        ps.setLong(1, runners.get(i)[0]);
        ps.setLong(2, raceId);
        for (int j = 0; j < 59; j++) {
          double x = out.get(i)[j];
          if (Double.isNaN(x)) {
            ps.setNull(j + 3, java.sql.Types.REAL);
          } else {
            ps.setDouble(j + 3, x);
          }
        }
        ps.executeUpdate();
      }
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    return runners.size();
  }

  private static int count(Connection c, String who, String t, String fromDate, double[] v, int k)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(COUNT + who)) {
      ps.setString(1, t);
      ps.setString(2, fromDate);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        v[k] = rs.getLong(1);
        v[k + 1] = rs.getDouble(2);
      }
    }
    return k + 2;
  }
}
