package org.racefeatures.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's AUC and PSI against their textbook definitions, computed the slow way. */
class ScoresTest {
  /** Mann-Whitney by its definition: every (won, lost) pair, 1 when the won row's value is larger, 0.5 when equal. */
  private static double pairwiseAuc(double[] x, byte[] won) {
    double u = 0;
    long pairs = 0;
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        if (won[i] == 1 && won[j] == 0 && !Double.isNaN(x[i]) && !Double.isNaN(x[j])) {
          u += x[i] > x[j] ? 1 : x[i] == x[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return u / pairs;
  }

  /**
   * Twenty random tables of values with ties and NULLs (won rows a little higher), each value
   * divided by {@code divisor} and shifted by {@code shift}: the AUC equals the share of pairs.
   */
  private static void aucMatchesPairs(long seed, double divisor, double shift, boolean whole) {
    Random rnd = new Random(seed);
    for (int round = 0; round < 20; round++) {
      int n = 50 + rnd.nextInt(400);
      double[] x = new double[n];
      byte[] won = new byte[n];
      for (int i = 0; i < n; i++) {
        won[i] = (byte) (rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(4) == 0 ? 1 : 0);
        x[i] = rnd.nextInt(8) == 0 ? Double.NaN : (rnd.nextInt(12) + (won[i] == 1 ? rnd.nextInt(3) : 0)) / divisor
            + shift;
      }
      assertEquals(whole, PlainScores.integerSpan(x, n) != null, whole ? "scored by counting" : "scored by sorting");
      assertEquals(pairwiseAuc(x, won), PlainScores.auc(x, won, n), 1e-12);
    }
  }

  @Test
  void aucEqualsTheShareOfPairsOrderedRightWithTiesAndNullsLeftOut() {
    aucMatchesPairs(7, 1, 0, true);
  }

  @Test
  void aucOfFractionalValuesEqualsTheShareOfPairsToo() {
    aucMatchesPairs(8, 3, -0.25, false);
  }

  /** Whole values are counted, not sorted: the same AUC and decile edges as their shifted, fractional copy. */
  @Test
  void wholeValuesCountedGiveWhatSortingGives() {
    Random rnd = new Random(9);
    for (int round = 0; round < 30; round++) {
      int n = 200 + rnd.nextInt(2000);
      double[] x = new double[n];
      double[] shifted = new double[n];
      byte[] won = new byte[n];
      int[] month = new int[n];
      int offset = rnd.nextInt(200) - 100;
      for (int i = 0; i < n; i++) {
        won[i] = (byte) (rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(4) == 0 ? 1 : 0);
        month[i] = 24_000 + rnd.nextInt(30);
        x[i] = rnd.nextInt(6) == 0 ? Double.NaN : offset + rnd.nextInt(1 + round * 3) + (won[i] == 1 ? rnd.nextInt(4) : 0);
        shifted[i] = x[i] + 0.5;
      }
      assertNotNull(PlainScores.integerSpan(x, n), "scored by counting");
      assertNull(PlainScores.integerSpan(shifted, n), "scored by sorting");
      assertEquals(PlainScores.auc(shifted, won, n), PlainScores.auc(x, won, n), 0.0);
      double[] counted = PlainScores.decileEdges(x, month, n, 24_000, 24_011);
      double[] sorted = PlainScores.decileEdges(shifted, month, n, 24_000, 24_011);
      assertEquals(sorted.length, counted.length);
      for (int k = 0; k < sorted.length; k++) {
        assertEquals(sorted[k], counted[k] + 0.5, 0.0, "edge " + k);
      }
    }
  }

  @Test
  void aucIsOneForAColumnEqualToTheLabelAndUndefinedWithoutBothClasses() {
    double[] x = {1, 0, 0, 1, 0};
    assertEquals(1.0, PlainScores.auc(x, new byte[] {1, 0, 0, 1, 0}, 5));
    assertEquals(0.0, PlainScores.auc(x, new byte[] {0, 1, 1, 0, 1}, 5));
    assertTrue(Double.isNaN(PlainScores.auc(x, new byte[] {0, 0, 0, 0, -1}, 5)));
  }

  @Test
  void psiFollowsItsFormulaOverTheFirstYearsDecilesAndANullBin() {
    Random rnd = new Random(11);
    int n = 3000;
    double[] x = new double[n];
    int[] month = new int[n];
    for (int i = 0; i < n; i++) {
      month[i] = 24_000 + rnd.nextInt(36);
      boolean late = month[i] >= 24_024;
      x[i] = rnd.nextInt(15) == 0 ? Double.NaN : rnd.nextGaussian() * 3 + (late ? 1.5 : 0);
    }
    double[] edges = PlainScores.decileEdges(x, month, n, 24_000, 24_011);
    long[] base = new long[edges.length + 2];
    long[] current = new long[edges.length + 2];
    for (int i = 0; i < n; i++) {
      long[] c = month[i] <= 24_011 ? base : month[i] >= 24_024 ? current : null;
      if (c != null) {
        c[Double.isNaN(x[i]) ? edges.length + 1 : Scores.bin(edges, x[i])]++;
      }
    }
    // The formula, written out: baseline deciles by position, a value's bin by a linear scan.
    List<Double> sorted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (month[i] <= 24_011 && !Double.isNaN(x[i])) {
        sorted.add(x[i]);
      }
    }
    sorted.sort(null);
    List<Double> cuts = new ArrayList<>();
    for (int k = 1; k <= 9; k++) {
      double v = sorted.get(k * (sorted.size() - 1) / 10);
      if (cuts.isEmpty() || v > cuts.get(cuts.size() - 1)) {
        cuts.add(v);
      }
    }
    double[] b = new double[cuts.size() + 2];
    double[] c = new double[cuts.size() + 2];
    int nb = 0;
    int nc = 0;
    for (int i = 0; i < n; i++) {
      int bin = cuts.size() + 1;
      if (!Double.isNaN(x[i])) {
        bin = 0;
        while (bin < cuts.size() && cuts.get(bin) < x[i]) {
          bin++;
        }
      }
      if (month[i] <= 24_011) {
        b[bin]++;
        nb++;
      } else if (month[i] >= 24_024) {
        c[bin]++;
        nc++;
      }
    }
    double psi = 0;
    for (int k = 0; k < b.length; k++) {
      double pb = Math.max(b[k] / nb, 1e-4);
      double pc = Math.max(c[k] / nc, 1e-4);
      psi += (pc - pb) * Math.log(pc / pb);
    }
    assertEquals(psi, Scores.psi(base, current), 1e-12);
    assertTrue(psi > 0.1, "a shift of half a standard deviation drifts");
    assertEquals(0.0, Scores.psi(base, base), 1e-15);
  }
}
