package org.racefeatures.features;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;

/**
 * The races before a chunk's held rows as running state carried from one chunk's {@link History}
 * to the next, so that a run in chunks reads each earlier row once in all, instead of once per later
 * chunk as a {@link Prelude} of its own would. It is what a {@link Prelude} keeps, for every key
 * instead of one chunk's: every horse's rating, every pair's runs and wins (jockey and course,
 * trainer and course, jockey and trainer), every jockey's and trainer's market sums; per run, the
 * horse's run before it, from which a chunk's horses' earlier runs are listed ({@link EarlyRuns}; a
 * horse-jockey pair's earlier runs are counted from those); and per horse, its rating before its
 * latest run and the highest before any run, all that the features read of the ratings of a
 * horse's earlier runs ({@code h_elo_change_last}, {@code h_elo_peak}).
 *
 * <p>Memory: 4 bytes per earlier run (the link, in blocks allocated as the pass reaches them), 28
 * per horse, and about 30 per pair seen. Values are added in the order a {@link Prelude} adds them,
 * so a chunk's features are the same to the bit.
 *
 * <p>Used by one chunk at a time: its horses' and keys' parts may advance on two threads at once
 * (they share nothing but the read-only tables); a chunk's history reads them after both.
 */
public final class Past {
  private static final int BLOCK_BITS = 20;
  private static final int BLOCK = 1 << BLOCK_BITS;

  private final RaceTable races;
  private final RunnerTable runners;
  private final int courses;
  private final int trainers;

  /** The horses' part: races {@code 0 .. horsesAt - 1} are rated and linked. */
  private int horsesAt;
  private final EloRatings ratings;
  /** Per horse key: its latest run so far (a runner row), -1 for none. */
  private final int[] lastRun;
  /** Per run, in blocks by runner row: the row of its horse's run before it, -1 for none. */
  private int[][] previousRun = new int[0][];
  /** Per horse key: its rating before its latest run so far (that run's {@code h_elo}). */
  private final double[] eloLast;
  /** Per horse key: the highest of its ratings before each of its runs so far. */
  private final double[] eloPeak;

  /** The keys' part: races {@code 0 .. keysAt - 1} are counted and summed. */
  private int keysAt;
  /** Per pair (packed as {@link PairKeys#pair}): its runs, plus its wins times 2^32. */
  private final Long2LongOpenHashMap jockeyCourse = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap trainerCourse = new Long2LongOpenHashMap();
  private final Long2LongOpenHashMap jockeyTrainer = new Long2LongOpenHashMap();
  private final double[] jockeySums;
  private final double[] trainerSums;

  /** Nothing passed yet: the state before the first race. */
  public Past(RacingData data) {
    races = data.races();
    runners = data.runners();
    courses = races.courses();
    trainers = runners.trainers();
    int horses = runners.horseIds().size();
    ratings = new EloRatings(horses);
    lastRun = new int[horses];
    java.util.Arrays.fill(lastRun, -1);
    eloLast = new double[horses];
    eloPeak = new double[horses];
    jockeySums = new double[runners.jockeys() * MarketSums.STRIDE];
    trainerSums = new double[trainers * MarketSums.STRIDE];
  }

  /** Rates and links the races from where the horses' part stopped to {@code toRace - 1}. */
  void advanceHorses(int toRace) {
    requireForward(horsesAt, toRace);
    ensureBlocks(races.firstRunner(toRace));
    Prelude.Race s = new Prelude.Race();
    for (int race = horsesAt; race < toRace; race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      s.read(runners, from, to);
      ratings.rateRace(runners, from, to, s.horse, s.isRun, s.elo, from);
      for (int r = from; r < to; r++) {
        int i = r - from;
        if (s.isRun[i]) {
          int h = s.horse[i];
          previousRun[r >>> BLOCK_BITS][r & (BLOCK - 1)] = lastRun[h];
          eloPeak[h] = lastRun[h] < 0 ? s.elo[i] : Math.max(eloPeak[h], s.elo[i]); // as HorseRuns takes it
          eloLast[h] = s.elo[i];
          lastRun[h] = r;
        }
      }
    }
    horsesAt = toRace;
  }

