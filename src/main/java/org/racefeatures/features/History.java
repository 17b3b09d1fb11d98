package org.racefeatures.features;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;

/**
 * Everything the feature families read, prepared once before the parallel stage: the loaded
 * columns, per-row facts of {@code docs/features.md}'s Terms (run, won, placed, norm_pos, field size),
 * the runs of every horse, jockey, trainer and pair in race-time order (only of those in the races
 * to compute, when not every race is computed), the {@code h_elo}
 * ratings from one chronological pass, each race's market ({@code sp_rank}, {@code sp_implied_prob})
 * and the jockeys' and trainers' sums over their priced runs.
 *
 * <p>Built on two threads (the caller's and one helper the constructor starts and stops), in
 * pieces whose results do not depend on which thread computes them. Immutable once built: workers
 * share it without locks.
 */
public final class History {
  final RacingData data;
  final RaceTable races;
  final RunnerTable runners;

  /** Per race: the index of the first race at the same race time (same date and off time). */
  final int[] firstRaceAtTime;
  /** Per race: {@code n(R)}, the runner rows whose status is not 'NR'. */
  final int[] fieldSize;
  /** Per race: the course as a dense key. */
  final int[] courseKey;
  /**
   * Per race: {@code distance_m}, and the going code or -2 where NULL; plain arrays for the history
   * scans. (A history run's NULL going is -1 in {@link HorseRuns#going}, so a NULL never matches.)
   */
  final int[] raceDistance;
  final int[] raceGoing;

  /** Per runner row: the horse started (status neither NULL nor 'NR'). */
  final boolean[] isRun;
  final boolean[] won;
  final boolean[] placed;
  /** Per runner row: {@code norm_pos}, NaN where the row is not a run. */
  final double[] normPos;
  /** Per runner row: its race index. */
  final int[] rowRace;

  /** Per runner row: its horse's dense key (every row, whatever races are computed). */
  final int[] horseKey;
  /** Per runner row: the pairs' keys, -1 where a side is NULL or not in the races computed. */
  final int[] jockeyCourseKey;
  final int[] trainerCourseKey;
  final int[] jockeyTrainerKey;
  final int[] horseJockeyKey;

  final RunGroups horses;
  final RunGroups jockeys;
  final RunGroups trainers;
  final RunGroups jockeyCourses;
  final RunGroups trainerCourses;
  final RunGroups jockeyTrainers;
  final RunGroups horseJockeys;

  /** Per position of {@link #horses}: the facts of that run the horse features read. */
  final HorseRuns horseRuns;

  /** {@code sp_rank} and {@code sp_implied_prob} of every target row, in its own race. */
  final RaceMarket market;
  /** The priced runs of each jockey and trainer, for actual-over-expected and return. */
  final MarketSums jockeyMarket;
  final MarketSums trainerMarket;

  /** Per runner row: the horse's rating just before its race. */
  final double[] eloBefore;

  /** The races this history covers: {@code 0 .. racesCovered - 1}, the last target race and all before it. */
  private final int racesCovered;

  /** The history of every race, for computing any of them. */
  public History(RacingData data) {
    this(data, null);
  }

  /**
   * The history for computing the races {@code targets} (race indices; null for every race). Runs
   * are grouped only for the horses, jockeys, trainers and courses that appear in those races' rows
   * (every run of each of them, so their features are exactly those of a full history), which spares
   * a small selection (an update, a chunk) most of the grouping. Ratings and markets are always
   * computed over every race: a rating depends on every earlier race of every horse.
   */
  public History(RacingData data, int[] targets) {
    this.data = data;
    this.races = data.races();
    this.runners = data.runners();
    // Races after the last target race are nobody's history: facts, ratings and runs stop there.
    int nRaces = targets == null ? races.size() : lastOf(targets) + 1;
    int nRows = races.firstRunner(nRaces); // one past the last row of race nRaces - 1
    this.racesCovered = nRaces;

    firstRaceAtTime = new int[nRaces];
    fieldSize = new int[nRaces];
    courseKey = new int[nRaces];
    raceDistance = new int[nRaces];
    raceGoing = new int[nRaces];
    int[] raceDay = new int[nRaces];
    for (int i = 0; i < nRaces; i++) {
      raceDay[i] = races.day(i);
      boolean sameTime = i > 0 && races.day(i) == races.day(i - 1) && races.minute(i) == races.minute(i - 1);
      firstRaceAtTime[i] = sameTime ? firstRaceAtTime[i - 1] : i;
      courseKey[i] = races.courseKey(i);
      raceDistance[i] = races.distance(i);
      raceGoing[i] = races.going().isNull(i) ? -2 : races.going().code(i);
    }

    // Two threads, in two steps. First the per-row facts here and the entity keys on the other
    // thread (each reads only the loaded columns); then the pair keys and their run lists there
    // while the single keys' run lists and the ratings are built here. Each piece is the same
    // computation whichever thread runs it, so the result never depends on the threads.
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "racefeatures-prepare");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<EntityKeys> entityKeys = helper.submit(() -> new EntityKeys(runners, nRows));
      Future<RaceMarket> raceMarket = helper.submit(() -> new RaceMarket(races, runners, nRaces));

