package org.racefeatures.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.racefeatures.db.Sqlite;
import org.racefeatures.reference.ReferenceFeatures;

/** Reading {@code runner_features} back, and comparing it value by value with the reference. */
public final class FeatureTables {
  private FeatureTables() {}

  /** Every row of runner_features by runner_id: column to value (Long, Double, String or null). */
  public static Map<Long, Map<String, Object>> read(Path db) throws SQLException {
    Map<Long, Map<String, Object>> out = new TreeMap<>();
    try (Connection c = Sqlite.openExisting(db, true);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM runner_features ORDER BY runner_id")) {
      ResultSetMetaData md = rs.getMetaData();
      // The names once, not per value: the driver makes a new String from native memory each time.
      String[] names = new String[md.getColumnCount()];
      for (int i = 0; i < names.length; i++) {
        names[i] = md.getColumnName(i + 1);
      }
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>(2 * names.length);
        for (int i = 0; i < names.length; i++) {
          Object v = rs.getObject(i + 1);
          if (v instanceof Integer n) {
            v = n.longValue();
          }
          row.put(names[i], v);
        }
        out.put((Long) row.get("runner_id"), row);
      }
    }
    return out;
  }

  /** The reference's rows for the whole database (or the given races). */
  public static Map<Long, Map<String, Object>> reference(Path db, Set<Long> excludedRaces, Set<Long> onlyRaces)
      throws SQLException {
    try (Connection c = Sqlite.openExisting(db, true)) {
      return new ReferenceFeatures(c, excludedRaces).compute(onlyRaces);
    }
  }

  /** Fails with the first differences (up to 20) between the engine's table and the reference. */
  public static void assertSame(Map<Long, Map<String, Object>> expected, Map<Long, Map<String, Object>> actual) {
    assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(actual.keySet()),
        "runner_ids with a row");
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Long, Map<String, Object>> e : expected.entrySet()) {
      Map<String, Object> a = actual.get(e.getKey());
      for (Map.Entry<String, Object> col : e.getValue().entrySet()) {
        if (!a.containsKey(col.getKey())) {
          fail("runner_features has no column " + col.getKey());
        }
        Object want = col.getValue();
        Object got = a.get(col.getKey());
        if (!same(want, got) && problems.size() < 20) {
          problems.add("runner_id " + e.getKey() + " " + col.getKey() + ": expected " + want + ", got " + got);
        }
      }
      if (a.size() != e.getValue().size()) {
        fail("column count " + a.size() + " != " + e.getValue().size());
      }
    }
    if (!problems.isEmpty()) {
      fail(problems.size() + "+ differences:\n" + String.join("\n", problems));
    }
  }

  /** Integers exactly, reals within 1e-9 relative, NULL only equal to NULL. */
  static boolean same(Object want, Object got) {
    return ReferenceFeatures.same(want, got);
  }
}
