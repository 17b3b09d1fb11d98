package org.racefeatures.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.racefeatures.features.Feature;

/**
 * What the report says about one feature over the selected rows: its NULL share, range, the AUC
 * against {@code won}, the PSI from the first to the last 12 months, its distribution and its NULL
 * share by month, and the flags a modeller should look at before training.
 *
 * @param mean mean of the non-NULL values; NaN for a category or without values (also min, max)
 * @param auc see {@link Scores#aucOfSorted}; NaN for a category or when it cannot be computed
 * @param psi see {@link Scores#psi}; NaN when the rows span fewer than 24 months
 * @param histogram counts of the non-NULL values in {@link #HISTOGRAM_BINS} equal bins from min to
 *     max (one bin when min = max); for a category, the counts of {@link #top} values
 * @param top a category's most frequent values (at most {@link #TOP_VALUES}), most frequent first
 * @param distinct a category's number of distinct values
 * @param nullShareByMonth per month of the report's span, the share of rows that are NULL; NaN for a
 *     month without rows
 */
record FeatureSummary(Feature feature, long rows, long nulls, double mean, double min, double max, double auc,
    double psi, long[] histogram, List<String> top, int distinct, double[] nullShareByMonth, List<String> flags) {
  static final int HISTOGRAM_BINS = 20;
  static final int TOP_VALUES = 12;
  /** An AUC this far from 0.5 (above 0.9 or below 0.1) is flagged: a feature that good is usually a leak. */
  static final double LEAK_AUC = 0.9;
  /** A change of the NULL share by more than this between consecutive months is flagged. */
  static final double NULL_JUMP = 0.20;

  double nullShare() {
    return rows == 0 ? Double.NaN : (double) nulls / rows;
  }

  /** The AUC's distance from no signal, what the report sorts by; -1 without an AUC. */
  double power() {
    return Double.isNaN(auc) ? -1 : Math.abs(auc - 0.5);
  }

  /** Which way the feature points: "higher wins", "lower wins", or "" without an AUC. */
  String direction() {
    if (Double.isNaN(auc) || auc == 0.5) {
      return "";
    }
    return auc > 0.5 ? "higher wins" : "lower wins";
  }

  /**
   * Summarises feature {@code f} of {@code c}: a number in two passes over its rows (a third and
   * sorts where its values are not whole numbers of a narrow span), a category in one.
   *
   * @param span the report's months
   * @param rowsByMonth per month of the span, its rows (the same for every feature)
   */
  static FeatureSummary of(FeatureColumns c, int f, Months span, long[] rowsByMonth) {
    return c.isNumber(f) ? NumberSummary.of(c, f, span, rowsByMonth)
        : categorySummary(c, f, span, rowsByMonth);
  }

  /** Per month of {@code span}, how many of the {@code rows} rows fall in it. */
  static long[] rowsByMonth(int[] month, int rows, Months span) {
    long[] count = new long[span.count()];
    for (int i = 0; i < rows; i++) {
      count[month[i] - span.first()]++;
    }
    return count;
  }

  /** The share of NULLs per month (NaN for a month without rows) and the flags they raise. */
  static double[] nullShare(long[] nullsByMonth, long[] rowsByMonth, Months span, List<String> flags) {
    double[] share = new double[nullsByMonth.length];
    for (int m = 0; m < share.length; m++) {
      share[m] = rowsByMonth[m] == 0 ? Double.NaN : (double) nullsByMonth[m] / rowsByMonth[m];
    }
    nullJumps(share, span, flags);
    return share;
  }

  private static FeatureSummary categorySummary(FeatureColumns c, int f, Months span, long[] rowsByMonth) {
    int[] code = c.codes(f);
    List<String> names = c.values(f);
    int rows = c.rows();
    long[] counts = new long[names.size()];
    long[] base = new long[names.size() + 1]; // the last bin is NULL
    long[] current = new long[names.size() + 1];
    long[] nullsByMonth = new long[span.count()];
    long nulls = 0;
    int[] month = c.months();
    for (int i = 0; i < rows; i++) {
      int bin = code[i];
      if (bin < 0) {
        bin = names.size();
        nullsByMonth[month[i] - span.first()]++;
        nulls++;
      } else {
        counts[bin]++;
      }
      if (span.inFirstYear(month[i])) {
        base[bin]++;
      } else if (span.inLastYear(month[i])) {
        current[bin]++;
      }
    }
    List<String> flags = new ArrayList<>();
    if (rows > 0 && nulls == rows) {
      flags.add("all NULL");
    }
    double[] nullShare = nullShare(nullsByMonth, rowsByMonth, span, flags);
    if (names.size() == 1) {
      flags.add("constant");
    }
    Integer[] order = new Integer[names.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingLong((Integer i) -> -counts[i]).thenComparing(names::get));
    int shown = Math.min(TOP_VALUES, order.length);
    List<String> top = new ArrayList<>();
    long[] topCounts = new long[shown];
    for (int k = 0; k < shown; k++) {
      top.add(names.get(order[k]));
      topCounts[k] = counts[order[k]];
    }
    double psi = span.hasTwoYears() ? Scores.psi(base, current) : Double.NaN;
    return new FeatureSummary(c.features.get(f), rows, nulls, Double.NaN, Double.NaN, Double.NaN, Double.NaN, psi,
        topCounts, List.copyOf(top), names.size(), nullShare, List.copyOf(flags));
  }

  static void leak(double auc, List<String> flags) {
    if (!Double.isNaN(auc) && Math.max(auc, 1 - auc) > LEAK_AUC) {
      flags.add(String.format("AUC %.3f: predicts the result too well, usually a leak", auc));
    }
  }

  /**
   * Flags the jumps of the NULL share between consecutive months that have rows: one flag naming
   * the largest jump and the months where any jump lands.
   */
  private static void nullJumps(double[] share, Months span, List<String> flags) {
    int previous = -1;
    List<String> months = new ArrayList<>();
    int from = -1;
    int to = -1;
    for (int m = 0; m < share.length; m++) {
      if (Double.isNaN(share[m])) {
        continue;
      }
      if (previous >= 0 && Math.abs(share[m] - share[previous]) > NULL_JUMP) {
        months.add(span.name(m));
        if (to < 0 || Math.abs(share[m] - share[previous]) > Math.abs(share[to] - share[from])) {
          from = previous;
          to = m;
        }
      }
      previous = m;
    }
    if (!months.isEmpty()) {
      flags.add(String.format("NULL %% jumps by more than 20 points %s, most from %.0f%% in %s to %.0f%% in %s%s",
          months.size() == 1 ? "once" : months.size() + " times", 100 * share[from], span.name(from),
          100 * share[to], span.name(to), months.size() == 1 ? "" : " (into " + String.join(", ", months) + ")"));
    }
  }
}
