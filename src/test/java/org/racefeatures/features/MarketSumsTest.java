package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The market form of any span of a key's runs, a difference of prefix sums, is the very double that
 * summing the key's runs one by one from its earlier sums gives: the sums restart at each key, and
 * runs listed before the held rows (a past's window) are summed in their place.
 */
class MarketSumsTest {
  @Test
  void everySpanOfEveryKeyIsTheSumOfItsRunsAddedInOrderToTheBitWithEarlyRunsListedFirst() {
    Random random = new Random(20);
    int rows = 2_000;
    int keys = 9;
    int[] key = new int[rows];
    boolean[] isRun = new boolean[rows];
    boolean[] won = new boolean[rows];
    double[] probability = new double[rows];
    double[] sp = new double[rows];
    for (int r = 0; r < rows; r++) {
      key[r] = random.nextInt(10) == 0 ? -1 : random.nextInt(keys); // some rows without a key
      isRun[r] = random.nextInt(12) != 0; // some non-runners
      won[r] = random.nextInt(8) == 0;
      sp[r] = 1.1 + random.nextDouble() * 30;
      probability[r] = random.nextInt(6) == 0 ? Double.NaN : 1 / sp[r] * (0.8 + random.nextDouble() * 0.2);
    }
    // Rows before `listed` count only in the earlier sums; rows listed..held-1 are listed as early
    // runs (a past's window); rows from `held` on are held, as a chunk's history holds them.
    int listed = 300;
    int held = 600;
    double[] earlier = new double[keys * MarketSums.STRIDE];
    for (int g = 0; g < keys; g++) { // runs before the rows, summed as the past would
      for (int i = 0; i < 5 + g; i++) {
        MarketSums.add(earlier, g * MarketSums.STRIDE, 1 / (2.0 + i), i % 3 == 0, r -> 4.5, -1);
      }
    }
    double[] before0 = earlier.clone(); // the sums before each key's first listed run
    WindowRuns early = new WindowRuns();
    for (int r = 0; r < held; r++) {
      if (key[r] >= 0 && isRun[r]) {
        if (r < listed) {
          MarketSums.add(before0, key[r] * MarketSums.STRIDE, probability[r], won[r], x -> sp[x], r);
        } else {
          early.add(r, key[r], 0, won[r], probability[r]);
        }
      }
    }
    RunGroups groups = new RunGroups(java.util.Arrays.copyOfRange(key, held, rows), keys, null,
        java.util.Arrays.copyOfRange(isRun, held, rows), java.util.Arrays.copyOfRange(won, held, rows),
        new int[rows - held], null, held, held, early);
    MarketSums sums = new MarketSums(groups, java.util.Arrays.copyOfRange(probability, held, rows),
        java.util.Arrays.copyOfRange(won, held, rows), java.util.Arrays.copyOfRange(isRun, held, rows),
        r -> sp[r], before0, early);

    int spans = 0;
    for (int g = 0; g < keys; g++) {
      int runs = groups.start(g + 1) - groups.start(g);
      double[][] before = new double[runs + 1][]; // the sums before each position, one run added at a time
      before[0] = java.util.Arrays.copyOfRange(earlier, g * MarketSums.STRIDE, (g + 1) * MarketSums.STRIDE);
      for (int r = 0; r < listed; r++) { // the key's runs before those listed, one by one
        if (key[r] == g && isRun[r]) {
          MarketSums.add(before[0], 0, probability[r], won[r], x -> sp[x], r);
        }
      }
      for (int p = 0; p < runs; p++) {
        int r = groups.row(groups.start(g) + p);
        before[p + 1] = before[p].clone();
        MarketSums.add(before[p + 1], 0, probability[r], won[r], x -> sp[x], r);
      }
      for (int from = 0; from <= runs; from++) {
        for (int to = from; to <= runs; to++) {
          double priced = before[to][0] - before[from][0];
          int a = groups.start(g) + from;
          int b = groups.start(g) + to;
          String span = "key " + g + ", runs " + from + ".." + to;
          assertEquals((int) priced, sums.priced(g, a, b), span);
          assertEquals(priced == 0 ? Double.NaN : (before[to][1] - before[from][1]) / (before[to][2] - before[from][2]),
              sums.actualOverExpected(g, a, b), span);
          assertEquals(priced == 0 ? Double.NaN : (before[to][3] - before[from][3]) / (int) priced,
              sums.returnPerRun(g, a, b), span);
          spans++;
        }
      }
    }
    assertTrue(spans > 100_000, spans + " spans");
  }
}