      rowRace = new int[nRows];
      isRun = new boolean[nRows];
      won = new boolean[nRows];
      placed = new boolean[nRows];
      normPos = new double[nRows];
      for (int race = 0; race < nRaces; race++) {
        int n = 0;
        for (int r = races.firstRunner(race); r < races.endRunner(race); r++) {
          rowRace[r] = race;
          if (runners.status(r) != RunnerTable.STATUS_NON_RUNNER) {
            n++;
          }
        }
        fieldSize[race] = n;
        for (int r = races.firstRunner(race); r < races.endRunner(race); r++) {
          byte status = runners.status(r);
          isRun[r] = status == RunnerTable.STATUS_FINISHED || status == RunnerTable.STATUS_DID_NOT_FINISH;
          normPos[r] = isRun[r] ? normPos(status, r, n) : Double.NaN;
          if (status == RunnerTable.STATUS_FINISHED) {
            int pos = runners.position(r);
            won[r] = pos == 1;
            placed[r] = pos <= 3;
          }
        }
      }

      EntityKeys all = await(entityKeys);
      horseKey = all.horse;
      boolean[] neededCourse = targets == null || targets.length == races.size() ? null : new boolean[races.courses()];
      EntityKeys keys = neededCourse == null ? all : all.restrictedTo(targets, races, courseKey, neededCourse);
      int nHorses = keys.horses;
      int nJockeys = keys.jockeys;
      int nTrainers = keys.trainers;
      int nCourses = races.courses();
      Future<PairGroups> pairGroups = helper.submit(() -> new PairGroups(keys, courseKey, neededCourse, nCourses,
          isRun, won, rowRace, raceDay));

      horses = new RunGroups(keys.horse, nHorses, isRun, won, rowRace, raceDay);
      jockeys = new RunGroups(keys.jockey, nJockeys, isRun, won, rowRace, raceDay);
      trainers = new RunGroups(keys.trainer, nTrainers, isRun, won, rowRace, raceDay);
      Future<MarketSums[]> marketSums = helper.submit(() -> {
        RaceMarket m = raceMarket.get(); // done: it was queued before the pairs
        return new MarketSums[] {new MarketSums(jockeys, m.probability, won, runners::sp),
            new MarketSums(trainers, m.probability, won, runners::sp)};
      });
      eloBefore = EloRatings.before(races, nRaces, runners, all.horse, nHorses, isRun);
      market = await(raceMarket);
      horseRuns = new HorseRuns(horses, races, runners, rowRace, courseKey, raceDistance, raceGoing, won, placed,
          normPos, market.rank, eloBefore);
      MarketSums[] sums = await(marketSums);
      jockeyMarket = sums[0];
      trainerMarket = sums[1];

