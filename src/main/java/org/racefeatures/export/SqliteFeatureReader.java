package org.racefeatures.export;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.ValueType;

/**
 * Streams {@code runner_features} out of SQLite as Arrow record batches of the {@link
 * FeatureSchema}, in runner_id order (the table's primary key), optionally for a date range.
 *
 * <p>Reading costs one driver call per value, so the rows are cut into runner_id ranges of {@link
 * #CHUNK_ROWS} and read by {@code readers} threads, each on its own read-only connection, taking
 * chunks in turn; batches are handed on in chunk order, so the output order does not depend on the
 * thread count. As in the loader, NULLs come back as sentinels chosen in the SELECT.
 */
public final class SqliteFeatureReader extends ChunkedFeatureReader {
  static final int CHUNK_ROWS = 32_768;
  private static final long NULL_INT = -9223372036854775807L;
  private static final double NULL_REAL = -1.0e308;

  private final List<Feature> columns = FeatureSchema.columns();
  private final long[] chunkStart;
  private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
  private int nextChunk;

  /**
   * Opens {@code readers} connections to {@code db} and starts reading.
   *
   * @param from first race date, or null
   * @param to last race date, or null
   */
  public SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata, int readers) throws SQLException {
    this(allocator, db, from, to, metadata, readers, CHUNK_ROWS);
  }

  /** As above, with the chunk size given (tests use small chunks to exercise many of them). */
  SqliteFeatureReader(BufferAllocator allocator, Path db, LocalDate from, LocalDate to,
      Map<String, String> metadata, int readers, int chunkRows) throws SQLException {
    super(allocator, metadata);
    String low = from == null ? "0000-00-00" : from.toString();
    String high = to == null ? "9999-99-99" : to.toString();
    LongArrayList starts = new LongArrayList();
    try (Connection conn = Sqlite.openExisting(db, true)) {
      if (!Sqlite.hasTable(conn, "runner_features")) {
        throw new InputException(db + ": no table runner_features to export: run generate first");
      }
      try (PreparedStatement ps = conn.prepareStatement("SELECT runner_id FROM runner_features"
          + " WHERE race_date >= ? AND race_date <= ? ORDER BY runner_id")) {
        ps.setString(1, low);
        ps.setString(2, high);
        try (ResultSet rs = ps.executeQuery()) {
          for (long n = 0; rs.next(); n++) {
            if (n % chunkRows == 0) {
              starts.add(rs.getLong(1));
            }
          }
        }
      }
    }
    chunkStart = starts.toLongArray();
    String sql = select() + " FROM runner_features WHERE race_date >= ? AND race_date <= ?"
        + " AND runner_id >= ? AND runner_id < ? ORDER BY runner_id";
    for (int w = 0; w < readers; w++) {
      BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
      queues.add(queue);
      int first = w;
      start("racefeatures-export-" + w, () -> read(db, sql, low, high, first, readers, queue), queue);
    }
  }

  private String select() {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      Feature f = columns.get(i);
      sql.append(i == 0 ? "" : ", ").append(switch (f.type()) {
        case INTEGER -> "IFNULL(" + f.name() + ", " + NULL_INT + ")";
        case REAL -> "IFNULL(" + f.name() + ", " + NULL_REAL + ")";
        case TEXT -> f.name();
      });
    }
    return sql.toString();
  }

  /** A worker: reads chunks {@code first}, {@code first + step}, ... into its queue, in order. */
  private void read(Path db, String sql, String low, String high, int first, int step,
      BlockingQueue<Chunk> queue) {
    try (Connection conn = Sqlite.openExisting(db, true);
        PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int c = first; c < chunkStart.length; c += step) {
        ps.setString(1, low);
        ps.setString(2, high);
        ps.setLong(3, chunkStart[c]);
        ps.setLong(4, c + 1 < chunkStart.length ? chunkStart[c + 1] : Long.MAX_VALUE);
        VectorSchemaRoot root = VectorSchemaRoot.create(readSchema(), allocator);
        try (ResultSet rs = ps.executeQuery()) {
          fill(rs, root);
        } catch (SQLException | RuntimeException e) {
          root.close();
          throw e;
        }
        try {
          queue.put(new Chunk(root, null));
        } catch (InterruptedException e) {
          root.close(); // nobody will take it
          throw e;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // closed early: stop quietly
    } catch (Exception e) {
      queue.offer(new Chunk(null, e));
    }
  }

  private void fill(ResultSet rs, VectorSchemaRoot root) throws SQLException {
    root.allocateNew();
    int n = 0;
    String lastText = null;
    int lastDay = 0;
    while (rs.next()) {
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
    root.setRowCount(n);
  }

  @Override
  Chunk next() throws InterruptedException {
    if (nextChunk >= chunkStart.length) {
      return END;
    }
    return queues.get(nextChunk++ % queues.size()).take();
  }
}
