package org.racefeatures.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The report's numbers share arrays column after column, and no column overlaps another. */
class FeatureColumnsTest {
  @Test
  void numbersSharingArraysKeepTheirOwnRows() {
    int rows = 1000;
    FeatureColumns c = new FeatureColumns(rows, 2500); // two columns to an array
    int first = -1;
    for (int f = 0; f < c.features.size(); f++) {
      if (c.isNumber(f)) {
        first = first < 0 ? f : first;
        for (int i = 0; i < rows; i++) {
          c.slab(f)[c.at(f) + i] = f * 10_000 + i;
        }
      }
    }
    int numbers = 0;
    double[] previous = null;
    for (int f = 0; f < c.features.size(); f++) {
      if (!c.isNumber(f)) {
        continue;
      }
      double[] x = PlainScores.column(c, f);
      assertEquals(rows, x.length);
      for (int i = 0; i < rows; i++) {
        assertEquals(f * 10_000 + i, x[i], 0.0, c.features.get(f).name() + " row " + i);
      }
      if (numbers % 2 == 1) {
        assertSame(previous, c.slab(f), "the second column of an array");
        assertEquals(rows, c.at(f));
      } else {
        assertEquals(0, c.at(f));
        if (previous != null) {
          assertNotSame(previous, c.slab(f), "a new array every two columns");
        }
      }
      previous = c.slab(f);
      numbers++;
    }
    assertEquals(0, c.at(first));
  }
}
