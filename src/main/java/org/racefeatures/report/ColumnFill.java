package org.racefeatures.report;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.racefeatures.db.Cells;
import org.racefeatures.db.InputException;
import org.racefeatures.export.FeatureRowDecoder;
import org.racefeatures.export.FeatureTableSnapshot;

/**
 * One reading thread's part of {@link FeatureColumns}: it reads its connection's runner_id ranges,
 * each into the rows the counts gave it, and keeps what is not per row (categories' values by first
 * sight, race ids, date bounds) to itself until {@link #merge}.
 *
 * <p>The decoder's columns are {@link FeatureColumns#columnsRead()}: runner_id, race_id, race_date,
 * then feature {@code c - 3} at column {@code c}, and the label last.
 */
final class ColumnFill implements FeatureRowDecoder.Sink {
  private static final int RACE = 1;
  private static final int FIRST_FEATURE = 3; // after runner_id, race_id and race_date

  private final FeatureColumns target;
  private final String source;
  private final int wonColumn;
  /** Per category feature: its values as read (Long or String) by local code, and back. */
  private final List<List<Object>> keys = new ArrayList<>();
  private final List<Object2IntOpenHashMap<Object>> known = new ArrayList<>();
  private final Object[] lastKey;
  private final int[] lastCode;
  private final LongOpenHashSet integerRaces = new LongOpenHashSet();
  private final Set<String> textRaces = new HashSet<>();
  private long previousRace = Long.MIN_VALUE;
  private String previousTextRace;
  private int previousDay = Integer.MIN_VALUE;
  private int previousMonth;
  private int firstDay = Integer.MAX_VALUE;
  private int lastDay = Integer.MIN_VALUE;
  /** The row being read. */
  private int row;
  /** A value of won other than 0 and 1 in the row being read, to be named with its runner_id. */
  private Long badLabel;

  ColumnFill(FeatureColumns target, String source) {
    this.target = target;
    this.source = source;
    int features = target.features.size();
    wonColumn = FIRST_FEATURE + features;
    lastKey = new Object[features];
    lastCode = new int[features];
    for (int f = 0; f < features; f++) {
      keys.add(new ArrayList<>());
      Object2IntOpenHashMap<Object> map = new Object2IntOpenHashMap<>();
      map.defaultReturnValue(-1);
      known.add(map);
    }
  }

  /**
   * Reads ranges on connection {@code w}, taking the next from {@code next} until none is left:
   * range {@code r} into rows {@code offsets[r]} on, exactly {@code counts[r]} of them (the
   * snapshot's state does not change between count and read), noting {@code readBy[r] = w}.
   */
  void readRanges(FeatureTableSnapshot table, int w, AtomicInteger next, int[] readBy, int[] offsets, long[] counts,
      AtomicBoolean failed) throws SQLException {
    FeatureRowDecoder decoder = new FeatureRowDecoder(source, table.columns());
    try (PreparedStatement ps = table.prepareSelect(w)) {
      for (int r = next.getAndIncrement(); r < table.ranges() && !failed.get(); r = next.getAndIncrement()) {
        readBy[r] = w;
        int end = offsets[r] + (int) counts[r];
        row = offsets[r];
        try (ResultSet rs = table.selectRange(ps, r)) {
          Cells cells = table.cells(ps);
          while (rs.next()) {
            if (row == end) {
              throw new IllegalStateException(source + ": runner_features gave more rows than it counted");
            }
            long runnerId = decoder.decode(cells, this);
            if (badLabel != null) {
              throw new InputException(source + ": runner_features row runner_id=" + runnerId + ", column "
                  + FeatureColumns.LABEL + ": " + badLabel + " is not 0, 1 or NULL");
            }
            row++;
          }
        }
        if (row != end) {
          throw new IllegalStateException(source + ": runner_features gave fewer rows than it counted");
        }
      }
    }
  }

  @Override
  public void nullValue(int column) {
    int f = column - FIRST_FEATURE;
    if (f >= 0 && column != wonColumn) { // won is -1 until read: racecards' NULLs, all at the end, cost nothing
      if (target.codes[f] != null) {
        target.codes[f][row] = -1;
      } else {
        target.slab[f][target.at[f] + row] = Double.NaN;
      }
    }
  }

