package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A pair's runs and wins are what was counted, whether pair numbers fit an int or need a long. */
class PairCountsTest {
  private static void countsEveryPairAsAPlainMapDoes(int aKeys, int bKeys) {
    Random random = new Random(aKeys);
    PairCounts counts = new PairCounts(aKeys, bKeys);
    Long2IntOpenHashMap runs = new Long2IntOpenHashMap();
    Long2IntOpenHashMap wins = new Long2IntOpenHashMap();
    for (int i = 0; i < 200_000; i++) {
      // The 50 lowest and 50 highest keys, so that pairs repeat and the greatest numbers are used.
      int a = random.nextBoolean() ? random.nextInt(50) : aKeys - 1 - random.nextInt(50);
      int b = random.nextInt(300);
      long pair = PairKeys.pair(a, b, bKeys);
      boolean won = random.nextInt(9) == 0;
      counts.add(pair, won);
      runs.addTo(pair, 1);
      wins.addTo(pair, won ? 1 : 0);
    }
    for (long pair : runs.keySet()) {
      assertEquals(runs.get(pair), counts.runs(pair), "runs of pair " + pair);
      assertEquals(wins.get(pair), counts.wins(pair), "wins of pair " + pair);
    }
    long unseen = PairKeys.pair(aKeys - 1, bKeys - 1, bKeys); // b is below 300 above: never seen
    assertEquals(0, counts.runs(unseen));
    assertEquals(0, counts.wins(unseen));
  }

  @Test
  void pairsNumberedWithinAnIntAreCountedExactly() {
    countsEveryPairAsAPlainMapDoes(45_000, 34_000); // 1.53 billion pair numbers: an int
  }

  @Test
  void pairsNumberedBeyondAnIntAreCountedExactly() {
    // 2^16 + 50 keys by 2^16: pair (a, b) is pair (a - 2^16, b) plus 2^32, the same in 32 bits.
    countsEveryPairAsAPlainMapDoes(65_536 + 50, 65_536);
  }
}
