package org.racefeatures.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.racefeatures.db.Sqlite;

/**
 * The rows of one table of an input database, held in memory, to be written into another file of
 * another layout: the same logical data in a different physical form.
 */
public record InputCopy(List<String> columns, List<Object[]> rows) {
  /** Every row of {@code table} in {@code db}, in rowid order. */
  public static InputCopy of(Path db, String table) throws SQLException {
    try (Connection c = Sqlite.openExisting(db, true);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnName(i));
      }
      List<Object[]> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[names.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
      return new InputCopy(names, rows);
    }
  }

  /** The same rows with one column's values changed (NULL stays NULL). */
  public InputCopy map(String column, UnaryOperator<Object> f) {
    int c = columns.indexOf(column);
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      Object[] copy = row.clone();
      copy[c] = copy[c] == null ? null : f.apply(copy[c]);
      out.add(copy);
    }
    return new InputCopy(columns, out);
  }

  /** The rows in another order. */
  public InputCopy reversed() {
    List<Object[]> out = new ArrayList<>(rows);
    java.util.Collections.reverse(out);
    return new InputCopy(columns, out);
  }

  /** Inserts every row into {@code table} of {@code conn}, naming the columns (under {@code rename}). */
  public void insertInto(Connection conn, String table, UnaryOperator<String> rename) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(rename.apply(columns.get(i)));
    }
    sql.append(") VALUES (?").append(",?".repeat(columns.size() - 1)).append(')');
    boolean auto = conn.getAutoCommit();
    conn.setAutoCommit(false);
    try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          ps.setObject(i + 1, row[i]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
      conn.commit();
    } finally {
      conn.setAutoCommit(auto);
    }
  }

  public void insertInto(Connection conn, String table) throws SQLException {
    insertInto(conn, table, UnaryOperator.identity());
  }
}
