package org.racefeatures.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * The values of the current row of a sqlite-jdbc query, read through the driver's own binding of
 * {@code sqlite3_column_type}, {@code _int64}, {@code _double}, {@code _text} and {@code _blob}
 * (sqlite-jdbc's public {@code org.sqlite.core} classes).
 *
 * <p>Why: a JDBC getter makes two native calls per value (the storage class, then the value), and
 * telling a stored NULL or text from a number needs a third or a mask computed by SQLite per row.
 * Here the caller asks for the storage class once and reads the value with one more call: every
 * value is still read by SQLite through the driver, only with fewer calls across JNI.
 *
 * <p>Valid while the statement's result set is open and positioned on a row ({@link ResultSet#next}
 * returned true); columns are numbered from 1, as in JDBC. Not thread-safe: one reading thread per
 * statement, as for its result set.
 */
public final class Cells {
  /** Storage classes as {@link #type} gives them (SQLite's {@code SQLITE_INTEGER} ...). */
  public static final int INTEGER = 1;
  public static final int REAL = 2;
  public static final int TEXT = 3;
  public static final int BLOB = 4;
  public static final int NULL = 5;

  private final DB db;
  private final long statement;
  /** Whether the database's text is UTF-8: a TEXT value's bytes are then read as they are stored. */
  private final boolean utf8;

  private Cells(DB db, long statement, boolean utf8) {
    this.db = db;
    this.statement = statement;
    this.utf8 = utf8;
  }

  /** The cells of {@code ps}'s rows; call after {@code executeQuery}, before closing its result set. */
  public static Cells of(PreparedStatement ps) throws SQLException {
    CoreStatement core = ps.unwrap(CoreStatement.class);
    return new Cells(core.getDatabase(), core.pointer.safeRunLong((db, ptr) -> ptr), false);
  }

  /**
   * As {@link #of}, but where the database is UTF-8 ({@code utf8}, from {@link #isUtf8}) a TEXT
   * value is read as its stored bytes and decoded here: for a reader of millions of short texts,
   * about 0.1 microseconds less each. (The input's loader does not use it: with it, a 450,000-race
   * chunk's peak RSS was 250 MB higher, for a reason not found.)
   */
  public static Cells withTextAsStored(PreparedStatement ps, boolean utf8) throws SQLException {
    CoreStatement core = ps.unwrap(CoreStatement.class);
    return new Cells(core.getDatabase(), core.pointer.safeRunLong((db, ptr) -> ptr), utf8);
  }

  /** Whether {@code conn}'s database stores its text as UTF-8 ({@code PRAGMA encoding}). */
  public static boolean isUtf8(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA encoding")) {
      return rs.next() && "UTF-8".equalsIgnoreCase(rs.getString(1));
    }
  }

  /** The storage class of column {@code column}: {@link #INTEGER}, {@link #REAL}, {@link #TEXT}, ... */
  public int type(int column) throws SQLException {
    return db.column_type(statement, column - 1);
  }

  /** An INTEGER value; call only where {@link #type} said so. */
  public long integer(int column) throws SQLException {
    return db.column_long(statement, column - 1);
  }

  /** A REAL value; call only where {@link #type} said so. */
  public double real(int column) throws SQLException {
    return db.column_double(statement, column - 1);
  }

  /**
   * A TEXT value (decoded from the database's encoding), never null; call only where {@link #type}
   * said so.
   */
  public String text(int column) throws SQLException {
    if (utf8) {
      // SQLite gives a TEXT value's bytes unchanged as a blob: in a UTF-8 database, the UTF-8 that
      // sqlite3_column_text would give, without the driver wrapping it in a direct buffer first.
      byte[] b = db.column_blob(statement, column - 1);
      return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }
    String s = db.column_text(statement, column - 1);
    return s == null ? "" : s; // the empty text, should the driver give null for it
  }

  /** A BLOB value, never null (the driver gives null for an empty one); call only where {@link #type} said so. */
  public byte[] blob(int column) throws SQLException {
    byte[] b = db.column_blob(statement, column - 1);
    return b == null ? new byte[0] : b;
  }

  /**
   * The value as stored: null, Long, Double, String or byte[] (what {@code getObject} gives, except
   * that every integer is a Long).
   */
  public Object object(int column) throws SQLException {
    return switch (type(column)) {
      case INTEGER -> integer(column);
      case REAL -> real(column);
      case TEXT -> text(column);
      case BLOB -> blob(column);
      default -> null;
    };
  }
}
