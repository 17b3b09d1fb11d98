package org.racefeatures.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Questions about a database's tables and columns, asked through the driver: whether a table or a
 * column is there (names compared as SQLite compares them, without regard to case), a table's
 * columns, whether its rowid is a given column and the span of its keys, and identifiers quoted
 * for SQL.
 */
public final class Schema {
  private Schema() {}

  /**
   * Whether {@code table} is an ordinary table of the main schema (not hidden by a temp one, not
   * WITHOUT ROWID) whose rowid is {@code column}: then ranges of that column are cheap to read.
   */
  public static boolean isRowidTable(Connection conn, String table, String column) throws SQLException {
    try (var ps = conn.prepareStatement("SELECT (SELECT count(*) FROM pragma_table_list WHERE name = ?1 COLLATE NOCASE"
        + " AND schema = 'main' AND type = 'table' AND wr = 0) = 1"
        + " AND (SELECT count(*) FROM pragma_table_list WHERE name = ?1 COLLATE NOCASE AND schema = 'temp') = 0"
        + " AND (SELECT sum(pk > 0) FROM pragma_table_info(?1)) = 1"
        + " AND (SELECT count(*) FROM pragma_table_info(?1) WHERE pk = 1 AND name = ?2 COLLATE NOCASE"
        + " AND upper(type) = 'INTEGER') = 1")) {
      ps.setString(1, table);
      ps.setString(2, column);
      try (var rs = ps.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  /** {@code name} as an SQL identifier in double quotes (any quote in it doubled). */
  public static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * The least and greatest integer key of {@code table} (an ordinary table whose rowid is {@code
   * column}), or null when it has no rows. Asked as two subqueries: SQLite finds a lone {@code
   * min()} or {@code max()} of the rowid at an end of the b-tree, but both in one query scan the table.
   */
  public static long[] rowidSpan(Connection conn, String table, String column) throws SQLException {
    String q = quoteIdentifier(table);
    String c = quoteIdentifier(column);
    try (Statement st = conn.createStatement(); var rs = st.executeQuery("SELECT (SELECT min(" + c + ") FROM " + q
        + "), (SELECT max(" + c + ") FROM " + q + ")")) {
      return rs.next() && rs.getObject(1) != null ? new long[] {rs.getLong(1), rs.getLong(2)} : null;
    }
  }

  /**
   * True when the database has a table (or view) of this name, in the main or temp schema; names
   * match without regard to case, as in SQLite.
   */
  public static boolean hasTable(Connection conn, String name) throws SQLException {
    try (var ps = conn.prepareStatement("SELECT 1 FROM pragma_table_list WHERE name = ? COLLATE NOCASE"
        + " AND schema IN ('main', 'temp') AND type IN ('table', 'view')")) {
      ps.setString(1, name);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * True when the table (or view) {@code table}, as an unqualified name finds it (temp first), has
   * a column of this name; names match without regard to case.
   */
  public static boolean hasColumn(Connection conn, String table, String column) throws SQLException {
    return columns(conn, table, null).contains(column.toLowerCase(Locale.ROOT));
  }

  /**
   * The column names, in lower case, of a table or view: the one an unqualified name finds (temp
   * first) when {@code schema} is null, else the one of that schema; empty when there is none.
   * Generated and hidden columns count ({@code table_xinfo}, unlike {@code table_info}, lists them).
   */
  public static Set<String> columns(Connection conn, String table, String schema) throws SQLException {
    Set<String> out = new HashSet<>();
    try (var ps = conn.prepareStatement(schema == null ? "SELECT name FROM pragma_table_xinfo(?1)"
        : "SELECT name FROM pragma_table_xinfo(?1, ?2)")) {
      ps.setString(1, table);
      if (schema != null) {
        ps.setString(2, schema);
      }
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }
}
