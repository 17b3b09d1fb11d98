package org.racefeatures.export;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.racefeatures.db.Cells;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;

/**
 * A date range of {@code runner_features} opened for reading in one committed state of the file,
 * in any journal mode: one connection in one read transaction and, in rollback-journal mode on a
 * rowid table, a second whose transaction starts while the first holds its SHARED lock (no writer can
 * commit meanwhile, so both see the same state).
 *
 * <p>The selected rows are cut into runner_id ranges; ranges in order are the rows in runner_id
 * order. Any range may be read on any connection, since all see one state; each connection is used by
 * one thread at a time.
 */
public final class FeatureTableSnapshot implements AutoCloseable {
  /** Rows per runner_id range where two connections share the reading. */
  public static final int RANGE_ROWS = 32_768;

  /** The most runner_id ranges a table is cut into, however sparse its ids. */
  private static final int MAX_RANGES = 4096;

  /**
   * The rows of a date range, compared as text: those whose race_date is in it, and every row whose
   * race_date is not a text of the form YYYY-MM-DD. Such a row is in no range, and reading it is the
   * error that names it, so it is never skipped silently.
   */
  private static final String IN_RANGE = "((race_date >= ? AND race_date <= ?) OR NOT (typeof(race_date) = 'text'"
      + " AND race_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'))";

  private final String source;
  private final List<Feature> columns;
  /** The first and last date selected, as compared with race_date's text; both null without a range. */
  private final String low;
  private final String high;
  private final List<Connection> connections = new ArrayList<>();
  /** Whether the file stores text as UTF-8: asked once, for every range's {@link #cells}. */
  private final boolean utf8;
  /** Where each runner_id range starts; the first takes every id below the second. */
  private final long[] rangeStart;

