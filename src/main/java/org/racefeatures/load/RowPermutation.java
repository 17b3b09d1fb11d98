package org.racefeatures.load;

import java.util.Arrays;
import java.util.BitSet;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A new order of the rows of fixed-width columns, applied to each column in its own buffer: position
 * {@code i} takes the value of row {@code place[i]}, and rows no position takes (of races left
 * out) end up after the last position. Applied by following the permutation's cycles, so a column
 * is never held twice; a permutation that moves nothing (a file whose runner_ids follow race time,
 * as most do) costs nothing.
 */
final class RowPermutation {
  /** Position {@code i} takes the row {@code source[i]}: a permutation of all the rows. Null for none. */
  private final int[] source;

  /**
   * @param place per kept position, the row it takes (each row at most once)
   * @param rows how many rows the columns hold
   */
  RowPermutation(int[] place, int rows) {
    boolean identity = place.length == rows;
    for (int i = 0; identity && i < place.length; i++) {
      identity = place[i] == i;
    }
    if (identity) {
      source = null;
      return;
    }
    if (place.length == rows) { // no race left out: the places are the whole permutation (read, never written)
      source = place;
      return;
    }
    source = Arrays.copyOf(place, rows);
    BitSet taken = new BitSet(rows);
    for (int row : place) {
      taken.set(row);
    }
    int next = place.length;
    for (int row = 0; row < rows; row++) {
      if (!taken.get(row)) {
        source[next++] = row;
      }
    }
  }

  /** Reorders the first rows of {@code data}, values {@code width} bytes wide (1, 2, 4 or 8). */
  void apply(ArrowBuf data, int width) {
    if (source == null) {
      return;
    }
    BitSet done = new BitSet(source.length);
    for (int start = 0; start < source.length; start++) {
      if (done.get(start)) {
        continue;
      }
      long first = get(data, start, width);
      int at = start;
      while (true) {
        done.set(at);
        int from = source[at];
        if (from == start) {
          set(data, at, width, first);
          break;
        }
        set(data, at, width, get(data, from, width));
        at = from;
      }
    }
  }

  private static long get(ArrowBuf data, int row, int width) {
    return switch (width) {
      case 1 -> data.getByte(row);
      case 2 -> data.getShort((long) row << 1);
      case 4 -> data.getInt((long) row << 2);
      case 8 -> data.getLong((long) row << 3);
      default -> throw new IllegalArgumentException("width " + width);
    };
  }

  private static void set(ArrowBuf data, int row, int width, long v) {
    switch (width) {
      case 1 -> data.setByte(row, (byte) v);
      case 2 -> data.setShort((long) row << 1, (short) v);
      case 4 -> data.setInt((long) row << 2, (int) v);
      case 8 -> data.setLong((long) row << 3, v);
      default -> throw new IllegalArgumentException("width " + width);
    }
  }
}
