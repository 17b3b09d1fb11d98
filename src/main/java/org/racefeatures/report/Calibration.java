package org.racefeatures.report;

/**
 * The market's calibration as a check of the data: the rows with both {@code sp_implied_prob} and
 * {@code won}, in 10 equal bins of the probability ([0, 0.1), ..., [0.9, 1.0]), each with its mean
 * probability and its observed win rate. On sound data the points lie near the diagonal, a little
 * below it at long odds (the favourite-longshot bias); far off it, the SPs or results are wrong.
 *
 * @param rows per bin, the rows in it
 * @param meanProbability per bin, the mean implied probability (NaN for an empty bin)
 * @param winRate per bin, the share of its rows that won (NaN for an empty bin)
 */
record Calibration(long[] rows, double[] meanProbability, double[] winRate) {
  static final String FEATURE = "sp_implied_prob";
  static final int BINS = 10;

  static Calibration of(FeatureColumns c) {
    int f = c.indexOf(FEATURE);
    double[] x = c.slab(f);
    int at = c.at(f);
    byte[] won = c.won();
    long[] rows = new long[BINS];
    long[] wins = new long[BINS];
    double[] sum = new double[BINS];
    for (int i = 0; i < c.rows(); i++) {
      double p = x[at + i];
      if (Double.isNaN(p) || won[i] < 0) {
        continue;
      }
      int b = Math.min(BINS - 1, (int) (p * BINS)); // a probability of 1 is in the last bin
      rows[b]++;
      wins[b] += won[i];
      sum[b] += p;
    }
    double[] mean = new double[BINS];
    double[] rate = new double[BINS];
    for (int b = 0; b < BINS; b++) {
      mean[b] = rows[b] == 0 ? Double.NaN : sum[b] / rows[b];
      rate[b] = rows[b] == 0 ? Double.NaN : (double) wins[b] / rows[b];
    }
    return new Calibration(rows, mean, rate);
  }
}