      PairGroups pairs = await(pairGroups);
      jockeyCourseKey = pairs.jockeyCourseKey;
      jockeyTrainerKey = pairs.jockeyTrainerKey;
      horseJockeyKey = pairs.horseJockeyKey;
      trainerCourseKey = pairs.trainerCourseKey;
      jockeyCourses = pairs.jockeyCourses;
      trainerCourses = pairs.trainerCourses;
      jockeyTrainers = pairs.jockeyTrainers;
      horseJockeys = pairs.horseJockeys;
    } finally {
      helper.shutdownNow();
    }
  }

  /** Per runner row, the dense key of its horse, jockey and trainer (-1 for a NULL id). */
  private static final class EntityKeys {
    final int[] horse;
    final int[] jockey;
    final int[] trainer;
    final int horses;
    final int jockeys;
    final int trainers;

    /** The keys of the first {@code nRows} runner rows. */
    EntityKeys(RunnerTable runners, int nRows) {
      horse = new int[nRows];
      jockey = new int[nRows];
      trainer = new int[nRows];
      for (int r = 0; r < nRows; r++) {
        horse[r] = runners.horseKey(r);
        jockey[r] = runners.jockeyIsNull(r) ? -1 : runners.jockeyKey(r);
        trainer[r] = runners.trainerIsNull(r) ? -1 : runners.trainerKey(r);
      }
      horses = runners.horseIds().size();
      jockeys = runners.jockeys();
      trainers = runners.trainers();
    }

    private EntityKeys(int[] horse, int[] jockey, int[] trainer, int horses, int jockeys, int trainers) {
      this.horse = horse;
      this.jockey = jockey;
      this.trainer = trainer;
      this.horses = horses;
      this.jockeys = jockeys;
      this.trainers = trainers;
    }

    /**
     * These keys where the horse, jockey or trainer appears in a row of the races {@code targets},
     * -1 elsewhere (the key space is kept); marks those races' courses in {@code neededCourse}.
     */
    EntityKeys restrictedTo(int[] targets, RaceTable races, int[] courseKey, boolean[] neededCourse) {
      boolean[] h = new boolean[horses];
      boolean[] j = new boolean[jockeys];
      boolean[] t = new boolean[trainers];
      for (int race : targets) {
        neededCourse[courseKey[race]] = true;
        for (int r = races.firstRunner(race); r < races.endRunner(race); r++) {
          h[horse[r]] = true;
          if (jockey[r] >= 0) {
            j[jockey[r]] = true;
          }
          if (trainer[r] >= 0) {
            t[trainer[r]] = true;
          }
        }
      }
      int n = horse.length;
      int[] hk = new int[n];
      int[] jk = new int[n];
      int[] tk = new int[n];
      for (int r = 0; r < n; r++) {
        hk[r] = h[horse[r]] ? horse[r] : -1;
        jk[r] = jockey[r] >= 0 && j[jockey[r]] ? jockey[r] : -1;
        tk[r] = trainer[r] >= 0 && t[trainer[r]] ? trainer[r] : -1;
      }
      return new EntityKeys(hk, jk, tk, horses, jockeys, trainers);
    }
  }

  /** The pairs' keys per runner row (-1 where a side is NULL) and their run lists. */
  private static final class PairGroups {
    final int[] jockeyCourseKey;
    final int[] trainerCourseKey;
    final int[] jockeyTrainerKey;
    final int[] horseJockeyKey;
    final RunGroups jockeyCourses;
    final RunGroups trainerCourses;
    final RunGroups jockeyTrainers;
    final RunGroups horseJockeys;

    /** @param neededCourse the courses whose pairs are grouped, or null for all */
    PairGroups(EntityKeys keys, int[] courseKey, boolean[] neededCourse, int nCourses, boolean[] isRun,
        boolean[] won, int[] rowRace, int[] raceDay) {
      // A pair as a * (number of b keys) + b.
      int nRows = keys.horse.length;
      DenseKeys jockeyCourse = new DenseKeys(0, (long) keys.jockeys * nCourses - 1);
      DenseKeys trainerCourse = new DenseKeys(0, (long) keys.trainers * nCourses - 1);
      DenseKeys jockeyTrainer = new DenseKeys(0, (long) keys.jockeys * keys.trainers - 1);
      DenseKeys horseJockey = new DenseKeys(0, (long) keys.horses * keys.jockeys - 1);
      jockeyCourseKey = new int[nRows];
      trainerCourseKey = new int[nRows];
      jockeyTrainerKey = new int[nRows];
      horseJockeyKey = new int[nRows];
      for (int r = 0; r < nRows; r++) {
        int h = keys.horse[r];
        int j = keys.jockey[r];
        int t = keys.trainer[r];
        int course = courseKey[rowRace[r]];
        boolean courseNeeded = neededCourse == null || neededCourse[course];
        jockeyCourseKey[r] = j < 0 || !courseNeeded ? -1 : jockeyCourse.key((long) j * nCourses + course);
        trainerCourseKey[r] = t < 0 || !courseNeeded ? -1 : trainerCourse.key((long) t * nCourses + course);
        jockeyTrainerKey[r] = j < 0 || t < 0 ? -1 : jockeyTrainer.key((long) j * keys.trainers + t);
        horseJockeyKey[r] = h < 0 || j < 0 ? -1 : horseJockey.key((long) h * keys.jockeys + j);
      }
      jockeyCourses = new RunGroups(jockeyCourseKey, jockeyCourse.size(), isRun, won, rowRace, raceDay);
      trainerCourses = new RunGroups(trainerCourseKey, trainerCourse.size(), isRun, won, rowRace, raceDay);
      jockeyTrainers = new RunGroups(jockeyTrainerKey, jockeyTrainer.size(), isRun, won, rowRace, raceDay);
      horseJockeys = new RunGroups(horseJockeyKey, horseJockey.size(), isRun, won, rowRace, raceDay);
    }
  }

  /** The greatest race index of {@code targets} (-1 for none). */
  private static int lastOf(int[] targets) {
    int last = -1;
    for (int race : targets) {
      last = Math.max(last, race);
    }
    return last;
  }

  /** The result of a piece run on the helper thread; its failure rethrown here as it was. */
  private static <T> T await(Future<T> piece) {
    try {
      return piece.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing the history", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** {@code norm_pos(r)} of a run in a race of field size {@code n}. */
  private double normPos(byte status, int row, int n) {
    if (status != RunnerTable.STATUS_FINISHED) {
      return 1.0;
    }
    return n > 1 ? (runners.position(row) - 1) / (double) (n - 1) : 0.0;
  }

  public RacingData data() {
    return data;
  }

  /**
   * Number of target rows of a race (runner rows whose status is not 'NR'); the race must be one the
   * history covers (a target race, or any before the last).
   */
  public int targetCount(int race) {
    if (race >= racesCovered) {
      throw new IllegalArgumentException("race " + race + " is after the last race this history was built for");
    }
    return fieldSize[race];
  }
}
