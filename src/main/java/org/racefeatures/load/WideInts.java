package org.racefeatures.load;

import java.util.BitSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;

/**
 * 64-bit integers held in 32 bits each where they fit, as nearly every id and runner_id of a
 * database does, in an Arrow vector's data buffer (outside the Java heap, see {@link
 * ColumnReader}): a value outside the int range goes to a {@code long[]} made at the first such
 * value, flagged per row.
 *
 * <p>Like the readers' NULL bits, a second reader filling its own rows of the same values shares the
 * vector but keeps its own wide values, {@link #merge}d afterwards.
 */
final class WideInts implements AutoCloseable {
  private IntVector small;
  private long[] wide;
  private BitSet isWide;

  WideInts(String name, BufferAllocator allocator) {
    small = new IntVector(name, allocator);
  }

  int capacity() {
    return small.getValueCapacity();
  }

  void ensureCapacity(int rows) {
    if (rows > capacity()) {
      ColumnReader.room(small, rows);
      if (wide != null) {
        wide = java.util.Arrays.copyOf(wide, capacity());
      }
    }
  }

  /** Fills {@code whole}'s vector from now on (its rows are sized already); wide values stay here. */
  void share(WideInts whole) {
    small = whole.small;
  }

  /** Takes over the wide values of a reader that {@link #share}d this one's vector. */
  void merge(WideInts part) {
    if (part.wide == null) {
      return;
    }
    for (int row = 0; row < part.wide.length; row++) {
      if (part.isWide.get(row)) {
        set(row, part.wide[row]);
      }
    }
  }

  void set(int row, long v) {
    if (v == (int) v) {
      small.getDataBuffer().setInt((long) row << 2, (int) v);
      return;
    }
    if (wide == null) {
      wide = new long[capacity()];
      isWide = new BitSet(capacity());
    }
    wide[row] = v;
    isWide.set(row);
  }

  long get(int row) {
    return wide != null && isWide.get(row) ? wide[row] : small.getDataBuffer().getInt((long) row << 2);
  }

  /** Writes {@code v} over row {@code row}'s value, once that is read (an id column's key over its id). */
  void overwrite(int row, int v) {
    small.getDataBuffer().setInt((long) row << 2, v);
  }

  /** Whether some value did not fit 32 bits (then {@link #release} would lose it). */
  boolean anyWide() {
    return wide != null;
  }

  /**
   * The vector itself, once every row is {@link #overwrite}n, or when no value is {@link
   * #anyWide}: the caller owns it, and this holds nothing afterwards.
   */
  IntVector release() {
    IntVector vector = small;
    small = new IntVector(vector.getName(), vector.getAllocator());
    wide = null;
    isWide = null;
    return vector;
  }

  @Override
  public void close() {
    small.close();
  }
}
