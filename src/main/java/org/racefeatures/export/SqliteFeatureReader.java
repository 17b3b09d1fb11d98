package org.racefeatures.export;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.ValueType;

/**
 * Streams {@code runner_features} out of SQLite as Arrow record batches of the {@link
 * FeatureSchema}, in runner_id order, optionally for a date range. As in the loader, NULLs come back as
 * sentinels chosen in the SELECT, so each value costs one driver call.
 */
public final class SqliteFeatureReader extends ArrowReader {
  private static final int BATCH_ROWS = 65_536;
  private static final long NULL_INT = -9223372036854775807L;
  private static final double NULL_REAL = -1.0e308;

  private final PreparedStatement statement;
  private final ResultSet rs;
  private final List<Feature> columns = FeatureSchema.columns();
  private final Map<String, String> metadata;
  private long rows;

  public SqliteFeatureReader(BufferAllocator allocator, Connection conn, LocalDate from, LocalDate to,
      Map<String, String> metadata) throws SQLException {
    super(allocator);
    this.metadata = metadata;
    if (!Sqlite.hasTable(conn, "runner_features")) {
      throw new InputException("no table runner_features to export: run generate first");
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      Feature f = columns.get(i);
      String name = "f." + f.name();
      sql.append(i == 0 ? "" : ", ").append(switch (f.type()) {
        case INTEGER -> "IFNULL(" + name + ", " + NULL_INT + ")";
        case REAL -> "IFNULL(" + name + ", " + NULL_REAL + ")";
        case TEXT -> name;
      });
    }
    // Rows in the table's own order (runner_id, its primary key): sorting 60-column rows in SQLite
    // would cost more than the export itself.
    sql.append(" FROM runner_features f WHERE f.race_date >= ? AND f.race_date <= ? ORDER BY f.runner_id");
    statement = conn.prepareStatement(sql.toString());
    statement.setString(1, from == null ? "0000-00-00" : from.toString());
    statement.setString(2, to == null ? "9999-99-99" : to.toString());
    rs = statement.executeQuery();
  }

  @Override
  public boolean loadNextBatch() throws IOException {
    VectorSchemaRoot root = getVectorSchemaRoot();
    root.allocateNew();
    int n = 0;
    try {
      String lastText = null;
      int lastDay = 0;
      while (n < BATCH_ROWS && rs.next()) {
        for (int c = 0; c < columns.size(); c++) {
          ValueType type = columns.get(c).type();
          if (type == ValueType.INTEGER) {
            long v = rs.getLong(c + 1);
            BigIntVector vec = (BigIntVector) root.getVector(c);
            if (v == NULL_INT) {
              vec.setNull(n);
            } else {
              vec.setSafe(n, v);
            }
          } else if (type == ValueType.REAL) {
            double v = rs.getDouble(c + 1);
            Float8Vector vec = (Float8Vector) root.getVector(c);
            if (v == NULL_REAL) {
              vec.setNull(n);
            } else {
              vec.setSafe(n, v);
            }
          } else {
            String text = rs.getString(c + 1);
            if (!text.equals(lastText)) {
              lastText = text;
              lastDay = (int) LocalDate.parse(text).toEpochDay();
            }
            ((DateDayVector) root.getVector(c)).setSafe(n, lastDay);
          }
        }
        n++;
      }
    } catch (SQLException e) {
      throw new IOException("reading runner_features: " + e.getMessage(), e);
    }
    root.setRowCount(n);
    rows += n;
    return n > 0;
  }

  /** Rows read so far. */
  public long rows() {
    return rows;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() throws IOException {
    try (statement;
        rs) {
      // closed by try-with-resources
    } catch (SQLException e) {
      throw new IOException(e);
    }
  }

  @Override
  protected Schema readSchema() {
    return FeatureSchema.schema(metadata);
  }
}
