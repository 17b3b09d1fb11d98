package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class RowPermutationTest {
  /** Applied in place, the permutation gives what a plain gather into a second buffer gives. */
  @Test
  void reorderingInPlaceEqualsGatheringIntoACopy() {
    Random random = new Random(7);
    try (BufferAllocator allocator = new RootAllocator()) {
      for (int rows : new int[] {0, 1, 2, 17, 1000}) {
        for (boolean dropSome : new boolean[] {false, true}) {
          List<Integer> rowsInOrder = new ArrayList<>();
          for (int r = 0; r < rows; r++) {
            rowsInOrder.add(r);
          }
          Collections.shuffle(rowsInOrder, random);
          int keep = dropSome ? rows - rows / 5 : rows;
          int[] place = rowsInOrder.subList(0, keep).stream().mapToInt(Integer::intValue).toArray();
          RowPermutation permutation = new RowPermutation(place, rows);
          for (int width : new int[] {1, 4, 8}) {
            long[] values = random.longs(rows).toArray();
            try (ArrowBuf data = allocator.buffer(Math.max(1, (long) rows * width))) {
              for (int r = 0; r < rows; r++) {
                put(data, r, width, values[r]);
              }
              permutation.apply(data, width);
              for (int i = 0; i < keep; i++) {
                assertEquals(narrow(values[place[i]], width), get(data, i, width),
                    rows + " rows, width " + width + ", position " + i);
              }
            }
          }
        }
      }
    }
  }

  /** Rows already in order are left where they are. */
  @Test
  void theIdentityMovesNothing() {
    try (BufferAllocator allocator = new RootAllocator(); ArrowBuf data = allocator.buffer(40)) {
      for (int r = 0; r < 10; r++) {
        data.setInt(r * 4L, 100 + r);
      }
      new RowPermutation(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10).apply(data, 4);
      for (int r = 0; r < 10; r++) {
        assertEquals(100 + r, data.getInt(r * 4L));
      }
    }
  }

  private static long narrow(long v, int width) {
    return width == 1 ? (byte) v : width == 4 ? (int) v : v;
  }

  private static void put(ArrowBuf data, int row, int width, long v) {
    switch (width) {
      case 1 -> data.setByte(row, (byte) v);
      case 4 -> data.setInt(row * 4L, (int) v);
      default -> data.setLong(row * 8L, v);
    }
  }

  private static long get(ArrowBuf data, int row, int width) {
    return width == 1 ? data.getByte(row) : width == 4 ? data.getInt(row * 4L) : data.getLong(row * 8L);
  }
}
