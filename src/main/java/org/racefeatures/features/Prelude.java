package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * The history before the first row a {@link History} holds (the races before {@code baseRace}), in
 * passes in race-time order that keep running state per key instead of per row: the horses'
 * ratings, the wanted horses' runs, each wanted pair's runs and wins, and each wanted jockey's and
 * trainer's market sums. What a selection late in a large file needs of its far past is then
 * O(horses + wanted keys) plus the runs of its own horses, not a row's facts for every earlier row.
 *
 * <p>Each pass computes a race's facts and market as {@link RowFacts} and {@link RaceMarket} do,
 * and adds in the same order as a history of every row would, so every value is the same to the bit.
 */
final class Prelude {
  private Prelude() {}

  /** The horses' part: ratings after the races before the base, and the wanted horses' runs in them. */
  record Horses(EloRatings ratings, EarlyRuns runs) {}

  /**
   * Rates races {@code 0 .. baseRace - 1} and lists the runs there of the horses {@code wanted}
   * marks (by key; null for none).
   */
  static Horses horses(RaceTable races, RunnerTable runners, int baseRace, int horses, boolean[] wanted) {
    EloRatings ratings = new EloRatings(horses);
    EarlyRuns runs = new EarlyRuns();
    Race s = new Race();
    for (int race = 0; race < baseRace; race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      s.read(runners, from, to);
      ratings.rateRace(runners, from, to, s.horse, s.isRun, s.elo, from);
      boolean any = false;
      for (int i = 0; i < to - from; i++) {
        any |= s.isRun[i] && wanted != null && wanted[s.horse[i]];
      }
      if (!any) {
        continue;
      }
      s.market(runners, from, to);
      for (int i = 0; i < to - from; i++) {
        if (s.isRun[i] && wanted[s.horse[i]]) {
          runs.add(from + i, s.horse[i], race, s.won[i], s.placed[i], s.normPos[i], s.rank[i], s.elo[i]);
        }
      }
    }
    return new Horses(ratings, runs);
  }

  /** Per key of a pair kind: its runs and wins. */
  record Counts(int[] runs, int[] wins) {
    Counts(int keys) {
      this(new int[keys], new int[keys]);
    }

    void add(int key, boolean won) {
      if (key >= 0) {
        runs[key]++;
        wins[key] += won ? 1 : 0;
      }
    }
  }

  /**
   * The keys' part: per key of each pair kind, its runs and wins in the races before the base; per
   * jockey and trainer key, its running {@link MarketSums} there. {@link #NONE} for no races.
   */
  record Totals(Counts jockeyCourse, Counts trainerCourse, Counts jockeyTrainer, Counts horseJockey,
      double[] jockeySums, double[] trainerSums) {
    static final Totals NONE = new Totals(null, null, null, null, null, null);
  }

  /**
   * Counts the runs in races {@code 0 .. baseRace - 1} of the pairs of a selection's target rows,
   * and sums the market of its wanted jockeys and trainers there.
   */
  static Totals totals(RaceTable races, RunnerTable runners, int baseRace, int[] courseKey, EntityKeys.Wanted w,
      PairKeys jc, PairKeys tc, PairKeys jt, PairKeys hj) {
    Totals t = new Totals(new Counts(jc.keys), new Counts(tc.keys), new Counts(jt.keys), new Counts(hj.keys),
        new double[runners.jockeys() * MarketSums.STRIDE], new double[runners.trainers() * MarketSums.STRIDE]);
    java.util.function.IntToDoubleFunction sp = runners::sp;
    Race s = new Race();
    for (int race = 0; race < baseRace; race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      s.read(runners, from, to);
      s.market(runners, from, to);
      int course = courseKey[race];
      boolean courseWanted = w.courses()[course];
      for (int r = from; r < to; r++) {
        int i = r - from;
        if (!s.isRun[i]) {
          continue;
        }
        boolean won = s.won[i];
        int j = EntityKeys.jockeyKey(runners, r);
        int tr = EntityKeys.trainerKey(runners, r);
        // A pair of a target row has both sides wanted: the masks spare the other rows a lookup.
        boolean jockey = j >= 0 && w.jockeys()[j];
        boolean trainer = tr >= 0 && w.trainers()[tr];
        if (jockey) {
          MarketSums.add(t.jockeySums(), j * MarketSums.STRIDE, s.probability[i], won, sp, r);
          if (courseWanted) {
            t.jockeyCourse().add(jc.keyOf(j, course), won);
          }
          if (trainer) {
            t.jockeyTrainer().add(jt.keyOf(j, tr), won);
          }
          if (w.horses()[s.horse[i]]) {
            t.horseJockey().add(hj.keyOf(s.horse[i], j), won);
          }
        }
        if (trainer) {
          MarketSums.add(t.trainerSums(), tr * MarketSums.STRIDE, s.probability[i], won, sp, r);
          if (courseWanted) {
            t.trainerCourse().add(tc.keyOf(tr, course), won);
          }
        }
      }
    }
    return t;
  }

  /** One race's rows, at {@code r - from}: scratch a pass reuses race after race. */
  static final class Race {
    int[] horse = new int[0];
    boolean[] isRun = new boolean[0];
    boolean[] won = new boolean[0];
    boolean[] placed = new boolean[0];
    double[] normPos = new double[0];
    double[] elo = new double[0];
    int[] rank = new int[0];
    double[] probability = new double[0];
    double[] sp = new double[64];

    /** The horse keys and facts of rows {@code from .. to - 1}. */
    void read(RunnerTable runners, int from, int to) {
      int n = to - from;
      if (n > horse.length) {
        int size = Math.max(2 * n, 32);
        horse = new int[size];
        isRun = new boolean[size];
        won = new boolean[size];
        placed = new boolean[size];
        normPos = new double[size];
        elo = new double[size];
        rank = new int[size];
        probability = new double[size];
      }
      for (int r = from; r < to; r++) {
        horse[r - from] = runners.horseKey(r);
      }
      RowFacts.facts(runners, from, to, isRun, won, placed, normPos, from);
    }

    /** The market of the rows {@link #read} last. */
    void market(RunnerTable runners, int from, int to) {
      sp = RaceMarket.ofRace(runners, from, to, rank, probability, from, sp);
    }
  }
}
