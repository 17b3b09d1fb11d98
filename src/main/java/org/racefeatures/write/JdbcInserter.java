package org.racefeatures.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureRows;
import org.racefeatures.features.ValueType;
import org.sqlite.SQLiteConnection;

/**
 * The reference way to insert rows: one prepared {@code INSERT} per row, every value bound through
 * sqlite-jdbc, sent in batches. Slower than {@link ImageInserter} (about 26 million driver calls for
 * 45,000 races), but it writes into any database SQLite can open, whatever its text encoding.
 */
final class JdbcInserter implements RowInserter {
  private final SQLiteConnection conn;
  private final List<Feature> columns = FeatureTable.columns();

  JdbcInserter(SQLiteConnection conn) {
    this.conn = conn;
  }

  @Override
  public String name() {
    return "jdbc";
  }

  @Override
  public byte[] encode(FeatureRows rows) {
    return null;
  }

  @Override
  public void beforeTransaction(byte[] encoded) {}

  @Override
  public void insert(FeatureRows rows, byte[] encoded, boolean replace) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT " + (replace ? "OR REPLACE " : "") + "INTO main."
        + FeatureTable.NAME + " VALUES (?");
    sql.append(",?".repeat(columns.size() - 1)).append(')');
    try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
      for (int r = 0; r < rows.size(); r++) {
        ps.setLong(1, rows.runnerId(r));
        setId(ps, 2, rows.raceId(r));
        setId(ps, 3, rows.horseId(r));
        ps.setString(4, rows.raceDate(r));
        for (int c = 4; c < columns.size(); c++) {
          ValueType type = columns.get(c).type();
          if (type == ValueType.INTEGER) {
            long v = rows.ints(c - 4)[r];
            if (v == FeatureRows.NULL_INT) {
              ps.setNull(c + 1, Types.INTEGER);
            } else {
              ps.setLong(c + 1, v);
            }
          } else if (type == ValueType.REAL) {
            double v = rows.reals(c - 4)[r];
            if (Double.isNaN(v)) {
              ps.setNull(c + 1, Types.REAL);
            } else {
              ps.setDouble(c + 1, v);
            }
          } else {
            setId(ps, c + 1, rows.values(c - 4)[r]);
          }
        }
        ps.addBatch();
        if ((r + 1) % 10_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** An id or category as stored: an integer, text, or NULL. */
  private static void setId(PreparedStatement ps, int index, Object id) throws SQLException {
    if (id == null) {
      ps.setNull(index, Types.NULL);
    } else if (id instanceof Long l) {
      ps.setLong(index, l);
    } else {
      ps.setString(index, (String) id);
    }
  }
}
