package org.racefeatures.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's radix sort orders doubles exactly as {@link Arrays#sort(double[])} does. */
class RadixSortTest {
  private static void sortsAsTheJdkDoes(double[] a, int n) {
    double[] want = Arrays.copyOf(a, n);
    Arrays.sort(want);
    double[] got = a.clone();
    RadixSort.sort(got, n);
    long[] wantBits = Arrays.stream(want).mapToLong(Double::doubleToRawLongBits).toArray();
    long[] gotBits = Arrays.stream(Arrays.copyOf(got, n)).mapToLong(Double::doubleToRawLongBits).toArray();
    assertArrayEquals(wantBits, gotBits, "n = " + n);
    assertArrayEquals(Arrays.copyOfRange(a, n, a.length), Arrays.copyOfRange(got, n, a.length), "beyond n untouched");
  }

  @Test
  void signsZerosInfinitiesSubnormalsAndTiesSortAsTheJdkSortsThem() {
    Random rnd = new Random(31);
    double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1, 0x1p52, -0x1p52, 1e-310, -1e-310};
    for (int round = 0; round < 200; round++) {
      int n = round < 10 ? round : rnd.nextInt(5000);
      double[] a = new double[n + rnd.nextInt(3)];
      for (int i = 0; i < a.length; i++) {
        double bits = Double.longBitsToDouble(rnd.nextLong()); // any double, of every exponent
        a[i] = switch (rnd.nextInt(5)) {
          case 0 -> special[rnd.nextInt(special.length)];
          case 1 -> rnd.nextInt(20) - 10; // many ties
          case 2 -> rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
          case 3 -> Double.isNaN(bits) ? 0 : bits;
          default -> rnd.nextDouble() * 3000 - 1500;
        };
      }
      sortsAsTheJdkDoes(a, n);
    }
  }

  @Test
  void valuesSharingTheirHighBitsSortToo() {
    Random rnd = new Random(32);
    double[] a = new double[20_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = 1500 + rnd.nextInt(1 << 20) * 0x1p-30; // only the low digits differ: the high passes are skipped
    }
    sortsAsTheJdkDoes(a, a.length);
  }

  @Test
  void aNanIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> RadixSort.sort(new double[] {1, Double.NaN, 0}, 3));
  }
}