  /** Counts and sums the races from where the keys' part stopped to {@code toRace - 1}. */
  void advanceKeys(int toRace) {
    requireForward(keysAt, toRace);
    java.util.function.IntToDoubleFunction sp = runners::sp;
    Prelude.Race s = new Prelude.Race();
    for (int race = keysAt; race < toRace; race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      s.read(runners, from, to);
      s.market(runners, from, to);
      int course = races.courseKey(race);
      for (int r = from; r < to; r++) {
        int i = r - from;
        if (!s.isRun[i]) {
          continue;
        }
        long won = s.won[i] ? 1L << 32 | 1 : 1;
        int j = EntityKeys.jockeyKey(runners, r);
        int t = EntityKeys.trainerKey(runners, r);
        if (j >= 0) {
          MarketSums.add(jockeySums, j * MarketSums.STRIDE, s.probability[i], s.won[i], sp, r);
          jockeyCourse.addTo(PairKeys.pair(j, course, courses), won);
          if (t >= 0) {
            jockeyTrainer.addTo(PairKeys.pair(j, t, trainers), won);
          }
        }
        if (t >= 0) {
          MarketSums.add(trainerSums, t * MarketSums.STRIDE, s.probability[i], s.won[i], sp, r);
          trainerCourse.addTo(PairKeys.pair(t, course, courses), won);
        }
      }
    }
    keysAt = toRace;
  }

  /**
   * What {@link Prelude#horses} gives for the races passed: a copy of the ratings (the history
   * rates on from there), and the runs there of the horses {@code wanted} marks, in row order. A
   * run's rating is not kept per run: each horse's latest run here carries its own, the others the
   * horse's peak, so that the latest run's rating and the peak through it, the two that {@link
   * HorseRuns} is read for, are exactly what the runs' own ratings give.
   */
  Prelude.Horses horses(boolean[] wanted) {
    IntArrayList rows = new IntArrayList();
    for (int h = 0; h < wanted.length; h++) {
      if (wanted[h]) {
        for (int r = lastRun[h]; r >= 0; r = previousRun[r >>> BLOCK_BITS][r & (BLOCK - 1)]) {
          rows.add(r);
        }
      }
    }
    int[] sorted = rows.toIntArray();
    java.util.Arrays.sort(sorted);
    EarlyRuns runs = new EarlyRuns();
    Prelude.Race s = new Prelude.Race();
    for (int k = 0; k < sorted.length; ) {
      int race = runners.race(sorted[k]);
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      s.read(runners, from, to);
      s.market(runners, from, to);
      for (; k < sorted.length && sorted[k] < to; k++) {
        int r = sorted[k];
        int i = r - from;
        int h = s.horse[i];
        runs.add(r, h, race, s.won[i], s.placed[i], s.normPos[i], s.rank[i], r == lastRun[h] ? eloLast[h] : eloPeak[h]);
      }
    }
    return new Prelude.Horses(new EloRatings(ratings), runs);
  }

  /**
   * What {@link Prelude#totals} gives for the races passed, for the pairs of a chunk's target rows
   * and its horses' earlier runs {@code early} (from {@link #horses}).
   */
  Prelude.Totals totals(PairKeys jc, PairKeys tc, PairKeys jt, PairKeys hj, EarlyRuns early) {
    Prelude.Counts horseJockey = new Prelude.Counts(hj.keys);
    for (int i = 0; i < early.size(); i++) {
      int j = EntityKeys.jockeyKey(runners, early.row[i]);
      if (j >= 0) {
        horseJockey.add(hj.keyOf(early.key[i], j), early.won[i]);
      }
    }
    return new Prelude.Totals(counts(jockeyCourse, jc), counts(trainerCourse, tc), counts(jockeyTrainer, jt),
        horseJockey, jockeySums.clone(), trainerSums.clone());
  }

  /** The counts of the pairs {@code keys} numbers, from {@code seen}. */
  private static Prelude.Counts counts(Long2LongOpenHashMap seen, PairKeys keys) {
    Prelude.Counts c = new Prelude.Counts(keys.keys);
    long[] pairs = keys.pairs();
    for (int k = 0; k < pairs.length; k++) {
      long v = seen.get(pairs[k]);
      c.runs()[k] = (int) v;
      c.wins()[k] = (int) (v >>> 32);
    }
    return c;
  }

  private void ensureBlocks(int rows) {
    int blocks = (rows + BLOCK - 1) >>> BLOCK_BITS;
    if (blocks > previousRun.length) {
      int had = previousRun.length;
      previousRun = java.util.Arrays.copyOf(previousRun, blocks);
      for (int b = had; b < blocks; b++) {
        previousRun[b] = new int[BLOCK];
      }
    }
  }

  private static void requireForward(int at, int toRace) {
    if (toRace < at) {
      throw new IllegalArgumentException("the past is at race " + at + "; it cannot go back to race " + toRace);
    }
  }
}
