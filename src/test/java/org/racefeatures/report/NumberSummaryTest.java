package org.racefeatures.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * A number's summary, made in a few fused passes, against the same figures computed one at a time
 * the plain way: {@link Scores}'s entry points (checked against their definitions in
 * {@link ScoresTest}) and the histogram, mean and NULL shares by their formulas.
 */
class NumberSummaryTest {
  private static final int FIRST_MONTH = 24_000;

  /** A table of {@code rows} rows over {@code months} months whose feature {@code f} draws from {@code value}. */
  private static FeatureColumns table(Random rnd, int rows, int months, int f, DoubleSupplier value) {
    FeatureColumns c = new FeatureColumns(rows);
    for (int i = 0; i < rows; i++) {
      c.month[i] = FIRST_MONTH + rnd.nextInt(months);
      c.won[i] = (byte) (rnd.nextInt(12) == 0 ? -1 : rnd.nextInt(5) == 0 ? 1 : 0);
      c.slab[f][c.at[f] + i] = rnd.nextInt(7) == 0 ? Double.NaN : value.getAsDouble() + (c.won[i] == 1 ? rnd.nextInt(2) : 0);
    }
    return c;
  }

  private static void matchesThePlainFigures(FeatureColumns c, int f, int months) {
    double[] x = PlainScores.column(c, f);
    int rows = c.rows();
    Months span = new Months(FIRST_MONTH, FIRST_MONTH + months - 1);
    long[] rowsByMonth = FeatureSummary.rowsByMonth(c.months(), rows, span);
    FeatureSummary s = NumberSummary.of(c, f, span, rowsByMonth);

    long nulls = 0;
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long[] nullsByMonth = new long[months];
    for (int i = 0; i < rows; i++) {
      if (Double.isNaN(x[i])) {
        nulls++;
        nullsByMonth[c.months()[i] - FIRST_MONTH]++;
      } else {
        sum += x[i];
        min = Math.min(min, x[i]);
        max = Math.max(max, x[i]);
      }
    }
    assertEquals(nulls, s.nulls());
    assertEquals(sum / (rows - nulls), s.mean(), 0.0);
    assertEquals(min, s.min(), 0.0);
    assertEquals(max, s.max(), 0.0);
    for (int m = 0; m < months; m++) {
      assertEquals((double) nullsByMonth[m] / rowsByMonth[m], s.nullShareByMonth()[m], 0.0, "month " + m);
    }
    long[] histogram = new long[min == max ? 1 : FeatureSummary.HISTOGRAM_BINS];
    double width = (max - min) / histogram.length;
    for (int i = 0; i < rows; i++) {
      if (!Double.isNaN(x[i])) {
        histogram[Math.min(width == 0 ? 0 : (int) ((x[i] - min) / width), histogram.length - 1)]++;
      }
    }
    assertArrayEquals(histogram, s.histogram());
    assertEquals(PlainScores.auc(x, c.won(), rows), s.auc(), 0.0);
    if (months < 24) {
      assertTrue(Double.isNaN(s.psi()), "no PSI under 24 months");
      return;
    }
    double[] edges = PlainScores.decileEdges(x, c.months(), rows, FIRST_MONTH, FIRST_MONTH + 11);
    long[] base = new long[edges.length + 2];
    long[] current = new long[edges.length + 2];
    for (int i = 0; i < rows; i++) {
      long[] counts = span.inFirstYear(c.months()[i]) ? base : span.inLastYear(c.months()[i]) ? current : null;
      if (counts != null) {
        counts[Double.isNaN(x[i]) ? edges.length + 1 : Scores.bin(edges, x[i])]++;
      }
    }
    assertEquals(Scores.psi(base, current), s.psi(), 0.0);
  }

  @Test
  void wholeValuesOfANarrowSpanCountedGiveThePlainFigures() {
    Random rnd = new Random(21);
    FeatureColumns c = new FeatureColumns(0);
    int f = c.indexOf("h_runs");
    for (int round = 0; round < 20; round++) {
      int offset = rnd.nextInt(100) - 50;
      int spread = 1 + rnd.nextInt(40);
      int months = 12 + rnd.nextInt(30);
      FeatureColumns t = table(rnd, 500 + rnd.nextInt(3000), months, f, () -> offset + rnd.nextInt(spread));
      assertTrue(PlainScores.integerSpan(PlainScores.column(t, f), t.rows()) != null, "counted");
      matchesThePlainFigures(t, f, months);
    }
  }

  @Test
  void fractionalAndWidelySpreadValuesSortedGiveThePlainFigures() {
    Random rnd = new Random(22);
    int f = new FeatureColumns(0).indexOf("h_elo");
    for (int round = 0; round < 20; round++) {
      int months = 12 + rnd.nextInt(30);
      boolean wide = round % 2 == 0; // whole numbers spread wider than the rows: sorted, not counted
      FeatureColumns t = table(rnd, 500 + rnd.nextInt(3000), months, f,
          wide ? () -> rnd.nextInt(1_000_000) - 500_000 : () -> Math.round(rnd.nextGaussian() * 40) / 8.0 - 3);
      assertTrue(PlainScores.integerSpan(PlainScores.column(t, f), t.rows()) == null, "sorted");
      matchesThePlainFigures(t, f, months);
    }
  }

  @Test
  void aConstantColumnHasOneBinAndItsFlag() {
    Random rnd = new Random(23);
    int f = new FeatureColumns(0).indexOf("draw_pct");
    FeatureColumns t = table(rnd, 2000, 30, f, () -> 0.5);
    for (int i = 0; i < t.rows(); i++) {
      double v = t.slab[f][t.at[f] + i];
      t.slab[f][t.at[f] + i] = Double.isNaN(v) ? v : 0.5; // won rows too
    }
    matchesThePlainFigures(t, f, 30);
    Months span = new Months(FIRST_MONTH, FIRST_MONTH + 29);
    FeatureSummary s = NumberSummary.of(t, f, span, FeatureSummary.rowsByMonth(t.months(), t.rows(), span));
    assertEquals(1, s.histogram().length);
    assertTrue(s.flags().contains("constant"), s.flags().toString());
  }
}
