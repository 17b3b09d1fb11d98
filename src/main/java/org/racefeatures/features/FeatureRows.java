package org.racefeatures.features;

import java.util.List;
import org.racefeatures.model.Ids;

/**
 * The output rows of one batch of races: keys, then one array per catalogue column. Built by one
 * worker and handed whole to the writer; never shared while being filled.
 *
 * <p>NULL is {@link #NULL_INT} in an integer column, {@code NaN} in a real column and {@code null}
 * in an id or category column. No feature
 * can be NaN by definition (every division in the catalogue has a non-zero divisor), so NaN is free
 * to mean NULL.
 */
public final class FeatureRows {
  /** NULL in an integer column. */
  public static final long NULL_INT = Long.MIN_VALUE;

  private final int size;
  final long[] runnerId;
  /** Per row: the race's index; its id is {@code raceIds.value(race)}. */
  final int[] race;
  /** Per row: the horse's key; its id is {@code horseIds.value(key)}. */
  final int[] horse;
  private final Ids raceIds;
  private final Ids horseIds;
  final String[] raceDate;
  /** {@code ints[c]} for an integer column {@code c}, else null. */
  final long[][] ints;
  /** {@code reals[c]} for a real column {@code c}, else null. */
  final double[][] reals;
  /**
   * {@code values[c]} for an id or category column {@code c} (a Long, a String, or null for NULL),
   * else null. The values are the input's own objects, shared, never copies.
   */
  final Object[][] values;

  /**
   * @param raceIds the ids of the races, by race index
   * @param horseIds the ids of the horses, by horse key
   */
  public FeatureRows(List<Feature> columns, int size, Ids raceIds, Ids horseIds) {
    this.size = size;
    this.raceIds = raceIds;
    this.horseIds = horseIds;
    runnerId = new long[size];
    race = new int[size];
    horse = new int[size];
    raceDate = new String[size];
    ints = new long[columns.size()][];
    reals = new double[columns.size()][];
    values = new Object[columns.size()][];
    for (int c = 0; c < columns.size(); c++) {
      switch (columns.get(c).type()) {
        case INTEGER -> ints[c] = new long[size];
        case REAL -> reals[c] = new double[size];
        default -> values[c] = new Object[size];
      }
    }
  }

  public int size() {
    return size;
  }

  public long runnerId(int row) {
    return runnerId[row];
  }

  /** The row's {@code race_id} as stored: a {@link Long} or a {@link String}. */
  public Object raceId(int row) {
    return raceIds.value(race[row]);
  }

  /** The row's {@code horse_id} as stored: a {@link Long} or a {@link String}. */
  public Object horseId(int row) {
    return horseIds.value(horse[row]);
  }

  public String raceDate(int row) {
    return raceDate[row];
  }

  /** The values of an integer column; {@link #NULL_INT} is NULL. */
  public long[] ints(int column) {
    return ints[column];
  }

  /** The values of a real column; NaN is NULL. */
  public double[] reals(int column) {
    return reals[column];
  }

  /** The values of an id or category column: a Long, a String, or null for NULL. */
  public Object[] values(int column) {
    return values[column];
  }

  void setValue(int column, int row, Object value) {
    values[column][row] = value;
  }

  void setInt(int column, int row, long value) {
    ints[column][row] = value;
  }

  void setReal(int column, int row, double value) {
    reals[column][row] = value;
  }

  void setNull(int column, int row) {
    if (ints[column] != null) {
      ints[column][row] = NULL_INT;
    } else if (reals[column] != null) {
      reals[column][row] = Double.NaN;
    } else {
      values[column][row] = null;
    }
  }

  /** A rate {@code wins / runs}: NULL when there are no runs. */
  void setRate(int column, int row, long wins, long runs) {
    reals[column][row] = runs == 0 ? Double.NaN : (double) wins / runs;
  }
}
