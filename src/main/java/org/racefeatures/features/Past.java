package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;

/**
 * The races before a chunk's held rows as running state carried from one chunk's {@link History}
 * to the next, so that a run in chunks reads each earlier row once in all, instead of once per later
 * chunk as a {@link Prelude} of its own would. It is what a {@link Prelude} keeps, for every key
 * instead of one chunk's: every horse's rating, every pair's runs and wins (jockey and course,
 * trainer and course, jockey and trainer), every jockey's and trainer's market sums, and the runs
 * of the last {@link WindowCursors#LONGEST_WINDOW_DAYS} days, which the next chunk's jockeys' and
 * trainers' windows read, so that a chunk holds no rows before its own ({@link RecentRuns}); per
 * run, the horse's run before it, from which a chunk's horses' earlier runs are listed ({@link EarlyRuns}; a
 * horse-jockey pair's earlier runs are counted from those); and per horse, its rating before its
 * latest run and the highest before any run, all that the features read of the ratings of a
 * horse's earlier runs ({@code h_elo_change_last}, {@code h_elo_peak}).
 *
 * <p>Memory: 4 bytes per earlier run (the link, in blocks allocated as the pass reaches them), 28
 * per horse, 17 per recent run, and per pair seen a hash slot or two of 12 bytes ({@link
 * PairCounts}). Values are added in the order a {@link Prelude} adds them (a recent run's market
 * into its keys' sums once it is older than every later window), so a chunk's features are the
 * same to the bit.
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
  /** Per pair seen: its runs and wins. */
  private final PairCounts jockeyCourse;
  private final PairCounts trainerCourse;
  private final PairCounts jockeyTrainer;
  /** Per jockey and trainer key: its running {@link MarketSums} over its runs before its {@link #recent} ones. */
  private final double[] jockeySums;
  private final double[] trainerSums;
  /** The runs of the last {@link WindowCursors#LONGEST_WINDOW_DAYS} days passed, for the jockeys' and trainers' windows. */
  private final RecentRuns recent = new RecentRuns();

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
    jockeyCourse = new PairCounts(runners.jockeys(), courses);
    trainerCourse = new PairCounts(trainers, courses);
    jockeyTrainer = new PairCounts(runners.jockeys(), trainers);
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
        boolean won = s.won[i];
        int j = EntityKeys.jockeyKey(runners, r);
        int t = EntityKeys.trainerKey(runners, r);
        if (j >= 0 || t >= 0) {
          recent.add(r, race, won, s.probability[i]);
        }
        if (j >= 0) {
          jockeyCourse.add(PairKeys.pair(j, course, courses), won);
          if (t >= 0) {
            jockeyTrainer.add(PairKeys.pair(j, t, trainers), won);
          }
        }
        if (t >= 0) {
          trainerCourse.add(PairKeys.pair(t, course, courses), won);
        }
      }
    }
    keysAt = toRace;
    if (toRace < races.size()) {
      forgetBefore(races.day(toRace) - WindowCursors.LONGEST_WINDOW_DAYS);
    }
  }

  /**
   * Moves the recent runs of days before {@code minDay} into the jockeys' and trainers' sums, in
   * row order: each key's sums then add its runs in the order a history of every row adds them.
   */
  private void forgetBefore(int minDay) {
    java.util.function.IntToDoubleFunction sp = runners::sp;
    int i = recent.first();
    for (; i < recent.end() && races.day(recent.race(i)) < minDay; i++) {
      int r = recent.row(i);
      int j = EntityKeys.jockeyKey(runners, r);
      int t = EntityKeys.trainerKey(runners, r);
      if (j >= 0) {
        MarketSums.add(jockeySums, j * MarketSums.STRIDE, recent.probability(i), recent.won(i), sp, r);
      }
      if (t >= 0) {
        MarketSums.add(trainerSums, t * MarketSums.STRIDE, recent.probability(i), recent.won(i), sp, r);
      }
    }
    recent.dropBefore(i);
  }

  /**
   * The recent runs of the jockeys and trainers {@code wantedJockeys} and {@code wantedTrainers}
   * mark: the runs their day windows read before the next chunk's held rows, for its {@link RunGroups}
   * and {@link MarketSums} (whose sums before them {@link #totals} gives).
   */
  Windows windows(boolean[] wantedJockeys, boolean[] wantedTrainers) {
    WindowRuns jockeys = new WindowRuns();
    WindowRuns trainers = new WindowRuns();
    for (int i = recent.first(); i < recent.end(); i++) {
      int r = recent.row(i);
      int j = EntityKeys.jockeyKey(runners, r);
      int t = EntityKeys.trainerKey(runners, r);
      if (j >= 0 && wantedJockeys[j]) {
        jockeys.add(r, j, recent.race(i), recent.won(i), recent.probability(i));
      }
      if (t >= 0 && wantedTrainers[t]) {
        trainers.add(r, t, recent.race(i), recent.won(i), recent.probability(i));
      }
    }
    return new Windows(jockeys, trainers);
  }

  /** The jockeys' and the trainers' recent runs a chunk's windows read. */
  record Windows(WindowRuns jockeys, WindowRuns trainers) {
    /** No runs before the held rows: a history that holds its windows' rows itself. */
    static final Windows NONE = new Windows(null, null);
  }

  /**
   * What {@link Prelude#horses} gives for the races passed: a copy of the ratings (the history
   * rates on from there), and the runs there of the horses {@code wanted} marks, in row order. A
   * run's rating is not kept per run: each horse's latest run here carries its own, the others the
   * horse's peak, so that the latest run's rating and the peak through it, the two that {@link
   * HorseRuns} is read for, are exactly what the runs' own ratings give.
   */
  Prelude.Horses horses(boolean[] wanted) {
    // The runs marked in a bit per row before the past's end: read back in row order, no sort.
    long[] marked = new long[(races.firstRunner(horsesAt) + 63) >>> 6];
    for (int h = 0; h < wanted.length; h++) {
      if (wanted[h]) {
        for (int r = lastRun[h]; r >= 0; r = previousRun[r >>> BLOCK_BITS][r & (BLOCK - 1)]) {
          marked[r >>> 6] |= 1L << r;
        }
      }
    }
    EarlyRuns runs = new EarlyRuns();
    Prelude.Race s = new Prelude.Race();
    int race = -1;
    int from = 0;
    int to = 0;
    for (int w = 0; w < marked.length; w++) {
      for (long bits = marked[w]; bits != 0; bits &= bits - 1) {
        int r = w << 6 | Long.numberOfTrailingZeros(bits);
        if (r >= to) { // the first marked run of a race: its facts and market, once
          race = races.raceOf(r);
          from = races.firstRunner(race);
          to = races.endRunner(race);
          s.read(runners, from, to);
          s.market(runners, from, to);
        }
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
  private static Prelude.Counts counts(PairCounts seen, PairKeys keys) {
    Prelude.Counts c = new Prelude.Counts(keys.keys);
    long[] pairs = keys.pairs();
    for (int k = 0; k < pairs.length; k++) {
      c.runs()[k] = seen.runs(pairs[k]);
      c.wins()[k] = seen.wins(pairs[k]);
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
