package org.racefeatures.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The I/O floor of a generate run on this machine: reading the input columns with a plain
 * sqlite-jdbc loop into primitive arrays, and inserting as many rows of as many columns as generate
 * writes with one prepared statement in one transaction. No feature is computed.
 */
final class Floor {
  private Floor() {}

  /** Seconds to read the columns the loader reads (races: 7, runners: 13). */
  static double read(Path db) throws Exception {
    long start = System.nanoTime();
    long checksum = 0;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(
          "SELECT race_id, course_id, race_date, off_time, distance_m, going, race_class FROM races")) {
        while (rs.next()) {
          checksum += rs.getLong(1) + rs.getLong(2) + rs.getString(3).length() + rs.getString(4).length()
              + rs.getLong(5) + (rs.getString(6) == null ? 0 : 1) + rs.getLong(7);
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT runner_id, race_id, horse_id, jockey_id, trainer_id, draw,"
          + " weight_kg, age, official_rating, sp_decimal, status, finish_position, beaten_lengths FROM runners")) {
        long[] ints = new long[8];
        double[] reals = new double[3];
        while (rs.next()) {
          ints[0] = rs.getLong(1);
          ints[1] = rs.getLong(2);
          ints[2] = rs.getLong(3);
          ints[3] = rs.getLong(4);
          ints[4] = rs.getLong(5);
          ints[5] = rs.getLong(6);
          reals[0] = rs.getDouble(7);
          ints[6] = rs.getLong(8);
          ints[7] = rs.getLong(9);
          reals[1] = rs.getDouble(10);
          String s = rs.getString(11);
          checksum += rs.getLong(12) + (s == null ? 0 : s.length());
          reals[2] = rs.getDouble(13);
          checksum += ints[0] + ints[7] + (long) reals[1];
        }
      }
    }
    if (checksum == 42) {
      System.out.print(""); // keeps the loop's work observable
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds to insert {@code rows} rows of 1 key + {@code columns - 1} values in one transaction. */
  static double insert(Path file, long rows, int columns) throws Exception {
    Files.deleteIfExists(file);
    double seconds;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      StringBuilder ddl = new StringBuilder("CREATE TABLE t (id INTEGER PRIMARY KEY");
      StringBuilder ins = new StringBuilder("INSERT INTO t VALUES (?");
      for (int i = 1; i < columns; i++) {
        ddl.append(", c").append(i).append(i % 2 == 0 ? " REAL" : " INTEGER");
        ins.append(",?");
      }
      try (Statement st = c.createStatement()) {
        st.executeUpdate(ddl.append(')').toString());
      }
      c.setAutoCommit(false);
      long start = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(ins.append(')').toString())) {
        for (long r = 0; r < rows; r++) {
          ps.setLong(1, r + 1);
          for (int i = 1; i < columns; i++) {
            if ((r + i) % 9 == 0) {
              ps.setNull(i + 1, java.sql.Types.NULL);
            } else if (i % 2 == 0) {
              ps.setDouble(i + 1, r * 0.001 + i);
            } else {
              ps.setLong(i + 1, (r + i) % 500);
            }
          }
          ps.addBatch();
          if (r % 10_000 == 9_999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
      seconds = (System.nanoTime() - start) / 1e9;
    }
    Files.deleteIfExists(file);
    return seconds;
  }
}
