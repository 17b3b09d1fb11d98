package org.racefeatures.features;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * <p>Built on two threads the constructor starts and stops (the caller waits), in pieces that
 * start as soon as what they read is built and whose results do not depend on which thread computes
 * them. Immutable once built: workers
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
   * (every run of each of them, so their features are exactly those of a full history; the jockeys'
   * and trainers' own lists from {@link WindowCursors#LONGEST_WINDOW_DAYS} before the first target
   * race, as far back as their windows look), which spares a small selection (an update, a chunk)
   * most of the grouping. Ratings and markets are always
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
    // Only target rows ask for their history: run lists hold positions from the first one on.
    int firstTarget = targets == null ? 0 : firstOf(targets, nRaces);
    int firstTargetRow = races.firstRunner(firstTarget);

    firstRaceAtTime = new int[nRaces];
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
    // The jockeys' and trainers' run lists are read only through windows of at most
    // LONGEST_WINDOW_DAYS before a target race, so runs older than that before the first target
    // are left out of them (a chunk or an update late in the file skips most runs). Their all-time
    // course and pair records come from the pair groups, which keep every run.
    int windowFrom = firstTargetRow == 0 ? Integer.MIN_VALUE
        : raceDay[firstTarget] - WindowCursors.LONGEST_WINDOW_DAYS;
    int firstWindowRow = races.firstRunner(RunGroups.firstAtLeast(raceDay, 0, nRaces, windowFrom));

    // The pieces as a graph on two threads: each starts once what it reads is built, so both threads
    // stay busy whether the pair groups are the larger part (a full run) or the rating pass is (an
    // update). Each piece is the same computation on either thread: the result never depends on them.
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "racefeatures-prepare");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletableFuture<EntityKeys> allKeys = CompletableFuture.supplyAsync(() -> new EntityKeys(runners, nRows), pool);
      CompletableFuture<RowFacts> rowFacts = CompletableFuture.supplyAsync(
          () -> new RowFacts(races, runners, nRaces, nRows), pool);
      CompletableFuture<RaceMarket> raceMarket = CompletableFuture.supplyAsync(
          () -> new RaceMarket(races, runners, nRaces), pool);
      CompletableFuture<double[]> elo = allKeys.thenCombineAsync(rowFacts,
          (k, f) -> EloRatings.before(races, nRaces, runners, k.horse, k.horses, f.isRun), pool);
      boolean restricted = targets != null && targets.length != races.size();
      CompletableFuture<Wanted> wanted = !restricted ? CompletableFuture.completedFuture(Wanted.ALL)
          : allKeys.thenApplyAsync(k -> k.wantedIn(targets, races, courseKey), pool);
      CompletableFuture<KeysAndFacts> both = allKeys.thenCombine(rowFacts, KeysAndFacts::new);
      CompletableFuture<RunGroups> horseGroups = both.thenCombineAsync(wanted, (b, w) -> groups(b.keys().horse,
          b.keys().horses, w.horses(), b.facts(), raceDay, 0, firstTargetRow), pool);
      CompletableFuture<RunGroups> jockeyGroups = both.thenCombineAsync(wanted, (b, w) -> groups(b.keys().jockey,
          b.keys().jockeys, w.jockeys(), b.facts(), raceDay, firstWindowRow, firstTargetRow), pool);
      CompletableFuture<RunGroups> trainerGroups = both.thenCombineAsync(wanted, (b, w) -> groups(b.keys().trainer,
          b.keys().trainers, w.trainers(), b.facts(), raceDay, firstWindowRow, firstTargetRow), pool);
      // Each pair's keys in a pass of its own (a hash lookup per row): four pieces either thread takes.
      // Their groups are read for all-time counts only, never by day window: they keep no days.
      int nCourses = races.courses();
      int[] pairTargets = restricted ? targets : null;
      CompletableFuture<int[]> rowCourse = both.thenCombineAsync(wanted, (b, w) -> courseOfRow(b.facts().rowRace,
          courseKey, w.courses()), pool);
      CompletableFuture<PairKeys> jockeyCourseKeys = both.thenCombineAsync(rowCourse,
          (b, c) -> new PairKeys(b.keys().jockey, b.keys().jockeys, c, nCourses, pairTargets, races), pool);
      CompletableFuture<PairKeys> trainerCourseKeys = both.thenCombineAsync(rowCourse,
          (b, c) -> new PairKeys(b.keys().trainer, b.keys().trainers, c, nCourses, pairTargets, races), pool);
      CompletableFuture<PairKeys> jockeyTrainerKeys = both.thenApplyAsync(
          b -> new PairKeys(b.keys().jockey, b.keys().jockeys, b.keys().trainer, b.keys().trainers, pairTargets,
              races), pool);
      CompletableFuture<PairKeys> horseJockeyKeys = both.thenApplyAsync(
          b -> new PairKeys(b.keys().horse, b.keys().horses, b.keys().jockey, b.keys().jockeys, pairTargets, races),
          pool);
      CompletableFuture<RunGroups> jockeyCourseGroups = jockeyCourseKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, 0, firstTargetRow), pool);
      CompletableFuture<RunGroups> trainerCourseGroups = trainerCourseKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, 0, firstTargetRow), pool);
      CompletableFuture<RunGroups> jockeyTrainerGroups = jockeyTrainerKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, 0, firstTargetRow), pool);
      CompletableFuture<RunGroups> horseJockeyGroups = horseJockeyKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, 0, firstTargetRow), pool);
      CompletableFuture<MarketSums> jockeySums = jockeyGroups.thenCombineAsync(raceMarket,
          (g, m) -> new MarketSums(g, m.probability, rowFacts.join().won, rowFacts.join().isRun, runners::sp), pool);
      CompletableFuture<MarketSums> trainerSums = trainerGroups.thenCombineAsync(raceMarket,
          (g, m) -> new MarketSums(g, m.probability, rowFacts.join().won, rowFacts.join().isRun, runners::sp), pool);
      CompletableFuture<HorseRuns> horseRunsOf = CompletableFuture.allOf(horseGroups, raceMarket, elo).thenApplyAsync(
          v -> {
            RowFacts f = rowFacts.join();
            return new HorseRuns(horseGroups.join(), races, runners, f.rowRace, courseKey, raceDistance, raceGoing,
                f.won, f.placed, f.normPos, raceMarket.join().rank, elo.join());
          }, pool);

      RowFacts f = await(rowFacts);
      rowRace = f.rowRace;
      isRun = f.isRun;
      won = f.won;
      placed = f.placed;
      normPos = f.normPos;
      fieldSize = f.fieldSize;
      horseKey = await(allKeys).horse;
      eloBefore = await(elo);
      market = await(raceMarket);
      horses = await(horseGroups);
      jockeys = await(jockeyGroups);
      trainers = await(trainerGroups);
      horseRuns = await(horseRunsOf);
      jockeyMarket = await(jockeySums);
      trainerMarket = await(trainerSums);
      jockeyCourseKey = await(jockeyCourseKeys).key;
      trainerCourseKey = await(trainerCourseKeys).key;
      jockeyTrainerKey = await(jockeyTrainerKeys).key;
      horseJockeyKey = await(horseJockeyKeys).key;
      jockeyCourses = await(jockeyCourseGroups);
      trainerCourses = await(trainerCourseGroups);
      jockeyTrainers = await(jockeyTrainerGroups);
      horseJockeys = await(horseJockeyGroups);
    } finally {
      RacingData.stopThreads(pool); // a piece still running after another failed reads the tables
    }
  }

  private record KeysAndFacts(EntityKeys keys, RowFacts facts) {}

  /**
   * The horses, jockeys and trainers whose runs are grouped, per key (those of the target races'
   * rows), and the courses whose pairs are; null for every one.
   */
  private record Wanted(boolean[] horses, boolean[] jockeys, boolean[] trainers, boolean[] courses) {
    static final Wanted ALL = new Wanted(null, null, null, null);
  }

  /**
   * The runs of each key of {@code key} (per runner row, -1 for none) that {@code wanted} marks
   * (null for every key), from row {@code firstRow} on.
   */
  private static RunGroups groups(int[] key, int keys, boolean[] wanted, RowFacts f, int[] raceDay, int firstRow,
      int firstQueried) {
    return new RunGroups(key, keys, wanted, f.isRun, f.won, f.rowRace, raceDay, firstRow, firstQueried);
  }

  /**
   * Per runner row of the first {@code nRows}: its race, whether it is a run, a win, a place, its
   * {@code norm_pos}; per race: its field size {@code n(R)}.
   */
  private static final class RowFacts {
    final int[] rowRace;
    final boolean[] isRun;
    final boolean[] won;
    final boolean[] placed;
    final double[] normPos;
    final int[] fieldSize;

    RowFacts(RaceTable races, RunnerTable runners, int nRaces, int nRows) {
      rowRace = new int[nRows];
      isRun = new boolean[nRows];
      won = new boolean[nRows];
      placed = new boolean[nRows];
      normPos = new double[nRows];
      fieldSize = new int[nRaces];
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
          normPos[r] = isRun[r] ? normPos(runners, status, r, n) : Double.NaN;
          if (status == RunnerTable.STATUS_FINISHED) {
            int pos = runners.position(r);
            won[r] = pos == 1;
            placed[r] = pos <= 3;
          }
        }
      }
    }

    /** {@code norm_pos(r)} of a run in a race of field size {@code n}. */
    private static double normPos(RunnerTable runners, byte status, int row, int n) {
      if (status != RunnerTable.STATUS_FINISHED) {
        return 1.0;
      }
      return n > 1 ? (runners.position(row) - 1) / (double) (n - 1) : 0.0;
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

    /**
     * The horses, jockeys and trainers that appear in a row of the races {@code targets} (only
     * their runs are grouped: the rows keep every key), and those races' courses.
     */
    Wanted wantedIn(int[] targets, RaceTable races, int[] courseKey) {
      boolean[] neededCourse = new boolean[races.courses()];
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
      return new Wanted(h, j, t, neededCourse);
    }
  }

  /** Per runner row, its race's course, or -1 where that course's pairs are not needed. */
  private static int[] courseOfRow(int[] rowRace, int[] courseKey, boolean[] neededCourse) {
    int[] course = new int[rowRace.length];
    for (int r = 0; r < course.length; r++) {
      int c = courseKey[rowRace[r]];
      course[r] = neededCourse == null || neededCourse[c] ? c : -1;
    }
    return course;
  }

  /**
   * The dense keys of a pair (a, b) per runner row, numbered in row order; -1 where a side is -1, or
   * where the pair is not one a target row has (only target rows ask for their pair's runs).
   */
  private static final class PairKeys {
    final int[] key;
    final int keys;

    /**
     * @param aKeys, bKeys the number of each side's keys: a pair is {@code a * bKeys + b} before numbering
     * @param targets the target races, whose rows' pairs are kept; null to keep every pair
     */
    PairKeys(int[] a, int aKeys, int[] b, int bKeys, int[] targets, RaceTable races) {
      LongOpenHashSet wanted = null;
      if (targets != null) {
        wanted = new LongOpenHashSet();
        for (int race : targets) {
          for (int r = races.firstRunner(race); r < races.endRunner(race); r++) {
            if (a[r] >= 0 && b[r] >= 0) {
              wanted.add((long) a[r] * bKeys + b[r]);
            }
          }
        }
      }
      DenseKeys dense = new DenseKeys(0, (long) aKeys * bKeys - 1);
      key = new int[a.length];
      for (int r = 0; r < a.length; r++) {
        if (a[r] < 0 || b[r] < 0) {
          key[r] = -1;
          continue;
        }
        long pair = (long) a[r] * bKeys + b[r];
        // The small set of wanted pairs stays in cache; the numbering's table would not.
        key[r] = wanted == null || wanted.contains(pair) ? dense.key(pair) : -1;
      }
      keys = dense.size();
    }
  }

  /** The least race index of {@code targets} ({@code none} for none). */
  private static int firstOf(int[] targets, int none) {
    int first = none;
    for (int race : targets) {
      first = Math.min(first, race);
    }
    return first;
  }

  /** The greatest race index of {@code targets} (-1 for none). */
  private static int lastOf(int[] targets) {
    int last = -1;
    for (int race : targets) {
      last = Math.max(last, race);
    }
    return last;
  }

  /** The result of a piece; its failure rethrown here as it was. */
  private static <T> T await(CompletableFuture<T> piece) {
    try {
      return piece.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
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
