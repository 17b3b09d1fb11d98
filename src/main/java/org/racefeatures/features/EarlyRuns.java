package org.racefeatures.features;

import java.util.Arrays;

/**
 * Runs before the first row a {@link History} holds, listed in row order with the facts that
 * {@link HorseRuns} keeps per run: the wanted horses' earlier runs, which their form reads however
 * old. Filled by {@link Prelude}; read-only afterwards.
 */
final class EarlyRuns {
  private int size;
  int[] row = new int[1024];
  int[] key = new int[1024];
  int[] race = new int[1024];
  boolean[] won = new boolean[1024];
  boolean[] placed = new boolean[1024];
  double[] normPos = new double[1024];
  int[] spRank = new int[1024];
  /**
   * The horse's rating before the run; from a {@link Past}, only the horse's latest run carries its
   * own and the others the horse's peak (what the features read: the latest run's and the peak).
   */
  double[] elo = new double[1024];

  void add(int row, int key, int race, boolean won, boolean placed, double normPos, int spRank, double elo) {
    if (size == this.row.length) {
      int n = 2 * size;
      this.row = Arrays.copyOf(this.row, n);
      this.key = Arrays.copyOf(this.key, n);
      this.race = Arrays.copyOf(this.race, n);
      this.won = Arrays.copyOf(this.won, n);
      this.placed = Arrays.copyOf(this.placed, n);
      this.normPos = Arrays.copyOf(this.normPos, n);
      this.spRank = Arrays.copyOf(this.spRank, n);
      this.elo = Arrays.copyOf(this.elo, n);
    }
    this.row[size] = row;
    this.key[size] = key;
    this.race[size] = race;
    this.won[size] = won;
    this.placed[size] = placed;
    this.normPos[size] = normPos;
    this.spRank[size] = spRank;
    this.elo[size] = elo;
    size++;
  }

  int size() {
    return size;
  }

  /** The index of the run in runner row {@code r}; the row must be one listed. */
  int indexOf(int r) {
    int i = Arrays.binarySearch(row, 0, size, r);
    if (i < 0) {
      throw new IllegalStateException("runner row " + r + " is not an early run");
    }
    return i;
  }
}
