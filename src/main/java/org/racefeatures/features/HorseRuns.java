package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * Per position of the horses' {@link RunGroups}: the facts of that run that the horse features read,
 * in position order (one horse's runs side by side, oldest first), so a history scan reads memory in
 * sequence instead of jumping to each run's row and race. The "through" arrays hold, for position
 * {@code p}, a running value over the horse's runs up to and including {@code p}: the feature of a
 * history that ends before position {@code end} is the value at {@code end - 1}, no scan.
 */
final class HorseRuns {
  final int[] course;
  final int[] distance;
  /** The race's going code, -1 where NULL (never equal to a target race's code or its -2). */
  final int[] going;
  final boolean[] won;
  final boolean[] placed;
  final double[] normPos;
  /** The run's {@code sp_rank} in its own race; 0 where it had no SP. */
  final int[] spRank;
  /** The horse's rating just before the run (the run's own {@code h_elo}). */
  final double[] elo;

  /** The last won position of the horse up to {@code p}, or -1 where none was won. */
  final int[] lastWinThrough;
  /** The largest official_rating of the horse's runs up to {@code p}; {@link Integer#MIN_VALUE} where none has one. */
  final int[] maxRatingThrough;
  /** The sum of the prizes of the horse's won runs up to {@code p} whose race has a prize. */
  final double[] prizeThrough;
  /** The largest of {@link #elo} over the horse's runs up to {@code p}. */
  final double[] eloPeakThrough;

  /**
   * @param rowRace per runner row {@code r} from the groups' first row on, at {@code r - firstRow}:
   *     its race; likewise {@code isWon}, {@code isPlaced}, {@code rowNormPos}, {@code rowSpRank}
   *     and {@code eloBefore}
   * @param early the runs the groups list before their first row, with their facts; null for none
   * @param raceGoing per race, its going code or -2 where NULL
   */
  HorseRuns(RunGroups horses, RaceTable races, RunnerTable runners, int[] rowRace, int[] courseKey,
      int[] raceDistance, int[] raceGoing, boolean[] isWon, boolean[] isPlaced, double[] rowNormPos,
      int[] rowSpRank, double[] eloBefore, EarlyRuns early) {
    int n = horses.size();
    course = new int[n];
    distance = new int[n];
    going = new int[n];
    won = new boolean[n];
    placed = new boolean[n];
    normPos = new double[n];
    spRank = new int[n];
    elo = new double[n];
    lastWinThrough = new int[n];
    maxRatingThrough = new int[n];
    prizeThrough = new double[n];
    eloPeakThrough = new double[n];
    // A key's early runs are its first positions, in the early list's order: filled from the list
    // in one pass (no search for each run's place), then the held rows' runs from their rows.
    int[] next = new int[horses.keys()];
    for (int g = 0; g < next.length; g++) {
      next[g] = horses.start(g);
    }
    for (int e = 0, size = early == null ? 0 : early.size(); e < size; e++) {
      int k = next[early.key[e]]++;
      won[k] = early.won[e];
      placed[k] = early.placed[e];
      normPos[k] = early.normPos[e];
      spRank[k] = early.spRank[e];
      elo[k] = early.elo[e];
      ofRace(k, early.race[e], races, courseKey, raceDistance, raceGoing);
    }
    int base = horses.firstRow();
    for (int k = 0; k < n; k++) {
      int r = horses.row(k);
      if (r >= base) {
        int i = r - base;
        won[k] = isWon[i];
        placed[k] = isPlaced[i];
        normPos[k] = rowNormPos[i];
        spRank[k] = rowSpRank[i];
        elo[k] = eloBefore[i];
        ofRace(k, rowRace[i], races, courseKey, raceDistance, raceGoing);
      }
    }
    for (int g = 0; g < horses.keys(); g++) {
      int first = horses.start(g);
      for (int k = first; k < horses.start(g + 1); k++) {
        int r = horses.row(k);
        boolean firstRun = k == first;
        int rating = runners.ratingIsNull(r) ? Integer.MIN_VALUE : runners.rating(r);
        lastWinThrough[k] = won[k] ? k : firstRun ? -1 : lastWinThrough[k - 1];
        maxRatingThrough[k] = firstRun ? rating : Math.max(maxRatingThrough[k - 1], rating);
        prizeThrough[k] = firstRun ? prizeThrough[k] : prizeThrough[k - 1] + prizeThrough[k];
        eloPeakThrough[k] = firstRun ? elo[k] : Math.max(eloPeakThrough[k - 1], elo[k]);
      }
    }
  }

  /** Position {@code k}'s facts of its race (its won flag set). */
  private void ofRace(int k, int race, RaceTable races, int[] courseKey, int[] raceDistance, int[] raceGoing) {
    course[k] = courseKey[race];
    distance[k] = raceDistance[race];
    going[k] = Math.max(raceGoing[race], -1);
    prizeThrough[k] = won[k] && !races.prizeIsNull(race) ? races.prize(race) : 0.0; // the run's own, summed below
  }
}
