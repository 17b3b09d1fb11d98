package org.racefeatures.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    Set<String> present = new HashSet<>();
    // table_xinfo, unlike table_info, lists generated columns too.
    try (PreparedStatement ps = conn.prepareStatement("SELECT name FROM pragma_table_xinfo(?)")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          present.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
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
   * Reads every row into {@code readers} (one per wanted column, in {@link #columns} order). Each
   * row also carries a mask, computed by SQLite, of the values not in their reader's plain storage
   * class, so a plain value costs one typed getter and nothing else.
   *
   * @param orderBy an ORDER BY column, or null
   * @return the number of rows read
   */
  int read(Connection conn, List<ColumnReader> readers, String orderBy) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    StringBuilder mask = new StringBuilder();
    int[] first = new int[readers.size()];
    int column = 1;
    for (int i = 0; i < readers.size(); i++) {
      String quoted = quote(columns.get(i));
      first[i] = column;
      for (String expression : readers.get(i).select(quoted)) {
        sql.append(column == 1 ? "" : ", ").append(expression);
        column++;
      }
      mask.append(i == 0 ? "" : " | ").append("((typeof(").append(quoted).append(") <> '")
          .append(readers.get(i).plainClass()).append("') << ").append(i).append(')');
    }
    sql.append(", ").append(mask).append(" FROM ").append(quote(name));
    if (orderBy != null) {
      sql.append(" ORDER BY ").append(quote(orderBy));
    }
    int maskColumn = column;
    int rows = 0;
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery(sql.toString())) {
      int n = readers.size();
      while (rs.next()) {
        long notPlain = rs.getLong(maskColumn);
        for (int i = 0; i < n; i++) {
          readers.get(i).consume(rs, first[i], (notPlain >>> i & 1) == 0);
        }
        rows++;
      }
    }
    return rows;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
