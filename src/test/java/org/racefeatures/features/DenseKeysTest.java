package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseKeysTest {
  /** The keys of {@code ids}, in order, from keys declared for {@code min..max}. */
  private static int[] keys(long min, long max, long[] ids) {
    DenseKeys k = new DenseKeys(min, max);
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = k.key(ids[i]);
    }
    return out;
  }

  @Test
  void keysAreAssignedInFirstSeenOrderAndRepeatForTheSameId() {
    assertArrayEquals(new int[] {0, 1, 0, 2, 1}, keys(5, 9, new long[] {7, 5, 7, 9, 5}));
  }

  @Test
  void aWideRangeUsesTheMapAndGivesTheSameKeysAsATable() {
    Random random = new Random(42);
    long[] small = new long[10_000];
    for (int i = 0; i < small.length; i++) {
      small[i] = random.nextInt(3_000);
    }
    long offset = 1L << 40; // the same ids shifted far apart: a range too wide for a table
    long[] wide = new long[small.length];
    for (int i = 0; i < small.length; i++) {
      wide[i] = small[i] * offset;
    }
    assertArrayEquals(keys(0, 2_999, small), keys(0, 2_999 * offset, wide));
  }

  @Test
  void extremeIdsDoNotOverflowTheRange() {
    int[] k = keys(Long.MIN_VALUE, Long.MAX_VALUE, new long[] {Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE});
    assertArrayEquals(new int[] {0, 1, 0}, k);
  }

  @Test
  void anEmptyRangeHasNoKeys() {
    assertEquals(0, new DenseKeys(Long.MAX_VALUE, Long.MIN_VALUE).size());
  }
}