  @Override
  public void integer(int column, long value) {
    if (column == wonColumn) {
      if (value != 0 && value != 1) {
        badLabel = value;
      }
      target.won[row] = (byte) value;
    } else if (column >= FIRST_FEATURE) {
      int f = column - FIRST_FEATURE;
      if (target.codes[f] != null) {
        target.codes[f][row] = code(f, value);
      } else {
        target.slab[f][target.at[f] + row] = value;
      }
    } else if (column == RACE && value != previousRace) { // a race's rows are usually together
      integerRaces.add(value);
      previousRace = value;
    }
  }

  @Override
  public void real(int column, double value) {
    int f = column - FIRST_FEATURE; // only a feature is REAL
    target.slab[f][target.at[f] + row] = value;
  }

  @Override
  public void text(int column, String value) {
    if (column >= FIRST_FEATURE) {
      int f = column - FIRST_FEATURE;
      target.codes[f][row] = code(f, value);
    } else if (column == RACE && !value.equals(previousTextRace)) {
      textRaces.add(value);
      previousTextRace = value;
    }
  }

  @Override
  public void day(int column, int epochDay) {
    if (epochDay != previousDay) { // a race's rows share one date
      firstDay = Math.min(firstDay, epochDay);
      lastDay = Math.max(lastDay, epochDay);
      previousMonth = Months.index(LocalDate.ofEpochDay(epochDay));
      previousDay = epochDay;
    }
    target.month[row] = previousMonth;
  }

  /** The local code of category {@code f}'s value {@code key} (a Long or a String). */
  private int code(int f, Object key) {
    if (key.equals(lastKey[f])) { // a race's rows share course, going, surface and race type
      return lastCode[f];
    }
    Object2IntOpenHashMap<Object> map = known.get(f);
    int code = map.getInt(key);
    if (code < 0) {
      code = keys.get(f).size();
      keys.get(f).add(key);
      map.put(key, code);
    }
    lastKey[f] = key;
    lastCode[f] = code;
    return code;
  }

  /**
   * Completes {@code target} from every fill: each category's values sorted (by text, an integer
   * before the same digits as text) and every row's code renumbered to them, the races counted,
   * the date bounds. The result does not depend on how many connections read.
   */
  static void merge(FeatureColumns target, List<ColumnFill> fills, int[] readBy, int[] offsets, long[] counts) {
    Comparator<Object> order = Comparator.comparing(Object::toString)
        .thenComparing(k -> k instanceof String ? 1 : 0);
    for (int f = 0; f < target.features.size(); f++) {
      if (target.codes[f] == null) {
        continue;
      }
      TreeSet<Object> all = new TreeSet<>(order);
      for (ColumnFill fill : fills) {
        all.addAll(fill.keys.get(f));
      }
      List<Object> sorted = new ArrayList<>(all);
      target.values.set(f, sorted.stream().map(Object::toString).toList());
      int[][] renumber = new int[fills.size()][];
      for (int w = 0; w < fills.size(); w++) {
        List<Object> local = fills.get(w).keys.get(f);
        renumber[w] = new int[local.size()];
        for (int k = 0; k < local.size(); k++) {
          renumber[w][k] = java.util.Collections.binarySearch(sorted, local.get(k), order);
        }
      }
      int[] codes = target.codes[f];
      for (int r = 0; r < offsets.length; r++) {
        int[] to = renumber[readBy[r]];
        for (int i = offsets[r], end = offsets[r] + (int) counts[r]; i < end; i++) {
          if (codes[i] >= 0) {
            codes[i] = to[codes[i]];
          }
        }
      }
    }
    LongOpenHashSet integerRaces = new LongOpenHashSet();
    Set<String> textRaces = new HashSet<>();
    for (ColumnFill fill : fills) {
      integerRaces.addAll(fill.integerRaces);
      textRaces.addAll(fill.textRaces);
      target.firstDay = Math.min(target.firstDay, fill.firstDay);
      target.lastDay = Math.max(target.lastDay, fill.lastDay);
    }
    target.races = integerRaces.size() + textRaces.size();
  }
}
