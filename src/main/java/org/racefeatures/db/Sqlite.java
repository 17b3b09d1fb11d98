package org.racefeatures.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/** Opening SQLite databases and running SQL scripts, shared by every stage that touches a file. */
public final class Sqlite {
  private Sqlite() {}

  /**
   * Opens an existing database. Unlike a bare JDBC URL this never creates the file: a missing path is
   * an error that names it.
   */
  public static Connection openExisting(Path path, boolean readOnly) throws SQLException {
    if (!Files.isRegularFile(path)) {
      throw new InputException("database not found: " + path);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
    // Another process may hold a write lock briefly; wait for it rather than fail at once.
    config.setBusyTimeout(10_000);
    Connection conn = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
    // SQLite opens lazily: read the catalogue now, so a file that is not a database is named here.
    try (Statement st = conn.createStatement()) {
      st.executeQuery("SELECT count(*) FROM sqlite_master").close();
    } catch (SQLException e) {
      conn.close();
      throw new InputException(path + ": not a readable SQLite database (" + e.getMessage() + ")", e);
    }
    return conn;
  }

  /**
   * Starts loading the driver and its native library on a background thread, so that work overlaps
   * whatever the caller does next (parsing the command line). Harmless if no database is opened
   * after all; a failure here is left for the first real connection to report.
   */
  public static void preload() {
    Thread t = new Thread(() -> {
      try {
        new SQLiteConfig().createConnection("jdbc:sqlite::memory:").close();
      } catch (SQLException | RuntimeException | LinkageError e) {
        // The first real connection reports it, with the database's path.
      }
    }, "racefeatures-preload");
    t.setDaemon(true);
    t.start();
  }

  /** Opens or creates a database for writing. */
  public static SQLiteConnection openOrCreate(Path path) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    return (SQLiteConnection) config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
  }

  /** The input layout of {@code schema.sql}, as shipped inside the jar from {@code data/schema.sql}. */
  public static String inputSchema() {
    try (InputStream in = Sqlite.class.getResourceAsStream("/org/racefeatures/schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("schema.sql is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Splits a script into statements: drops {@code --} comments, which may hold semicolons. */
  public static List<String> statements(String script) {
    StringBuilder clean = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      int comment = line.indexOf("--");
      clean.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String part : clean.toString().split(";")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  /** Runs each statement of a script. */
  public static void execute(Connection conn, String script) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String sql : statements(script)) {
        st.executeUpdate(sql);
      }
    }
  }

  /** True when the database has a table (or view) of this name. */
  public static boolean hasTable(Connection conn, String name) throws SQLException {
    try (var ps =
        conn.prepareStatement(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
