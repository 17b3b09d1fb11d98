package org.racefeatures.report;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.export.FeatureTableSnapshot;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.ValueType;

/**
 * The rows of {@code runner_features} a report looks at, held column by column: every feature as
 * doubles (integers are exact to 2^53) or, for a category or id, as codes into its distinct values;
 * per row the label {@code won} and the race's month. Rows are in runner_id order.
 *
 * <p>A NULL number is held as NaN: SQLite cannot store a NaN (it stores NULL instead), so no value
 * read from the table is NaN. A NULL category is code -1.
 */
final class FeatureColumns {
  /** The label the report scores features against. */
  static final String LABEL = "won";

  final List<Feature> features = FeatureCatalogue.features();
  final int rows;
  /**
   * The numbers, whole columns after one another in as few arrays as hold them: feature {@code f}'s
   * rows are {@code slab[f][at[f]]} on. One array of all the columns is larger than the collector's
   * young space, so it is placed where it stays; a column's own array would be copied there.
   */
  final double[][] slab;
  final int[] at;
  final int[][] codes;
  final List<List<String>> values = new ArrayList<>();
  final byte[] won;
  final int[] month;
  long races;
  int firstDay = Integer.MAX_VALUE;
  int lastDay = Integer.MIN_VALUE;

  /** Columns of {@code rows} rows, to be filled (by {@link #read}, or by a test). */
  FeatureColumns(int rows) {
    this(rows, Integer.MAX_VALUE - 8); // the longest array a JVM allocates
  }

  /** As above, with arrays of at most {@code maxArray} values (a test's small bound). */
  FeatureColumns(int rows, int maxArray) {
    this.rows = rows;
    slab = new double[features.size()][];
    at = new int[features.size()];
    codes = new int[features.size()][];
    int numbers = (int) features.stream().filter(f -> !isCategory(f)).count();
    int perArray = Math.max(1, maxArray / Math.max(rows, 1));
    double[] current = null;
    int placed = 0;
    for (int f = 0; f < features.size(); f++) {
      if (isCategory(features.get(f))) {
        codes[f] = new int[rows];
      } else {
        if (placed % perArray == 0) {
          current = new double[Math.min(perArray, numbers - placed) * rows];
        }
        slab[f] = current;
        at[f] = placed % perArray * rows;
        placed++;
      }
      values.add(List.of());
    }
    won = new byte[rows];
    java.util.Arrays.fill(won, (byte) -1); // NULL until read
    month = new int[rows];
  }

  /** The columns a report reads, in select order: runner_id, race_id, race_date, the features, {@code won}. */
  static List<Feature> columnsRead() {
    List<Feature> read = new ArrayList<>();
    read.add(FeatureCatalogue.KEYS.get(0));
    read.add(FeatureCatalogue.KEYS.get(1));
    read.add(FeatureCatalogue.KEYS.get(3));
    read.addAll(FeatureCatalogue.features());
    read.add(FeatureCatalogue.labels().stream().filter(f -> f.name().equals(LABEL)).findFirst().orElseThrow());
    return read;
  }

  /**
   * Reads the rows with race dates from {@code from} to {@code to} (inclusive; null for no bound)
   * of {@code db}'s runner_features, in one committed state of the file. Each connection of the
   * snapshot has a thread; the threads take runner_id ranges in turn as they finish one, first to
   * count each range's rows, then, once every range has its place in the columns, to read its rows
   * straight into them (no batch in between).
   *
   * @throws InputException for a value the table's column cannot hold, naming runner_id and column
   */
  static FeatureColumns read(Path db, LocalDate from, LocalDate to) throws SQLException {
    return read(db, from, to, FeatureTableSnapshot.RANGE_ROWS);
  }