  private FeatureTableSnapshot(Path db, LocalDate from, LocalDate to, List<Feature> columns, int rangeRows)
      throws SQLException {
    this.source = db.toString();
    this.columns = List.copyOf(columns);
    boolean all = from == null && to == null;
    this.low = all ? null : from == null ? "0000-00-00" : from.toString(); // before any date
    this.high = all ? null : to == null ? "9999-99-99" : to.toString();
    Connection conn = Sqlite.openExisting(db, true);
    connections.add(conn);
    try {
      Sqlite.readMapped(conn);
      conn.setAutoCommit(false); // one read transaction, held until close
      if (!Schema.hasTable(conn, "runner_features")) {
        throw new InputException(db + ": no table runner_features to read: run generate first");
      }
      Set<String> present = Schema.columns(conn, "runner_features", null);
      List<String> missing = columns.stream().map(Feature::name).filter(c -> !present.contains(c)).toList();
      if (!missing.isEmpty()) {
        throw new InputException(db + ": runner_features lacks " + missing.size() + " column(s) of catalogue version "
            + FeatureCatalogue.VERSION + " (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
            + (missing.size() > 5 ? ", ..." : "") + "): it was written by another version; run generate again");
      }
      utf8 = Cells.isUtf8(conn);
      Connection second = Sqlite.beginSecondRowidReader(conn, db, "runner_features", "runner_id");
      if (second != null) {
        connections.add(second);
        Sqlite.readMapped(second);
        rangeStart = rangeStarts(conn, rangeRows);
      } else {
        rangeStart = new long[] {Long.MIN_VALUE};
      }
    } catch (SQLException e) {
      close();
      throw Sqlite.readFailure(source, "runner_features", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Opens {@code db}'s runner_features for reading {@code columns} (runner_id first) of the rows
   * with race dates from {@code from} to {@code to} (inclusive; null for no bound).
   *
   * @param rangeRows about how many runner_ids a range spans (tests use small ones)
   * @throws InputException without the table or one of the columns, or when the file cannot be read
   */
  public static FeatureTableSnapshot open(Path db, LocalDate from, LocalDate to, List<Feature> columns, int rangeRows)
      throws SQLException {
    if (columns.isEmpty() || !columns.get(0).name().equals("runner_id")) {
      throw new IllegalArgumentException("the columns read start with runner_id");
    }
    return new FeatureTableSnapshot(db, from, to, columns, rangeRows);
  }

  /**
   * Where the runner_id ranges start: the ids from the table's least to its greatest cut into equal
   * spans of about {@code rows} ids (found from the rowid b-tree's two ends, without a scan; ranges
   * with few selected rows cost one seek each).
   */
  private static long[] rangeStarts(Connection c, int rows) throws SQLException {
    long[] ends = Schema.rowidSpan(c, "runner_features", "runner_id");
    if (ends == null) {
      return new long[] {Long.MIN_VALUE};
    }
    long min = ends[0];
    long max = ends[1];
    long span;
    try {
      span = Math.addExact(Math.subtractExact(max, min), 1);
    } catch (ArithmeticException e) {
      return new long[] {Long.MIN_VALUE}; // ids across the whole 64-bit range: one range
    }
    int ranges = (int) Math.max(1, Math.min(MAX_RANGES, (span + rows - 1) / rows));
    long width = (span + ranges - 1) / ranges;
    long[] starts = new long[ranges];
    starts[0] = Long.MIN_VALUE;
    for (int r = 1; r < ranges; r++) {
      starts[r] = min + r * width;
    }
    return starts;
  }

  /** The file, as messages name it. */
  public String source() {
    return source;
  }

  /** The columns read, in select order (column {@code c} is JDBC column {@code c + 1}). */
  public List<Feature> columns() {
    return columns;
  }

  /** How many connections read: 1 or 2. */
  public int connections() {
    return connections.size();
  }

  /** Connection {@code w}, for a query of the caller's own in the same state (one thread at a time). */
  Connection connection(int w) {
    return connections.get(w);
  }

  /**
   * The condition on a row of {@code runner_features} that selects it: every row without a date
   * range (so that no row goes unread), else {@link #IN_RANGE}. Its parameters are bound by
   * {@link #bindSelected}.
   */
  String selected() {
    return low == null ? "1" : IN_RANGE;
  }

  /** Binds {@link #selected()}'s parameters from {@code first} on; the next parameter's index. */
  int bindSelected(PreparedStatement ps, int first) throws SQLException {
    if (low == null) {
      return first;
    }
    ps.setString(first, low);
    ps.setString(first + 1, high);
    return first + 2;
  }

  /** How many runner_id ranges there are. */
  public int ranges() {
    return rangeStart.length;
  }

  /** The connection that reads range {@code r} where connections take the ranges in turn. */
  public int connectionOf(int r) {
    return r % connections.size();
  }

  /**
   * The select of the columns on connection {@code w}, for {@link #selectRange}; the caller closes
   * it, on the thread that reads {@code w}'s ranges.
   */
  public PreparedStatement prepareSelect(int w) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (Feature f : columns) {
      sql.append(f.name()).append(", ");
    }
    sql.setLength(sql.length() - 2);
    return connections.get(w).prepareStatement(sql.append(" FROM runner_features WHERE ").append(selected())
        .append(" AND runner_id >= ? AND runner_id <= ? ORDER BY runner_id").toString());
  }

  /** The cells of a select's rows, once {@link #selectRange} has run it (texts read as stored where UTF-8). */
  public Cells cells(PreparedStatement select) throws SQLException {
    return Cells.withTextAsStored(select, utf8);
  }

  /** Range {@code r}'s selected rows, in runner_id order, from a select of its connection. */
  public ResultSet selectRange(PreparedStatement select, int r) throws SQLException {
    bindRange(select, r);
    return select.executeQuery();
  }

  /**
   * A count of the rows of a range on connection {@code w}, for {@link #countRange}; the caller
   * closes it, on the thread that uses {@code w}.
   */
  public PreparedStatement prepareCount(int w) throws SQLException {
    return connections.get(w).prepareStatement("SELECT count(*) FROM runner_features WHERE " + selected()
        + " AND runner_id >= ? AND runner_id <= ?");
  }

  /** How many rows range {@code r} selects, from a count of any connection. */
  public long countRange(PreparedStatement count, int r) throws SQLException {
    bindRange(count, r);
    try (ResultSet rs = count.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private void bindRange(PreparedStatement ps, int r) throws SQLException {
    int next = bindSelected(ps, 1);
    ps.setLong(next, rangeStart[r]);
    ps.setLong(next + 1, r + 1 < rangeStart.length ? rangeStart[r + 1] - 1 : Long.MAX_VALUE);
  }

  /** Ends the read transactions: closes every connection. */
  @Override
  public void close() {
    for (Connection c : connections) {
      try {
        c.close();
      } catch (SQLException e) {
        // the read transaction ends with the connection either way
      }
    }
  }
}
