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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Opening SQLite databases and running SQL scripts, shared by every stage that touches a file. Every
 * database file is opened through sqlite-jdbc, never by a descriptor of our own (closing one would
 * drop the POSIX locks SQLite holds on the file).
 */
public final class Sqlite {
  /** How long a connection waits for another program's lock by default: 30 s. */
  public static final int DEFAULT_BUSY_TIMEOUT_MS = 30_000;

  private static volatile int busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS;

  private Sqlite() {}

  /** Sets how long every connection opened from now on waits for another program's lock. */
  public static void setBusyTimeout(int millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("busy timeout must not be negative, got " + millis);
    }
    busyTimeoutMs = millis;
  }

  public static int busyTimeoutMillis() {
    return busyTimeoutMs;
  }

  /**
   * Opens an existing database. Unlike a bare JDBC URL this never creates the file: a missing path is
   * an error that names it.
   *
   * <p>{@code readOnly} means this program will not write, not necessarily a read-only handle: where
   * the file is writable it is opened for writing with {@code PRAGMA query_only}, so that SQLite can
   * roll back a hot journal left by a writer that was killed, as it does for any writer. A file
   * that is not writable is opened read-only, and a hot journal is then a clear error.
   */
  public static Connection openExisting(Path path, boolean readOnly) throws SQLException {
    return openExisting(path, readOnly, busyTimeoutMs);
  }

  /** As {@link #openExisting(Path, boolean)}, waiting at most {@code busyMillis} for a lock. */
  public static Connection openExisting(Path path, boolean readOnly, int busyMillis) throws SQLException {
    if (!Files.isRegularFile(path)) {
      throw new InputException("database not found: " + path);
    }
    boolean writable = Files.isWritable(path) && Files.isWritable(path.toAbsolutePath().getParent());
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly && !writable);
    config.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
    // Another process may hold a lock for a while; wait for it rather than fail at once.
    config.setBusyTimeout(busyMillis);
    Connection conn = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
    // SQLite opens lazily: read the catalogue now, so a file that is not a database is named here.
    try (Statement st = conn.createStatement()) {
      if (readOnly && writable) {
        st.execute("PRAGMA query_only = 1");
      }
      st.executeQuery("SELECT count(*) FROM sqlite_master").close();
    } catch (SQLException e) {
      conn.close();
      throw readFailure(path.toString(), "its schema", e);
    }
    return conn;
  }

  /**
   * A second reader of {@code db} for ranges of {@code table}'s rowid {@code column}, sharing the
   * state of {@code conn}'s begun read transaction ({@link #beginSecondReader}); null where it
   * cannot: in WAL mode, where the table's rowid is not that column, or when it cannot start at once.
   */
  public static Connection beginSecondRowidReader(Connection conn, Path db, String table, String column)
      throws SQLException {
    return readersShareState(conn) && Schema.isRowidTable(conn, table, column) ? beginSecondReader(db) : null;
  }

  /**
   * A second read-only connection to {@code db} whose read transaction has begun (a first read is
   * done), or null when it cannot start at once: it does not wait for a lock. For a caller that holds
   * a read transaction on the same file in rollback-journal mode ({@link #readersShareState}): the
   * two then see the same state. Null also when a writer is waiting to commit, which it can do only
   * once the caller's transaction ends; the caller then reads everything itself.
   */
  public static Connection beginSecondReader(Path db) throws SQLException {
    Connection second;
    try {
      second = openExisting(db, true, 0);
    } catch (InputException e) {
      return null;
    }
    try {
      second.setAutoCommit(false);
      try (Statement st = second.createStatement();
          var rs = st.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
      }
      return second;
    } catch (SQLException e) {
      second.close();
      if (isBusy(e)) {
        return null;
      }
      throw e;
    }
  }

  /** Whether SQLite gave up waiting for a lock (SQLITE_BUSY or SQLITE_LOCKED and their variants). */
  public static boolean isBusy(SQLException e) {
    String code = e instanceof org.sqlite.SQLiteException s ? s.getResultCode().name() : "";
    return code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED");
  }

  /**
   * What a failed read of a database means for the user: another program holding it past the busy
   * timeout, a hot journal that cannot be rolled back, a malformed or foreign file, or any other
   * error; each message names the file.
   *
   * @param what what was being read ("table runners")
   */
  public static InputException readFailure(String file, String what, SQLException e) {
    String code = e instanceof org.sqlite.SQLiteException s ? s.getResultCode().name() : "";
    String message;
    if (isBusy(e)) {
      message = file + ": another program holds the database locked; gave up reading " + what + " after waiting "
          + busyTimeoutMs / 1000.0 + " s (--busy-timeout)";
    } else if (code.startsWith("SQLITE_READONLY_ROLLBACK") || code.startsWith("SQLITE_READONLY_RECOVERY")) {
      message = file + ": has a hot journal left by a writer that stopped mid-transaction, and this program"
          + " may not write to the file to roll it back (give it write access, or open it once with sqlite3)";
    } else if (code.startsWith("SQLITE_CORRUPT")) {
      message = file + ": the database is malformed (SQLite reports corruption while reading " + what + ")";
    } else if (code.startsWith("SQLITE_NOTADB")) {
      message = file + ": not a SQLite database";
    } else {
      message = file + ": cannot read " + what + ": " + e.getMessage();
    }
    return new InputException(message, e);
  }

  /**
   * A value as {@code getObject} returns it, as the integer it stands for under SQLite's INTEGER
   * affinity: an integer, or a REAL that is a whole number within the 64-bit range (what INTEGER
   * affinity would have stored); null for anything else (NULL, a fraction, text, a blob).
   */
  public static Long integerValue(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double d && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
      return d.longValue();
    }
    return null;
  }

  /**
   * An id value as the driver returns it, normalised: integers as {@link Long}, text as {@link
   * String}. Anything else (a real, a blob, NULL) is not an id.
   */
  public static Object id(Object value) {
    if (value instanceof Long || value instanceof String) {
      return value;
    }
    if (value instanceof Integer i) {
      return (long) i;
    }
    throw new InputException("not an integer or text id: " + value);
  }

  /**
   * Lets SQLite read {@code conn}'s database file through memory mapping (its {@code mmap_size}
   * setting, up to the library's limit) instead of a system call and a copy for every page. For a
   * read that visits every page of a large table once: the report's and the export's.
   */
  public static void readMapped(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA mmap_size = " + (1L << 40)); // SQLite caps it at its compiled maximum
    }
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

  /**
   * Opens or creates a database for writing. A missing folder, or a path that is a folder, is an
   * error naming the path.
   */
  public static SQLiteConnection openOrCreate(Path path) throws SQLException {
    Path parent = path.toAbsolutePath().getParent();
    if (Files.isDirectory(path)) {
      throw new InputException(path + ": is a folder, not a database file");
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new InputException(path + ": no folder " + parent + " to write the database in");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyTimeoutMs);
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

  /**
   * Splits a script into its statements, as SQLite's tokenizer would: a semicolon ends a statement
   * only outside quotes ({@code '..'}, {@code ".."}, {@code [..]}, {@code `..`}) and comments
   * ({@code --} to the end of the line, {@code /* .. *}{@code /}), which are dropped. Statements
   * with a body of their own (CREATE TRIGGER) are not supported.
   *
   * @throws InputException for a quote or comment left open at the end
   */
  public static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder statement = new StringBuilder();
    int i = 0;
    int n = script.length();
    while (i < n) {
      char c = script.charAt(i);
      if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
        int end = script.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new InputException("a /* comment is not closed, " + excerpt(script, i));
        }
        statement.append(' ');
        i = end + 2;
      } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
        char close = c == '[' ? ']' : c;
        int end = i + 1;
        while (true) {
          end = script.indexOf(close, end);
          if (end < 0) {
            throw new InputException("a quote " + c + " is not closed, " + excerpt(script, i));
          }
          if (close != ']' && end + 1 < n && script.charAt(end + 1) == close) {
            end += 2; // a doubled quote stands for itself
          } else {
            break;
          }
        }
        statement.append(script, i, end + 1);
        i = end + 1;
      } else if (c == ';') {
        add(out, statement);
        i++;
      } else {
        statement.append(c);
        i++;
      }
    }
    add(out, statement);
    return out;
  }

  private static void add(List<String> out, StringBuilder statement) {
    if (!statement.toString().isBlank()) {
      out.add(statement.toString().strip());
    }
    statement.setLength(0);
  }

  private static String excerpt(String script, int at) {
    String rest = script.substring(at, Math.min(script.length(), at + 40)).replace('\n', ' ');
    return "from " + rest + (script.length() > at + 40 ? " ..." : "");
  }

  /** Runs each statement of a script. */
  public static void execute(Connection conn, String script) throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String sql : statements(script)) {
        st.executeUpdate(sql);
      }
    }
  }

  /**
   * Whether a second connection whose read transaction starts while this one holds a read
   * transaction sees the same state: true in rollback-journal mode, where no writer can commit while
   * any reader holds its SHARED lock; false in WAL mode, where a writer commits beside readers.
   */
  public static boolean readersShareState(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); var rs = st.executeQuery("PRAGMA journal_mode")) {
      return rs.next() && !"wal".equalsIgnoreCase(rs.getString(1));
    }
  }

  /**
   * The result of a read on another thread: its SQLException or unchecked failure thrown as itself
   * here, in the thread that waits.
   */
  public static <T> T await(Future<T> f) throws SQLException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new SQLException(e.getCause());
    }
  }
}
