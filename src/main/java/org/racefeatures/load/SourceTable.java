package org.racefeatures.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.racefeatures.db.Cells;
import org.racefeatures.db.Schema;

/**
 * One input table (or view) read through the driver: its columns by name, in any order, whatever
 * else the table holds (extra, generated or hidden columns). Names match as SQLite matches them,
 * without regard to case. Each wanted column has one {@link ColumnReader}.
 */
final class SourceTable {
  final String name;
  final List<String> columns;

  SourceTable(String name, List<String> columns) {
    this.name = name;
    this.columns = columns;
  }

  /**
   * The wanted columns this table lacks, as {@code column table.column}, or {@code table or view
   * table} when there is none of that name.
   */
  List<String> missing(Connection conn) throws SQLException {
    Set<String> present = Schema.columns(conn, name, null);
    if (present.isEmpty()) {
      return List.of("table or view " + name);
    }
    List<String> out = new ArrayList<>();
    for (String c : columns) {
      if (!present.contains(c.toLowerCase(Locale.ROOT))) {
        out.add("column " + name + "." + c);
      }
    }
    return out;
  }

  /**
   * Reads every row into {@code readers} (one per wanted column, in {@link #columns} order), each
   * value through {@link Cells}: its storage class, then the value.
   *
   * @param orderBy an ORDER BY column, or null
   * @param range null for every row, or the part of the rows to read
   * @param firstRow the readers' row the first row read goes to
   * @param expectedRows -1, or the number of rows there are (counted in the same read transaction):
   *     the readers then have room for them from {@code firstRow} on and are never grown, so that
   *     two parts may fill one set of columns ({@link InputColumns.Runners#part})
   * @return the number of rows read
   */
  int read(Connection conn, List<ColumnReader> readers, String orderBy, Range range, int firstRow,
      int expectedRows) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    int[] first = new int[readers.size()];
    int column = 1;
    for (int i = 0; i < readers.size(); i++) {
      ColumnReader reader = readers.get(i);
      String quoted = Schema.quoteIdentifier(columns.get(i));
      first[i] = column;
      for (String expression : reader.select(quoted)) {
        sql.append(column == 1 ? "" : ", ").append(expression);
        column++;
      }
    }
    StringBuilder from = new StringBuilder(Schema.quoteIdentifier(name));
    if (range != null) {
      from.append(" WHERE ").append(Schema.quoteIdentifier(range.column())).append(range.below() ? " < ?" : " >= ?");
    }
    if (orderBy != null) {
      from.append(" ORDER BY ").append(Schema.quoteIdentifier(orderBy));
    }
    if (isView(conn)) {
      // A view's columns are expressions that SQLite would evaluate once per use (a reader may use
      // its column twice); a subquery with a LIMIT is run as a co-routine whose values are computed once.
      sql.append(" FROM (SELECT * FROM ").append(from).append(" LIMIT -1)");
    } else {
      sql.append(" FROM ").append(from);
    }
    ColumnReader[] consumers = readers.toArray(new ColumnReader[0]);
    int rows = 0;
    int capacity = Math.max(expectedRows, 0);
    try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
      if (range != null) {
        ps.setLong(1, range.bound());
      }
      ResultSet rs = ps.executeQuery();
      Cells cells = Cells.of(ps);
      while (rs.next()) {
        if (rows == capacity) {
          if (expectedRows >= 0) {
            throw new IllegalStateException(name + ": more rows than the " + expectedRows
                + " counted in the same read transaction");
          }
          capacity = Math.max(4096, 2 * capacity);
          for (ColumnReader r : consumers) {
            r.ensureCapacity(capacity);
          }
        }
        int row = firstRow + rows;
        for (int i = 0; i < consumers.length; i++) {
          consumers[i].consume(cells, first[i], row);
        }
        rows++;
      }
    }
    return rows;
  }

  /**
   * The table's row count, or -1 where the name finds a view (whose count would cost as much as
   * evaluating it) or the count exceeds what one set of columns holds.
   */
  int countIfTable(Connection conn) throws SQLException {
    if (isView(conn)) {
      return -1;
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM " + Schema.quoteIdentifier(name));
        ResultSet rs = ps.executeQuery()) {
      long rows = rs.next() ? rs.getLong(1) : 0;
      return rows < Integer.MAX_VALUE - 8 ? (int) rows : -1;
    }
  }

  /** Whether the name finds a view (temp objects first, as for any unqualified name). */
  private boolean isView(Connection conn) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT type FROM pragma_table_list WHERE name = ?"
        + " COLLATE NOCASE AND schema IN ('temp', 'main') ORDER BY schema = 'temp' DESC LIMIT 1")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && "view".equals(rs.getString(1));
      }
    }
  }

  /** The rows whose {@code column} is below {@code bound}, or at or above it (never NULL ones). */
  record Range(String column, long bound, boolean below) {}
}
