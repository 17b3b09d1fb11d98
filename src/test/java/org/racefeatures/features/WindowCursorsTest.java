package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A cursor finds the same window starts as bisecting, whatever order the queries come in. */
class WindowCursorsTest {
  /** Runs of 5 keys over 400 rows, one race per row, races on days 0, 0, 1, 1, 2, ... (two a day). */
  private static RunGroups groups(SplittableRandom rng) {
    int rows = 400;
    int[] key = new int[rows];
    boolean[] isRun = new boolean[rows];
    int[] rowRace = new int[rows];
    int[] raceDay = new int[rows];
    for (int r = 0; r < rows; r++) {
      key[r] = rng.nextInt(6) - 1; // -1: no key
      isRun[r] = rng.nextInt(10) > 0;
      rowRace[r] = r;
      raceDay[r] = r / 2;
    }
    return new RunGroups(key, 5, null, isRun, new boolean[rows], rowRace, raceDay, 0, 0, null);
  }

  private static void assertSameStarts(boolean timeOrder) {
    SplittableRandom rng = new SplittableRandom(timeOrder ? 1 : 2);
    RunGroups g = groups(rng);
    for (int days : new int[] {0, 3, 14, 90}) {
      WindowCursors.Cursor cursor = new WindowCursors.Cursor(g, days);
      int[] day = new int[5];
      for (int q = 0; q < 2_000; q++) {
        int k = rng.nextInt(5);
        int first = g.start(k);
        int last = g.start(k + 1);
        int end = first + rng.nextInt(last - first + 1);
        // In time order a key's queries move forward; otherwise they jump anywhere.
        day[k] = timeOrder ? day[k] + rng.nextInt(3) : rng.nextInt(220);
        assertEquals(g.windowStart(k, end, day[k] - days), cursor.start(k, end, day[k]),
            "key " + k + ", end " + end + ", day " + day[k] + ", window " + days);
      }
    }
  }

  @Test
  void queriesInTimeOrderGiveTheBisectedStarts() {
    assertSameStarts(true);
  }

  @Test
  void queriesOutOfOrderGiveTheBisectedStartsToo() {
    assertSameStarts(false);
  }
}
