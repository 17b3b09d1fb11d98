package org.racefeatures.features;

import java.util.Arrays;

/**
 * The runs of a {@link Past}'s last {@link WindowCursors#LONGEST_WINDOW_DAYS} days that have a
 * jockey or a trainer, in row order, each with its race, whether it won and its {@code
 * sp_implied_prob}: what the day windows of a later chunk's jockeys and trainers read of the races
 * before its held rows. Runs are appended as the past reaches them and dropped from the front once
 * older than every later window; 17 bytes per run held.
 */
final class RecentRuns {
  private int head;
  private int size;
  private int[] row = new int[1024];
  private int[] race = new int[1024];
  private boolean[] won = new boolean[1024];
  private double[] probability = new double[1024];

  void add(int row, int race, boolean won, double probability) {
    if (size == this.row.length) {
      compactOrGrow();
    }
    this.row[size] = row;
    this.race[size] = race;
    this.won[size] = won;
    this.probability[size] = probability;
    size++;
  }

  /** The first run held (runs {@code first() .. end() - 1} are held). */
  int first() {
    return head;
  }

  int end() {
    return size;
  }

  int row(int i) {
    return row[i];
  }

  int race(int i) {
    return race[i];
  }

  boolean won(int i) {
    return won[i];
  }

  double probability(int i) {
    return probability[i];
  }

  /** Drops the runs before {@code i}: they are older than any window will read. */
  void dropBefore(int i) {
    if (i < head || i > size) {
      throw new IllegalArgumentException("run " + i + " is not in " + head + ".." + size);
    }
    head = i;
  }

  /** Moves the held runs to the front when half the arrays are dropped runs, else doubles them. */
  private void compactOrGrow() {
    int held = size - head;
    int n = held * 2 <= row.length ? row.length : 2 * row.length;
    if (n == row.length) {
      System.arraycopy(row, head, row, 0, held);
      System.arraycopy(race, head, race, 0, held);
      System.arraycopy(won, head, won, 0, held);
      System.arraycopy(probability, head, probability, 0, held);
    } else {
      row = Arrays.copyOfRange(row, head, head + n);
      race = Arrays.copyOfRange(race, head, head + n);
      won = Arrays.copyOfRange(won, head, head + n);
      probability = Arrays.copyOfRange(probability, head, head + n);
    }
    head = 0;
    size = held;
  }
}
