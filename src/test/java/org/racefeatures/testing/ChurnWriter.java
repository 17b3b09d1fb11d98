package org.racefeatures.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Another program writing to a database: until told to stop (a line on standard input) or for the
 * given milliseconds, it moves the file between two committed states, one transaction each way, and
 * prints "started", then the number of commits when it ends. By default it adds a race of
 * {@link #RUNNERS} runners and deletes it: the race's runners have negative runner_ids (the lowest
 * part of the table) and the race the largest race time, so no other race's features depend on it.
 * With a third argument {@code features} it adds {@link #SHIFT} to {@code h_runs} of the rows of
 * {@code runner_features} that {@link #SHIFTED_ROWS} selects, and takes it away.
 */
public final class ChurnWriter {
  public static final long RACE_ID = 990_000_001L;
  public static final int RUNNERS = 5;
  public static final int SHIFT = 1000;
  /** The feature rows it changes. */
  public static final String SHIFTED_ROWS = "runner_id % 3 = 0";

  private ChurnWriter() {}

  /** Adds the extra race and its runners (one statement each), in the caller's transaction. */
  public static void addRace(Statement st) throws SQLException {
    st.executeUpdate("INSERT INTO races (race_id, course_id, race_date, off_time, distance_m, going, race_class)"
        + " VALUES (" + RACE_ID + ", 1, '2099-01-01', '12:00', 1600, 'Good', 4)");
    StringBuilder runners = new StringBuilder("INSERT INTO runners (runner_id, race_id, horse_id, jockey_id,"
        + " trainer_id, weight_kg, sp_decimal, status, finish_position, beaten_lengths) VALUES ");
    for (int i = 1; i <= RUNNERS; i++) {
      runners.append(i == 1 ? "" : ", ").append('(').append(-i).append(", ").append(RACE_ID).append(", ")
          .append(990_000_000 + i).append(", 1, 1, 60.0, ").append(2 + i).append(".0, 'FIN', ").append(i)
          .append(", ").append(i - 1).append(".0)");
    }
    st.executeUpdate(runners.toString());
  }

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    long millis = Long.parseLong(args[1]);
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(60_000);
    long commits = 0;
    try (Connection c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement st = c.createStatement()) {
      System.out.println("started");
      System.out.flush();
      long end = System.currentTimeMillis() + millis;
      boolean features = args.length > 2 && args[2].equals("features");
      while (System.currentTimeMillis() < end && System.in.available() == 0) {
        for (boolean there : new boolean[] {true, false}) {
          st.execute("BEGIN IMMEDIATE");
          if (features) {
            st.executeUpdate("UPDATE runner_features SET h_runs = h_runs " + (there ? "+ " : "- ") + SHIFT
                + " WHERE " + SHIFTED_ROWS);
          } else if (there) {
            addRace(st);
          } else {
            st.executeUpdate("DELETE FROM runners WHERE race_id = " + RACE_ID);
            st.executeUpdate("DELETE FROM races WHERE race_id = " + RACE_ID);
          }
          st.execute("COMMIT");
          commits++;
          Thread.sleep(1);
        }
      }
    }
    System.out.println(commits);
  }
}
