package org.racefeatures.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * Another program holding an input database: {@code exclusive} takes an exclusive lock and keeps
 * it; {@code hot-journal} changes every runner in a transaction too large for its page cache, so
 * the changes reach the database file and the rollback journal holds the old pages. Either prints
 * "ready" and then waits to be stopped or killed.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    try (Connection c = config.createConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement st = c.createStatement()) {
      if (args[1].equals("exclusive")) {
        st.execute("BEGIN EXCLUSIVE");
      } else {
        st.execute("PRAGMA cache_size = 10");
        st.execute("BEGIN");
        st.executeUpdate("UPDATE runners SET draw = 99, weight_kg = weight_kg + 1");
      }
      System.out.println("ready");
      System.out.flush();
      System.in.read();
    }
  }
}