  /** As above, with about {@code rangeRows} runner_ids per range (tests use small ones). */
  static FeatureColumns read(Path db, LocalDate from, LocalDate to, int rangeRows) throws SQLException {
    try (FeatureTableSnapshot table = FeatureTableSnapshot.open(db, from, to, columnsRead(), rangeRows)) {
      int workers = table.connections();
      ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
        Thread t = new Thread(r, "racefeatures-report-read");
        t.setDaemon(true);
        return t;
      });
      AtomicBoolean failed = new AtomicBoolean(); // one connection's failure stops the other at its next range
      try {
        long[] counts = new long[table.ranges()];
        AtomicInteger nextCount = new AtomicInteger();
        inParallel(pool, table, failed, w -> {
          try (PreparedStatement count = table.prepareCount(w)) {
            for (int r = nextCount.getAndIncrement(); r < table.ranges() && !failed.get();
                r = nextCount.getAndIncrement()) {
              counts[r] = table.countRange(count, r);
            }
          }
          return null;
        });
        long total = 0;
        int[] offsets = new int[table.ranges()];
        for (int r = 0; r < counts.length; r++) {
          if (total + counts[r] > Integer.MAX_VALUE - 8) {
            throw new InputException(table.source() + ": more than " + (Integer.MAX_VALUE - 8) + " rows of"
                + " runner_features selected for one report; select fewer with --from and --to");
          }
          offsets[r] = (int) total;
          total += counts[r];
        }
        FeatureColumns columns = new FeatureColumns((int) total);
        int[] readBy = new int[table.ranges()];
        AtomicInteger nextRead = new AtomicInteger();
        List<ColumnFill> fills = inParallel(pool, table, failed, w -> {
          ColumnFill fill = new ColumnFill(columns, table.source());
          fill.readRanges(table, w, nextRead, readBy, offsets, counts, failed);
          return fill;
        });
        ColumnFill.merge(columns, fills, readBy, offsets, counts);
        return columns;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  /** One task per connection of {@code table}, on {@code pool}. */
  private interface PerConnection<T> {
    T run(int connection) throws SQLException;
  }

  /**
   * Runs {@code task} for every connection at once and waits for all; their results by connection,
   * or the first connection's failure, after setting {@code failed}.
   */
  private static <T> List<T> inParallel(ExecutorService pool, FeatureTableSnapshot table, AtomicBoolean failed,
      PerConnection<T> task) throws SQLException {
    List<Future<T>> futures = new ArrayList<>();
    for (int w = 0; w < table.connections(); w++) {
      int own = w;
      futures.add(pool.submit(() -> {
        try {
          return task.run(own);
        } catch (SQLException | RuntimeException e) {
          failed.set(true);
          throw e;
        }
      }));
    }
    List<T> results = new ArrayList<>();
    Throwable first = null;
    for (Future<T> f : futures) {
      try {
        results.add(f.get());
      } catch (ExecutionException e) {
        first = first == null ? e.getCause() : first;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading runner_features", e);
      }
    }
    if (first instanceof SQLException e) {
      throw Sqlite.readFailure(table.source(), "runner_features", e);
    } else if (first instanceof RuntimeException e) {
      throw e;
    } else if (first != null) {
      throw new IllegalStateException(first);
    }
    return results;
  }

  /** A category or id feature: summarised by its distinct values, not as a number. */
  static boolean isCategory(Feature f) {
    return f.type() == ValueType.CATEGORY || f.type() == ValueType.ID;
  }

  int rows() {
    return rows;
  }

  long races() {
    return races;
  }

  /** The first race date of the rows; null without rows. */
  LocalDate firstDate() {
    return rows == 0 ? null : LocalDate.ofEpochDay(firstDay);
  }

  LocalDate lastDate() {
    return rows == 0 ? null : LocalDate.ofEpochDay(lastDay);
  }

  /** Whether feature {@code f} is held as numbers (else as a category's codes). */
  boolean isNumber(int f) {
    return slab[f] != null;
  }

  /** The array holding number {@code f}'s values (NaN for NULL) from {@link #at(int)} on; null for a category. */
  double[] slab(int f) {
    return slab[f];
  }

  /** Where number {@code f}'s first row is in its {@link #slab(int)}. */
  int at(int f) {
    return at[f];
  }


  /** Category {@code f}'s codes (-1 for NULL), or null for a number. */
  int[] codes(int f) {
    return codes[f];
  }

  /** Category {@code f}'s distinct values, by code (sorted). */
  List<String> values(int f) {
    return values.get(f);
  }

  /** Per row: 1 won, 0 not, -1 NULL (a racecard). */
  byte[] won() {
    return won;
  }

  /** Per row: its race's month, as year * 12 + month - 1. */
  int[] months() {
    return month;
  }

  /** The index of the feature named {@code name}. */
  int indexOf(String name) {
    for (int f = 0; f < features.size(); f++) {
      if (features.get(f).name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no feature " + name);
  }
}
