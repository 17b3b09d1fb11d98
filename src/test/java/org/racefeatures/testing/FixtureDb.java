package org.racefeatures.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.racefeatures.db.Sqlite;

/**
 * Builds small input databases in the layout of {@code schema.sql} for tests: races and runners
 * with sensible defaults, every column settable, NULL where a value is given as null.
 */
public final class FixtureDb implements AutoCloseable {
  private final Connection conn;
  private long nextRace = 1;
  private long nextRunner = 1;

  public FixtureDb(Path path) throws SQLException {
    conn = Sqlite.openOrCreate(path);
    Sqlite.execute(conn, Sqlite.inputSchema());
    try (Statement st = conn.createStatement()) {
      for (int c = 1; c <= 3; c++) {
        st.executeUpdate("INSERT INTO courses VALUES (" + c + ", 'Course " + c + "', 'GB')");
      }
      for (int i = 1; i <= 20; i++) {
        st.executeUpdate("INSERT INTO jockeys VALUES (" + i + ", 'Jockey " + i + "')");
        st.executeUpdate("INSERT INTO trainers VALUES (" + i + ", 'Trainer " + i + "')");
      }
      for (int i = 1; i <= 50; i++) {
        st.executeUpdate("INSERT INTO horses VALUES (" + i + ", 'Horse " + i + "', 'G', 2015)");
      }
    }
  }

  /**
   * A valid input: race 1 (2020-01-01) with runners 1 and 2 (horses 1 and 2, placed 1st and 2nd),
   * race 2 (2020-01-05) with runners 3 and 4 (the same horses, placed 2nd and 1st).
   */
  /** Copies database {@code from} to {@code to} and sets the copy's journal mode; the copy. */
  public static Path copyInJournalMode(Path from, Path to, String journalMode) throws Exception {
    java.nio.file.Files.copy(from, to);
    try (java.sql.Connection c = org.racefeatures.db.Sqlite.openOrCreate(to);
        java.sql.Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode = " + journalMode);
    }
    return to;
  }

  public static FixtureDb twoRacesOfTwoHorses(Path path) throws SQLException {
    FixtureDb f = new FixtureDb(path);
    long r1 = f.race("2020-01-01", "14:00").add();
    f.runner(r1, 1).fin(1);
    f.runner(r1, 2).fin(2);
    long r2 = f.race("2020-01-05", "14:00").add();
    f.runner(r2, 1).fin(2);
    f.runner(r2, 2).fin(1);
    return f;
  }

  public Connection connection() {
    return conn;
  }

  /** A race builder with defaults: course 1, 1600 m, Good, Turf, Flat, class 4. */
  public RaceBuilder race(String date, String off) {
    return new RaceBuilder(date, off);
  }

  public final class RaceBuilder {
    private Long id;
    private Long course = 1L;
    private final String date;
    private final String off;
    private Integer distance = 1600;
    private String going = "Good";
    private Integer raceClass = 4;
    private Double prize = 10000.0;

    RaceBuilder(String date, String off) {
      this.date = date;
      this.off = off;
    }

    public RaceBuilder id(long v) {
      id = v;
      return this;
    }

    public RaceBuilder course(long v) {
      course = v;
      return this;
    }

    public RaceBuilder distance(Integer v) {
      distance = v;
      return this;
    }

    public RaceBuilder going(String v) {
      going = v;
      return this;
    }

    public RaceBuilder prize(Double v) {
      prize = v;
      return this;
    }

    public RaceBuilder raceClass(Integer v) {
      raceClass = v;
      return this;
    }

    /** Inserts the race and returns its id. */
    public long add() throws SQLException {
      long raceId = id != null ? id : nextRace;
      nextRace = Math.max(nextRace, raceId + 1);
      try (PreparedStatement ps = conn.prepareStatement("INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?)")) {
        ps.setLong(1, raceId);
        ps.setObject(2, course);
        ps.setString(3, date);
        ps.setString(4, off);
        ps.setObject(5, distance);
        ps.setString(6, going);
        ps.setString(7, "Turf");
        ps.setString(8, "Flat");
        ps.setObject(9, raceClass);
        ps.setObject(10, prize);
        ps.executeUpdate();
      }
      return raceId;
    }
  }

  /** A runner builder: finished with the given position, jockey/trainer 1, 57 kg, SP 5.0. */
  public RunnerBuilder runner(long race, long horse) {
    return new RunnerBuilder(race, horse);
  }

  public final class RunnerBuilder {
    private final long race;
    private final long horse;
    private Long jockey = 1L;
    private Long trainer = 1L;
    private Integer draw;
    private Double weight = 57.0;
    private Integer age = 5;
    private Integer rating;
    private Double sp = 5.0;
    private String status = "FIN";
    private Integer position;
    private Double beaten;

    RunnerBuilder(long race, long horse) {
      this.race = race;
      this.horse = horse;
    }

    public RunnerBuilder jockey(Long v) {
      jockey = v;
      return this;
    }

    public RunnerBuilder trainer(Long v) {
      trainer = v;
      return this;
    }

    public RunnerBuilder draw(Integer v) {
      draw = v;
      return this;
    }

    public RunnerBuilder weight(Double v) {
      weight = v;
      return this;
    }

    public RunnerBuilder rating(Integer v) {
      rating = v;
      return this;
    }

    public RunnerBuilder sp(Double v) {
      sp = v;
      return this;
    }

    public RunnerBuilder beaten(Double v) {
      beaten = v;
      return this;
    }

    /** Finished in this position. */
    public long fin(int pos) throws SQLException {
      status = "FIN";
      position = pos;
      if (beaten == null) {
        beaten = pos == 1 ? 0.0 : pos * 1.5;
      }
      return add();
    }

    /** Ran with this status code and no finishing position ('PU', 'F', ...; 'NR'; null for a racecard). */
    public long status(String code) throws SQLException {
      status = code;
      position = null;
      return add();
    }

    /** Inserts with an explicit status and position (for invalid rows). */
    public long raw(String code, Integer pos) throws SQLException {
      status = code;
      position = pos;
      return add();
    }

    private long add() throws SQLException {
      long id = nextRunner++;
      try (PreparedStatement ps =
          conn.prepareStatement("INSERT INTO runners VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        ps.setLong(1, id);
        ps.setLong(2, race);
        ps.setLong(3, horse);
        ps.setObject(4, jockey);
        ps.setObject(5, trainer);
        ps.setObject(6, draw);
        ps.setObject(7, weight);
        ps.setObject(8, age);
        ps.setObject(9, rating);
        ps.setObject(10, sp);
        ps.setString(11, status);
        ps.setObject(12, position);
        ps.setObject(13, beaten);
        ps.executeUpdate();
      }
      return id;
    }
  }

  @Override
  public void close() throws SQLException {
    conn.close();
  }
}
