package org.racefeatures.features;

import java.util.Arrays;

/**
 * Runs before the first row a {@link History} holds, listed in row order with what a {@link
 * RunGroups} keeps of each: its runner row, its key (a horse's, a jockey's or a trainer's), its race
 * and whether it won. Subclasses add the facts their readers keep per run. Filled before the
 * history is built; read-only afterwards.
 */
abstract class ListedRuns {
  private int size;
  int[] row = new int[1024];
  int[] key = new int[1024];
  int[] race = new int[1024];
  boolean[] won = new boolean[1024];

  /** Appends a run's common part and returns its index; the subclass then sets its own facts there. */
  final int append(int row, int key, int race, boolean won) {
    if (size == this.row.length) {
      int n = 2 * size;
      this.row = Arrays.copyOf(this.row, n);
      this.key = Arrays.copyOf(this.key, n);
      this.race = Arrays.copyOf(this.race, n);
      this.won = Arrays.copyOf(this.won, n);
      grow(n);
    }
    this.row[size] = row;
    this.key[size] = key;
    this.race[size] = race;
    this.won[size] = won;
    return size++;
  }

  /** Grows the subclass's arrays to {@code n} runs. */
  abstract void grow(int n);

  final int size() {
    return size;
  }
}
