package org.racefeatures.features;

import java.util.Arrays;

/**
 * Horses' runs before the first row a {@link History} holds, with the facts that {@link HorseRuns}
 * keeps per run: the wanted horses' earlier runs, which their form reads however old. Filled by
 * {@link Prelude} or a {@link Past}; read-only afterwards.
 */
final class EarlyRuns extends ListedRuns {
  boolean[] placed = new boolean[1024];
  double[] normPos = new double[1024];
  int[] spRank = new int[1024];
  /**
   * The horse's rating before the run; from a {@link Past}, only the horse's latest run carries its
   * own and the others the horse's peak (what the features read: the latest run's and the peak).
   */
  double[] elo = new double[1024];

  void add(int row, int key, int race, boolean won, boolean placed, double normPos, int spRank, double elo) {
    int i = append(row, key, race, won);
    this.placed[i] = placed;
    this.normPos[i] = normPos;
    this.spRank[i] = spRank;
    this.elo[i] = elo;
  }

  @Override
  void grow(int n) {
    placed = Arrays.copyOf(placed, n);
    normPos = Arrays.copyOf(normPos, n);
    spRank = Arrays.copyOf(spRank, n);
    elo = Arrays.copyOf(elo, n);
  }
}
