package org.racefeatures.report;

import java.util.Arrays;

/**
 * The report's two scores of a feature: the univariate AUC against the label and the population
 * stability index between two periods. Both are plain formulas; the tests check them against the
 * textbook definitions on generated tables.
 */
final class Scores {
  /** Share given to an empty PSI bin, so that its logarithm is finite (the usual convention). */
  static final double EMPTY_BIN_SHARE = 1e-4;

  private Scores() {}

  /** {@code a}'s first {@code n} values sorted in place (no NaN among them); {@code a} itself. */
  static double[] sorted(double[] a, int n) {
    RadixSort.sort(a, n);
    return a;
  }

  /**
   * The AUC of a number against {@code won}, over the rows whose value and label are both present:
   * the probability that a won row's value exceeds a lost row's, ties counting half (the
   * Mann-Whitney U divided by wins times losses). 0.5 is no signal; below 0.5, lower values win.
   * Here from the won values {@code pos[0, p)} and the lost values {@code neg[0, n)}, both sorted
   * ascending: for each won value, the lost values below it count 1 and the equal ones 1/2.
   *
   * @return NaN when either is empty
   */
  static double aucOfSorted(double[] pos, int p, double[] neg, int n) {
    if (p == 0 || n == 0) {
      return Double.NaN;
    }
    // For each won value in ascending order: lost values below it [0, below), equal [below, upTo).
    double u = 0;
    int below = 0;
    int upTo = 0;
    for (int i = 0; i < p; i++) {
      double v = pos[i];
      while (below < n && neg[below] < v) {
        below++;
      }
      upTo = Math.max(upTo, below);
      while (upTo < n && neg[upTo] <= v) {
        upTo++;
      }
      u += below + 0.5 * (upTo - below);
    }
    return u / ((double) p * n);
  }

  /** A whole number of at most 2^52 in size: every such value and its difference from another is exact. */
  static boolean isWhole(double v) {
    return v == (double) (long) v && Math.abs(v) <= 0x1p52;
  }

  /** Whether whole values from {@code min} to {@code max} of {@code rows} rows are scored by counting. */
  static boolean countable(double min, double max, int rows) {
    return min <= max && max - min < Math.min(MAX_COUNTED_SPAN, Math.max(rows, 1));
  }

  /** The widest span of whole values scored by counting them. */
  static final int MAX_COUNTED_SPAN = 1 << 22;

  /**
   * The AUC of whole values from their counts: {@code pos[v]} won and {@code neg[v]} lost rows with
   * the {@code v}-th value of the span.
   *
   * @return NaN when either count is all zero
   */
  static double aucOfCounts(int[] pos, int[] neg) {
    long p = 0;
    long n = 0;
    for (int v = 0; v < pos.length; v++) {
      p += pos[v];
      n += neg[v];
    }
    if (p == 0 || n == 0) {
      return Double.NaN;
    }
    // Each won value beats the lost values below it and ties the equal ones; every term is a
    // multiple of 0.5 far below 2^52, so the sum is exact and equals the sorted merge's.
    double u = 0;
    long below = 0;
    for (int v = 0; v < pos.length; v++) {
      u += pos[v] * (below + 0.5 * neg[v]);
      below += neg[v];
    }
    return u / ((double) p * n);
  }

  /**
   * The bin edges of a number for the PSI, from the baseline values {@code sorted[0, m)} (non-NULL,
   * sorted ascending): the baseline's deciles, the values at positions {@code k * (m - 1) / 10}
   * (integer division) for k = 1..9, without repeats. A value falls in bin "number of edges below
   * it", so bins are {@code (-inf, e1], (e1, e2], ...}.
   */
  static double[] decileEdgesOfSorted(double[] sorted, int m) {
    if (m == 0) {
      return new double[0];
    }
    double[] edges = new double[9];
    int e = 0;
    for (int k = 1; k <= 9; k++) {
      double v = sorted[(int) ((long) k * (m - 1) / 10)];
      if (e == 0 || v > edges[e - 1]) {
        edges[e++] = v;
      }
    }
    return Arrays.copyOf(edges, e);
  }

  /** {@link #decileEdgesOfSorted} of whole baseline values from their counts: {@code count[v]} of value {@code min + v}. */
  static double[] decileEdgesOfCounts(int[] count, long min) {
    long m = 0;
    for (int c : count) {
      m += c;
    }
    if (m == 0) {
      return new double[0];
    }
    double[] edges = new double[9];
    int e = 0;
    int v = 0;
    long upTo = count[0]; // values below v + 1 in sorted order
    for (int k = 1; k <= 9; k++) {
      long at = (long) k * (m - 1) / 10; // the position in the sorted values, as decileEdgesOfSorted reads it
      while (upTo <= at) {
        upTo += count[++v];
      }
      double value = min + v;
      if (e == 0 || value > edges[e - 1]) {
        edges[e++] = value;
      }
    }
    return Arrays.copyOf(edges, e);
  }

  /** The bin of {@code v} among {@code edges}: the number of edges strictly below it. */
  static int bin(double[] edges, double v) {
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * The PSI of the current period against the baseline from their counts per bin (NULL its own
   * bin): the sum over bins of {@code (c - b) * ln(c / b)}, with {@code b} and {@code c} the bin's
   * shares of each period's rows, an empty bin's share taken as {@link #EMPTY_BIN_SHARE}.
   *
   * @return NaN when either period has no rows
   */
  static double psi(long[] baseline, long[] current) {
    long bTotal = Arrays.stream(baseline).sum();
    long cTotal = Arrays.stream(current).sum();
    if (bTotal == 0 || cTotal == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int k = 0; k < baseline.length; k++) {
      double b = Math.max((double) baseline[k] / bTotal, EMPTY_BIN_SHARE);
      double c = Math.max((double) current[k] / cTotal, EMPTY_BIN_SHARE);
      psi += (c - b) * Math.log(c / b);
    }
    return psi;
  }
}
