package org.racefeatures.explain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Schema;

/**
 * The rows of {@code runner_features} an explanation reads, by runner_id (the table's key): the
 * target row whole, and a few columns of the rows of its field and its horse's history runs.
 */
final class FeatureRows {
  /** The columns shown beside each runner of the field. */
  static final List<String> FIELD_COLUMNS = List.of("h_elo", "sp_rank", "sp_implied_prob", "or_rank", "elo_rank",
      "weight_rank");

  private final Connection conn;
  private final Map<String, Object> target;

  FeatureRows(Connection conn, String file, long runnerId) throws SQLException {
    this.conn = conn;
    if (!Schema.hasTable(conn, "runner_features")) {
      throw new InputException(file + ": no table runner_features: run generate first");
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM runner_features WHERE runner_id = ?")) {
      ps.setLong(1, runnerId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new InputException(file + ": runner_features has no row for runner_id " + runnerId
              + " (a non-runner, or a race this table was not generated for)");
        }
        target = row(rs);
      }
    }
  }

  /** The target row: column name to value (integers as Long, reals as Double, text as String). */
  Map<String, Object> target() {
    return target;
  }

  /** {@code h_elo} and the {@link #FIELD_COLUMNS} of the rows of {@code runnerIds} the table has. */
  Map<Long, Map<String, Object>> rows(List<Long> runnerIds) throws SQLException {
    Map<Long, Map<String, Object>> out = new HashMap<>();
    for (int from = 0; from < runnerIds.size(); from += SourceReads.IN_LIST) {
      List<Long> part = runnerIds.subList(from, Math.min(runnerIds.size(), from + SourceReads.IN_LIST));
      try (PreparedStatement ps = conn.prepareStatement(SourceReads.inList("SELECT runner_id, "
          + String.join(", ", FIELD_COLUMNS) + " FROM runner_features WHERE runner_id", part.size()))) {
        for (int i = 0; i < part.size(); i++) {
          ps.setLong(i + 1, part.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), row(rs));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Object> row(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    Map<String, Object> m = new LinkedHashMap<>();
    for (int c = 1; c <= md.getColumnCount(); c++) {
      Object v = rs.getObject(c);
      m.put(md.getColumnName(c), v instanceof Integer i ? Long.valueOf(i) : v);
    }
    return m;
  }
}
