package org.racefeatures.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.junit.jupiter.api.Test;

/** Each column takes the narrowest width that keeps every value, and gives back exactly what was read. */
class CompactColumnsTest {
  private static CompactInts ints(BufferAllocator a, Integer... values) {
    IntVector v = new IntVector("c", a);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        v.setNull(i);
      } else {
        v.set(i, values[i]);
      }
    }
    v.setValueCount(values.length);
    return CompactInts.of(v, a);
  }

  private static CompactDoubles doubles(BufferAllocator a, Double... values) {
    Float8Vector v = new Float8Vector("c", a);
    v.allocateNew(values.length);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null) {
        v.setNull(i);
      } else {
        v.set(i, values[i]);
      }
    }
    v.setValueCount(values.length);
    return CompactDoubles.of(v, a);
  }

  @Test
  void wholeNumbersTakeTheNarrowestWidthThatHoldsTheLeastAndTheGreatest() {
    try (BufferAllocator a = new RootAllocator();
        CompactInts ages = ints(a, 2, null, 12, 3);
        CompactInts negative = ints(a, -128, 127);
        CompactInts ratings = ints(a, 45, 255, null);
        CompactInts keys = ints(a, 0, 65_535, null, 40_000);
        CompactInts spread = ints(a, -128, 128);
        CompactInts wide = ints(a, 1, 70_000, -7)) {
      assertEquals(1, ages.width());
      assertEquals(1, negative.width());
      assertEquals(1, ratings.width(), "0 to 255 is one byte's span");
      assertEquals(2, keys.width(), "0 to 65,535 is two bytes' span");
      assertEquals(2, spread.width(), "-128 to 128 is more than one byte's span");
      assertEquals(4, wide.width());
      assertEquals(65_535, keys.get(1));
      assertEquals(0, keys.get(2), "0 where NULL");
      assertTrue(keys.isNull(2));
      assertEquals(40_000, keys.get(3));
      assertEquals(0, keys.get(0));
      assertEquals(128, spread.get(1));
      assertEquals(-128, spread.get(0));
      assertEquals(127, negative.get(1));
      assertEquals(12, ages.get(2));
      assertTrue(ages.isNull(1));
      assertFalse(ages.isNull(0));
      assertEquals(-128, negative.get(0));
      assertEquals(255, ratings.get(1));
      assertEquals(0, ratings.get(2), "0 where NULL");
      assertTrue(ratings.isNull(2));
      assertEquals(70_000, wide.get(1));
      assertEquals(-7, wide.get(2));
    }
  }

  @Test
  void runnerIdsKeepEveryBitOfA64BitIdAndNarrowWhereTheyFit() {
    try (BufferAllocator a = new RootAllocator()) {
      BigIntVector big = new BigIntVector("runner_id", a);
      big.allocateNew(2);
      big.set(0, 1L << 40);
      big.set(1, -3);
      big.setValueCount(2);
      BigIntVector small = new BigIntVector("runner_id", a);
      small.allocateNew(2);
      small.set(0, 70_000);
      small.set(1, 5);
      small.setValueCount(2);
      try (CompactInts kept = CompactInts.of(big, a); CompactInts narrowed = CompactInts.of(small, a)) {
        assertEquals(8, kept.width());
        assertEquals(1L << 40, kept.get(0));
        assertEquals(-3, kept.get(1));
        assertEquals(4, narrowed.width());
        assertEquals(70_000, narrowed.get(0));
      }
      assertEquals(0, a.getAllocatedMemory(), "the wide vector copied from is released");
    }
  }

  /** {@code n} distinct values: {@code value(i)} for row {@code i}. */
  private static CompactDoubles distinctDoubles(BufferAllocator a, int n, java.util.function.IntToDoubleFunction value) {
    Double[] values = new Double[n];
    for (int i = 0; i < n; i++) {
      values[i] = value.applyAsDouble(i);
    }
    return doubles(a, values);
  }

  @Test
  void realsTakeCodesWhereTheyRepeatFourBytesWhereEachIsAFloatAndEightElse() {
    try (BufferAllocator a = new RootAllocator()) {
      try (CompactDoubles prices = doubles(a, 2.5, null, 1.0 / 3 + 1, -0.0, 2.5, 0.1);
          CompactDoubles many = distinctDoubles(a, 300, i -> 1 + i / 7.0);
          CompactDoubles floats = distinctDoubles(a, 70_000, i -> 50 + i * 0.25);
          CompactDoubles reals = distinctDoubles(a, 70_000, i -> 1 + i / 3.0)) {
        assertEquals(1, prices.width(), "4 distinct values (the NULL's 0 among them): a byte's code each");
        assertEquals(2.5, prices.get(0));
        assertTrue(prices.isNull(1));
        assertFalse(prices.isNull(2));
        assertEquals(Double.doubleToRawLongBits(1.0 / 3 + 1), Double.doubleToRawLongBits(prices.get(2)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(prices.get(3)), "-0.0 is not 0.0");
        assertEquals(2.5, prices.get(4));
        assertEquals(0.1, prices.get(5));
        assertEquals(2, many.width(), "300 distinct values: 2 bytes' code each");
        assertEquals(1 + 299 / 7.0, many.get(299));
        assertEquals(4, floats.width(), "too many to code, each exactly a float");
        assertEquals(50 + 69_999 * 0.25, floats.get(69_999));
        assertEquals(8, reals.width(), "too many to code, not floats");
        assertEquals(1 + 69_999 / 3.0, reals.get(69_999));
      }
      assertEquals(0, a.getAllocatedMemory(), "the vectors copied from are released");
    }
  }
}
