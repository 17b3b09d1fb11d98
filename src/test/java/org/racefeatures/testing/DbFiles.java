package org.racefeatures.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import org.racefeatures.db.Sqlite;

/** A test's look at database files from outside: one number a query gives, a file's checksum. */
public final class DbFiles {
  private DbFiles() {}

  /**
   * The first column of the first row of {@code sql} on {@code db} as a number, or -1 when the file
   * or table does not exist yet or is locked for a moment (for polling a running process).
   */
  public static long count(Path db, String sql) {
    // No busy wait: a poll that meets the writer's lock answers -1 at once and the caller polls again,
    // instead of sleeping in SQLite's busy handler while the run it watches goes on.
    try (Connection c = Sqlite.openExisting(db, true, 0); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      return -1;
    }
  }

  /** The SHA-256 of a file's bytes (read once every connection to it is closed), as hex. */
  public static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
