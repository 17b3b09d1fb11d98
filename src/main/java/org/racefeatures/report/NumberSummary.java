package org.racefeatures.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link FeatureSummary} of a number, in as few passes over its rows as its values allow:
 *
 * <ol>
 *   <li>NULLs per month, sum, least and greatest, and whether every value is whole;
 *   <li>whole values of a narrow span ({@link Scores#countable}): each value's rows, won and lost
 *       rows, and first- and last-year rows counted, from which the histogram, AUC, decile edges and
 *       PSI follow without another pass; other values: the histogram, and the won, lost and
 *       first-year values gathered to be sorted for the AUC and the edges;
 *   <li>for those other values only, the PSI's bins of the first- and last-year rows.
 * </ol>
 *
 * The scores are {@link Scores}'s: the same formulas its tests check against their definitions.
 */
final class NumberSummary {
  private NumberSummary() {}

  static FeatureSummary of(FeatureColumns c, int f, Months span, long[] rowsByMonth) {
    double[] x = c.slab(f); // rows at + 0 .. at + rows - 1
    int at = c.at(f);
    int[] month = c.months();
    byte[] won = c.won();
    int rows = c.rows();
    int first = span.first();
    long[] nullsByMonth = new long[span.count()];
    Range r = range(x, at, month, rows, first, nullsByMonth);
    double sum = r.sum;
    double min = r.min;
    double max = r.max;
    boolean whole = r.whole;
    long nulls = 0;
    for (long n : nullsByMonth) {
      nulls += n;
    }
    long values = rows - nulls;
    List<String> flags = new ArrayList<>();
    if (rows > 0 && nulls == rows) {
      flags.add("all NULL");
    }
    double[] nullShare = FeatureSummary.nullShare(nullsByMonth, rowsByMonth, span, flags);
    long[] histogram = new long[values == 0 ? 0 : min == max ? 1 : FeatureSummary.HISTOGRAM_BINS];
    if (values > 0 && min == max) {
      flags.add("constant");
    }
    double width = values == 0 ? 0 : (max - min) / histogram.length;
    // The PSI's bins (the last is NULL): NULLs by month give the NULL bin of either year.
    long[] base = null;
    long[] current = null;
    if (span.hasTwoYears()) {
      base = new long[11];
      current = new long[11];
      for (int m = 0; m < nullsByMonth.length; m++) {
        if (span.inFirstYear(first + m)) {
          base[10] += nullsByMonth[m];
        } else if (span.inLastYear(first + m)) {
          current[10] += nullsByMonth[m];
        }
      }
    }
    double auc;
    double psi = Double.NaN;
    if (values > 0 && whole && Scores.countable(min, max, rows)) {
      Counted counted = counted(x, at, won, month, rows, span, (long) min, (int) (max - min + 1));
      for (int k = 0; k < counted.all.length; k++) {
        if (counted.all[k] > 0) {
          histogram[bin(k, width, histogram.length)] += counted.all[k];
        }
      }
      auc = Scores.aucOfCounts(counted.pos, counted.neg);
      if (base != null) {
        double[] edges = Scores.decileEdgesOfCounts(counted.base, (long) min);
        for (int k = 0; k < counted.all.length; k++) {
          int b = Scores.bin(edges, min + k);
          base[b] += counted.base[k];
          current[b] += counted.current[k];
        }
        psi = Scores.psi(trim(base, edges.length), trim(current, edges.length));
      }
    } else {
      Gathered g = gathered(x, at, won, month, rows, span, histogram, min, width, rowsByMonth);
      auc = Scores.aucOfSorted(Scores.sorted(g.pos, g.p), g.p, Scores.sorted(g.neg, g.n), g.n);
      if (base != null) {
        double[] edges = Scores.decileEdgesOfSorted(Scores.sorted(g.base, g.b), g.b);
        binYears(x, at, month, rows, span, edges, base, current);
        psi = Scores.psi(trim(base, edges.length), trim(current, edges.length));
      }
    }
    FeatureSummary.leak(auc, flags);
    return new FeatureSummary(c.features.get(f), rows, nulls, values == 0 ? Double.NaN : sum / values,
        values == 0 ? Double.NaN : min, values == 0 ? Double.NaN : max, auc, psi, histogram, List.of(), 0,
        nullShare, List.copyOf(flags));
  }

  // The passes over the rows are methods of their own: small enough for the compiler to take each
  // on its own, early, instead of the whole summary again for every loop.

  /** The sum, least and greatest of the values, whether all are whole; their NULLs counted by month. */
  private record Range(double sum, double min, double max, boolean whole) {}

  private static Range range(double[] x, int at, int[] month, int rows, int first, long[] nullsByMonth) {
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean whole = true;
    for (int i = 0; i < rows; i++) {
      double v = x[at + i];
      if (Double.isNaN(v)) {
        nullsByMonth[month[i] - first]++;
        continue;
      }
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
      if (whole && !Scores.isWhole(v)) { // checked until the first fraction
        whole = false;
      }
    }
    return new Range(sum, min, max, whole);
  }

  /** Counts the first year's and the last year's values into their PSI bins among {@code edges}. */
  private static void binYears(double[] x, int at, int[] month, int rows, Months span, double[] edges, long[] base,
      long[] current) {
    for (int i = 0; i < rows; i++) {
      double v = x[at + i];
      if (!Double.isNaN(v)) {
        long[] counts = span.inFirstYear(month[i]) ? base : span.inLastYear(month[i]) ? current : null;
        if (counts != null) {
          counts[Scores.bin(edges, v)]++;
        }
      }
    }
  }

  /** The histogram bin of a value {@code offset} above the least: equal bins, the greatest in the last. */
  private static int bin(double offset, double width, int bins) {
    int b = width == 0 ? 0 : (int) (offset / width);
    return Math.min(b, bins - 1);
  }

  /** The PSI's bins for {@code edges} edges: bins 0..edges, then the NULL bin (kept at index 10). */
  private static long[] trim(long[] bins, int edges) {
    long[] out = new long[edges + 2];
    System.arraycopy(bins, 0, out, 0, edges + 1);
    out[edges + 1] = bins[10];
    return out;
  }

  /** Per value of a span of whole values: its rows, won and lost rows, first- and last-year rows. */
  private record Counted(int[] all, int[] pos, int[] neg, int[] base, int[] current) {}

  private static Counted counted(double[] x, int at, byte[] won, int[] month, int rows, Months span, long min, int width) {
    int[] all = new int[width];
    int[] pos = new int[width];
    int[] neg = new int[width];
    int[] base = new int[width];
    int[] current = new int[width];
    boolean years = span.hasTwoYears();
    for (int i = 0; i < rows; i++) {
      double v = x[at + i];
      if (Double.isNaN(v)) {
        continue;
      }
      int k = (int) ((long) v - min);
      all[k]++;
      if (won[i] == 1) {
        pos[k]++;
      } else if (won[i] >= 0) {
        neg[k]++;
      }
      if (years) {
        if (span.inFirstYear(month[i])) {
          base[k]++;
        } else if (span.inLastYear(month[i])) {
          current[k]++;
        }
      }
    }
    return new Counted(all, pos, neg, base, current);
  }

  /** Won values {@code pos[0, p)}, lost {@code neg[0, n)}, first-year values {@code base[0, b)}, unsorted. */
  private record Gathered(double[] pos, int p, double[] neg, int n, double[] base, int b) {}

  /** Gathers the values to sort and fills {@code histogram} on the way. */
  private static Gathered gathered(double[] x, int at, byte[] won, int[] month, int rows, Months span, long[] histogram,
      double min, double width, long[] rowsByMonth) {
    int labelled = 0;
    for (int i = 0; i < rows; i++) {
      labelled += won[i] == 1 ? 1 : 0;
    }
    double[] pos = new double[labelled];
    double[] neg = new double[rows - labelled];
    long firstYearRows = 0;
    if (span.hasTwoYears()) {
      for (int m = 0; m < 12; m++) {
        firstYearRows += rowsByMonth[m];
      }
    }
    double[] base = new double[(int) firstYearRows];
    boolean years = span.hasTwoYears();
    int p = 0;
    int n = 0;
    int b = 0;
    for (int i = 0; i < rows; i++) {
      double v = x[at + i];
      if (Double.isNaN(v)) {
        continue;
      }
      histogram[bin(v - min, width, histogram.length)]++;
      if (won[i] == 1) {
        pos[p++] = v;
      } else if (won[i] >= 0) {
        neg[n++] = v;
      }
      if (years && span.inFirstYear(month[i])) {
        base[b++] = v;
      }
    }
    return new Gathered(pos, p, neg, n, base, b);
  }
}
