package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * Per runner row a {@link History} holds ({@code base} on, at {@code r - base}): the dense key of
 * its horse, jockey and trainer (-1 for a NULL id).
 */
final class EntityKeys {
  final int base;
  final int[] horse;
  final int[] jockey;
  final int[] trainer;
  final int horses;
  final int jockeys;
  final int trainers;

  /** The keys of rows {@code base .. nRows - 1}. */
  EntityKeys(RunnerTable runners, int base, int nRows) {
    this.base = base;
    horse = new int[nRows - base];
    jockey = new int[nRows - base];
    trainer = new int[nRows - base];
    for (int r = base; r < nRows; r++) {
      horse[r - base] = runners.horseKey(r);
      jockey[r - base] = jockeyKey(runners, r);
      trainer[r - base] = trainerKey(runners, r);
    }
    horses = runners.horseIds().size();
    jockeys = runners.jockeys();
    trainers = runners.trainers();
  }

  /** The row's jockey key, -1 for NULL. */
  static int jockeyKey(RunnerTable runners, int r) {
    return runners.jockeyIsNull(r) ? -1 : runners.jockeyKey(r);
  }

  /** The row's trainer key, -1 for NULL. */
  static int trainerKey(RunnerTable runners, int r) {
    return runners.trainerIsNull(r) ? -1 : runners.trainerKey(r);
  }

  /**
   * The horses, jockeys and trainers that appear in a row of the races {@code targets} (only
   * their runs are grouped: the rows keep every key), and those races' courses. The target races
   * must be held (at or after the base).
   */
  Wanted wantedIn(int[] targets, RaceTable races, int[] courseKey) {
    boolean[] neededCourse = new boolean[races.courses()];
    boolean[] h = new boolean[horses];
    boolean[] j = new boolean[jockeys];
    boolean[] t = new boolean[trainers];
    for (int race : targets) {
      neededCourse[courseKey[race]] = true;
      for (int r = races.firstRunner(race) - base; r < races.endRunner(race) - base; r++) {
        h[horse[r]] = true;
        if (jockey[r] >= 0) {
          j[jockey[r]] = true;
        }
        if (trainer[r] >= 0) {
          t[trainer[r]] = true;
        }
      }
    }
    return new Wanted(h, j, t, neededCourse);
  }

  /**
   * The horses, jockeys and trainers whose runs are grouped, per key (those of the target races'
   * rows), and the courses whose pairs are; null for every one.
   */
  record Wanted(boolean[] horses, boolean[] jockeys, boolean[] trainers, boolean[] courses) {
    static final Wanted ALL = new Wanted(null, null, null, null);
  }
}
