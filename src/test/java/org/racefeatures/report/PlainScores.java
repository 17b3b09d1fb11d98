package org.racefeatures.report;

/**
 * The report's scores of one column the plain way, one figure at a time over all its rows, built
 * from {@link Scores}'s formulas: what {@link ScoresTest} checks against the textbook definitions,
 * and what the report's two-pass summaries are checked against ({@link NumberSummaryTest}).
 */
final class PlainScores {
  private PlainScores() {}

  /** Number {@code f}'s values in {@code c} (NaN for NULL), {@code c.rows()} long; null for a category. */
  static double[] column(FeatureColumns c, int f) {
    return c.isNumber(f) ? java.util.Arrays.copyOfRange(c.slab(f), c.at(f), c.at(f) + c.rows()) : null;
  }

  /**
   * The AUC of {@code x} against {@code won}: over the rows whose value and label are both present,
   * the probability that a won row's value exceeds a lost row's, ties counting half (the
   * Mann-Whitney U divided by wins times losses). 0.5 is no signal; below 0.5, lower values win.
   *
   * @param x values, NaN for NULL
   * @param won 1, 0, or -1 for NULL
   * @return NaN when there is no won or no lost row with a value
   */
  static double auc(double[] x, byte[] won, int rows) {
    long[] span = integerSpan(x, rows);
    if (span != null) {
      int[] pos = new int[(int) (span[1] - span[0] + 1)];
      int[] neg = new int[pos.length];
      for (int i = 0; i < rows; i++) {
        if (!Double.isNaN(x[i]) && won[i] >= 0) {
          (won[i] == 1 ? pos : neg)[(int) ((long) x[i] - span[0])]++;
        }
      }
      return Scores.aucOfCounts(pos, neg);
    }
    double[] pos = new double[rows];
    double[] neg = new double[rows];
    int p = 0;
    int n = 0;
    for (int i = 0; i < rows; i++) {
      if (Double.isNaN(x[i]) || won[i] < 0) {
        continue;
      }
      if (won[i] == 1) {
        pos[p++] = x[i];
      } else {
        neg[n++] = x[i];
      }
    }
    return Scores.aucOfSorted(Scores.sorted(pos, p), p, Scores.sorted(neg, n), n);
  }

  /**
   * Where every value (NaN aside) is a whole number and they span at most {@link Scores#MAX_COUNTED_SPAN}
   * values and no more than there are rows: their least and greatest; else null. Such a feature
   * (a count, a rank, a number of days) is scored by counting its values instead of sorting them,
   * with the same result.
   */
  static long[] integerSpan(double[] x, int rows) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < rows; i++) {
      double v = x[i];
      if (Double.isNaN(v)) {
        continue;
      }
      if (!Scores.isWhole(v)) {
        return null;
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return Scores.countable(min, max, rows) ? new long[] {(long) min, (long) max} : null;
  }

  /**
   * The bin edges of a number for the PSI: the baseline's deciles, the sorted non-NULL baseline
   * values at positions {@code k * (m - 1) / 10} (integer division) for k = 1..9, without repeats.
   * A value falls in bin "number of edges below it", so bins are {@code (-inf, e1], (e1, e2], ...}.
   */
  static double[] decileEdges(double[] x, int[] month, int rows, int first, int last) {
    long[] span = integerSpan(x, rows);
    if (span != null) {
      int[] count = new int[(int) (span[1] - span[0] + 1)];
      for (int i = 0; i < rows; i++) {
        if (month[i] >= first && month[i] <= last && !Double.isNaN(x[i])) {
          count[(int) ((long) x[i] - span[0])]++;
        }
      }
      return Scores.decileEdgesOfCounts(count, span[0]);
    }
    double[] base = new double[rows];
    int m = 0;
    for (int i = 0; i < rows; i++) {
      if (month[i] >= first && month[i] <= last && !Double.isNaN(x[i])) {
        base[m++] = x[i];
      }
    }
    return Scores.decileEdgesOfSorted(Scores.sorted(base, m), m);
  }

}
