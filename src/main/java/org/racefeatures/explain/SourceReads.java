package org.racefeatures.explain;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.racefeatures.db.Cells;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;

/**
 * The reads of an explanation's input, on its connection alone or shared with a second one that
 * sees the same state. A second reader is used only where that holds and halves are cheap to find:
 * rollback-journal mode (the first connection's read transaction holds a SHARED lock, so no writer
 * commits before the second has read; see {@link Sqlite#beginSecondReader}), the native layout, and
 * {@code runners} a table whose rowid is runner_id. Either way the rows come back in the same order.
 *
 * <p>Rows are the values as stored (null, Long, Double, String, byte[]), read with {@link Cells}:
 * one native call for the storage class and one for the value.
 */
final class SourceReads implements AutoCloseable {
  /** Keys per {@code IN (...)} list, under SQLite's default limit of bound parameters. */
  static final int IN_LIST = 500;

  private final Connection first;
  /** Null: the first connection reads everything. */
  private final Connection second;
  private final ExecutorService helper;

  private SourceReads(Connection first, Connection second, ExecutorService helper) {
    this.first = first;
    this.second = second;
    this.helper = helper;
  }

  /**
   * The reads of {@code conn}, whose read transaction has begun (it has read a row), with a second
   * reader of {@code db} where one can share its state; {@code helper} runs the second's reads.
   */
  static SourceReads open(Connection conn, Path db, boolean nativeLayout, ExecutorService helper)
      throws SQLException {
    Connection second = nativeLayout ? Sqlite.beginSecondRowidReader(conn, db, "runners", "runner_id") : null;
    return new SourceReads(conn, second, helper);
  }

  /** How many connections read: 1, or 2 where a second shares the first one's state. */
  int readers() {
    return second == null ? 1 : 2;
  }

  /**
   * The rows of {@code select} (a SELECT from {@code runners} without WHERE) that meet {@code
   * condition}, its parameters bound to {@code params}, in runner_id order: with two readers, each
   * scans one half of the runner_id span.
   */
  List<Object[]> scanRunners(String select, String condition, List<?> params) throws SQLException {
    long[] span = second == null ? null : Schema.rowidSpan(first, "runners", "runner_id");
    if (span == null) {
      return rows(first, select + " WHERE " + condition, params);
    }
    long middle = span[0] + (span[1] - span[0]) / 2; // no overflow: the span is at most 2^64 - 1 wide
    List<Object> bound = new ArrayList<>(params);
    bound.add(0, middle);
    String sql = select + " WHERE runner_id %s ? AND (" + condition + ")";
    return shared(c -> rows(c, String.format(sql, "<="), bound), c -> rows(c, String.format(sql, ">"), bound));
  }

  /**
   * The rows of {@code sqlUpToIn} ("SELECT ... WHERE key") for the keys {@code keys}, as many {@code
   * IN} lists as needed, in the order of those lists: with two readers, the second reads the later
   * half of the lists.
   */
  List<Object[]> byKeys(String sqlUpToIn, List<?> keys) throws SQLException {
    List<List<?>> lists = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += IN_LIST) {
      lists.add(keys.subList(from, Math.min(keys.size(), from + IN_LIST)));
    }
    Read read = (c, part) -> {
      List<Object[]> out = new ArrayList<>();
      for (List<?> keyList : part) {
        out.addAll(rows(c, inList(sqlUpToIn, keyList.size()), keyList));
      }
      return out;
    };
    if (second == null || lists.size() < 2) {
      return read.rows(first, lists);
    }
    int mine = (lists.size() + 1) / 2;
    return shared(c -> read.rows(c, lists.subList(0, mine)), c -> read.rows(c, lists.subList(mine, lists.size())));
  }

  /** Rows read on a connection, from some key lists. */
  private interface Read {
    List<Object[]> rows(Connection conn, List<List<?>> keyLists) throws SQLException;
  }

  /** A read on one connection. */
  private interface Part {
    List<Object[]> rows(Connection conn) throws SQLException;
  }

  /**
   * {@code mine} read here on the first connection and {@code theirs} on the helper thread with the
   * second, at once: mine's rows, then theirs. Theirs is waited for even when mine fails, so that
   * the second connection is never closed while its thread reads.
   */
  private List<Object[]> shared(Part mine, Part theirs) throws SQLException {
    Future<List<Object[]>> later = helper.submit(() -> theirs.rows(second));
    List<Object[]> out;
    try {
      out = mine.rows(first);
    } catch (SQLException | RuntimeException e) {
      try {
        Sqlite.await(later);
      } catch (SQLException | RuntimeException other) {
        e.addSuppressed(other);
      }
      throw e;
    }
    out.addAll(Sqlite.await(later));
    return out;
  }

  /** {@code sqlUpToIn} ("SELECT ... WHERE key") with an {@code IN} list of {@code n} parameters. */
  static String inList(String sqlUpToIn, int n) {
    return sqlUpToIn + " IN (?" + ",?".repeat(n - 1) + ")";
  }

  /** Every row of {@code sql} with {@code params} bound in order, as stored. */
  static List<Object[]> rows(Connection conn, String sql, List<?> params) throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        ps.setObject(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        Cells cells = Cells.of(ps);
        while (rs.next()) {
          Object[] row = new Object[columns];
          for (int c = 0; c < columns; c++) {
            row[c] = cells.object(c + 1);
          }
          out.add(row);
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws SQLException {
    if (second != null) {
      second.close(); // ends its read transaction; the first one's goes on
    }
  }
}
