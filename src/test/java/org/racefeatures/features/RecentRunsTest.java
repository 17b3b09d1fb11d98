package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Recent runs keep their values and order while older ones are dropped and the arrays move or grow. */
class RecentRunsTest {
  @Test
  void heldRunsKeepTheirValuesThroughDropsCompactionsAndGrowth() {
    RecentRuns recent = new RecentRuns();
    int added = 0;
    int dropped = 0;
    for (int round = 0; round < 40; round++) {
      int n = 700 + round * 97; // more than the arrays hold at first, and growing
      for (int i = 0; i < n; i++, added++) {
        recent.add(added * 3, added / 10, added % 7 == 0, added % 5 == 0 ? Double.NaN : added / 1000.0);
      }
      // Drop the older half of what is held, as a past drops the runs before a year.
      int held = recent.end() - recent.first();
      recent.dropBefore(recent.first() + held / 2);
      dropped += held / 2;
      assertEquals(added - dropped, recent.end() - recent.first(), "runs held after round " + round);
      for (int i = recent.first(), run = dropped; i < recent.end(); i++, run++) {
        assertEquals(run * 3, recent.row(i));
        assertEquals(run / 10, recent.race(i));
        assertEquals(run % 7 == 0, recent.won(i));
        assertEquals(run % 5 == 0 ? Double.NaN : run / 1000.0, recent.probability(i));
      }
    }
    int first = recent.first();
    assertThrows(IllegalArgumentException.class, () -> recent.dropBefore(first - 1), "no going back");
  }
}
