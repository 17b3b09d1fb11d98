package org.racefeatures.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Another program rewriting a feature table: until told to stop (a line on standard input) or for
 * the given milliseconds, it adds {@link #SHIFT} to {@code h_runs} of every row whose runner_id is a
 * multiple of 3 in one transaction and takes it away in the next, so the table is always in one of
 * two committed states. Prints "started", then the number of commits when it ends.
 */
public final class FeatureChurn {
  public static final int SHIFT = 1000;
  /** The rows it changes. */
  public static final String ROWS = "runner_id % 3 = 0";

  private FeatureChurn() {}

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
      while (System.currentTimeMillis() < end && System.in.available() == 0) {
        for (String sign : new String[] {"+", "-"}) {
          st.execute("BEGIN IMMEDIATE");
          st.executeUpdate("UPDATE runner_features SET h_runs = h_runs " + sign + " " + SHIFT + " WHERE " + ROWS);
          st.execute("COMMIT");
          commits++;
          Thread.sleep(1);
        }
      }
    }
    System.out.println(commits);
  }
}
