package org.racefeatures.features;

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
 * <p>Per-row facts are held from row {@link #base} on: for a selection of races, from the first
 * race within {@link WindowCursors#LONGEST_WINDOW_DAYS} of its first race (as far back as a
 * jockey's or trainer's window looks). The races before are summarised by {@link Prelude} in
 * running state per key (ratings, pair counts, market sums) and the selection's horses' runs, so a
 * chunk late in a large file holds little per earlier row. A chunk of a run in chunks, which
 * carries a {@link Past} from chunk to chunk, holds rows only from the first race at the time of
 * its first race: the past lists the jockeys' and trainers' runs of the days before that their
 * windows read ({@link WindowRuns}). For every race, the base is 0.
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

  /** The first runner row whose facts are held; the arrays below hold row {@code r} at {@code r - base}. */
  final int base;
  /** Per held runner row: the horse started (status neither NULL nor 'NR'). */
  private final boolean[] isRun;
  private final boolean[] won;
  private final boolean[] placed;
  /** Per held runner row: {@code norm_pos}, NaN where the row is not a run. */
  private final double[] normPos;
  /** Per held runner row: its race index. */
  private final int[] rowRace;
  /** Per held runner row: its horse's dense key (every row, whatever races are computed). */
  private final int[] horseKey;
  /** Per held runner row: the horse's rating just before its race. */
  private final double[] eloBefore;
  /** {@code sp_rank} and {@code sp_implied_prob} of every held row, in its own race. */
  private final RaceMarket market;

  final RunGroups horses;
  final RunGroups jockeys;
  final RunGroups trainers;
  final PairRecords jockeyCourses;
  final PairRecords trainerCourses;
  final PairRecords jockeyTrainers;
  final PairRecords horseJockeys;

  /** Per position of {@link #horses}: the facts of that run the horse features read. */
  final HorseRuns horseRuns;

  /** The priced runs of each jockey and trainer, for actual-over-expected and return. */
  final MarketSums jockeyMarket;
  final MarketSums trainerMarket;

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
   * most of the grouping. Ratings are always computed over every race before the last target: a
   * rating depends on every earlier race of every horse.
   */
  public History(RacingData data, int[] targets) {
    this(data, targets, null);
  }

  /**
   * The history for computing the races {@code targets}, as {@link #History(RacingData, int[])},
   * with what it reads of the races before its held rows taken from {@code past} (carried on to
   * there) instead of a {@link Prelude} of its own: for consecutive chunks of a run, in order, each
   * reading only the earlier rows the chunk before did not pass.
   *
   * @param past null for a {@link Prelude} of this history's own; else the past of the chunk
   *     before (or a new one), with {@code targets} a selection, after that chunk's targets
   */
  public History(RacingData data, int[] targets, Past past) {
    this.data = data;
    this.races = data.races();
    this.runners = data.runners();
    // Races after the last target race are nobody's history: facts, ratings and runs stop there.
    int nRaces = targets == null ? races.size() : lastOf(targets) + 1;
    int nRows = races.firstRunner(nRaces); // one past the last row of race nRaces - 1
    this.racesCovered = nRaces;
    boolean restricted = targets != null && targets.length != races.size();
    if (past != null && !restricted) {
      throw new IllegalArgumentException("a past is carried from chunk to chunk of a selection, not for every race");
    }
    // Only target rows ask for their history: run lists hold positions from the first one on.
    int firstTarget = restricted ? firstOf(targets, nRaces) : 0;
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
    // LONGEST_WINDOW_DAYS before a target race, so a selection with a Prelude holds rows from there
    // on (a chunk or an update late in the file skips most rows); what the rest of the history reads
    // of earlier races, the Prelude keeps per key. A past lists those windows' runs itself, so a
    // chunk holds rows only from the first race at its first target's time (a run before the base
    // is then at an earlier time, as historyEnd assumes).
    int baseRace = firstTargetRow == 0 ? 0
        : past != null ? firstRaceAtTime[firstTarget]
        : RunGroups.firstAtLeast(raceDay, 0, nRaces, raceDay[firstTarget] - WindowCursors.LONGEST_WINDOW_DAYS);
    base = races.firstRunner(baseRace);
    int horseCount = runners.horseIds().size();

    // The pieces as a graph on two threads: each starts once what it reads is built, so both threads
    // stay busy whether the pair groups are the larger part (a full run) or the rating pass is (a
    // selection late in the file). Each piece is the same computation on either thread: the result
    // never depends on them.
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "racefeatures-prepare");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletableFuture<EntityKeys> allKeys = CompletableFuture.supplyAsync(
          () -> new EntityKeys(runners, base, nRows), pool);
      CompletableFuture<RowFacts> rowFacts = CompletableFuture.supplyAsync(
          () -> new RowFacts(races, runners, baseRace, nRaces), pool);
      CompletableFuture<RaceMarket> raceMarket = CompletableFuture.supplyAsync(
          () -> new RaceMarket(races, runners, baseRace, nRaces), pool);
      CompletableFuture<EntityKeys.Wanted> wanted = !restricted
          ? CompletableFuture.completedFuture(EntityKeys.Wanted.ALL)
          : allKeys.thenApplyAsync(k -> k.wantedIn(targets, races, courseKey), pool);
      CompletableFuture<Void> pastHorses = past == null ? null
          : CompletableFuture.runAsync(() -> past.advanceHorses(baseRace), pool);
      CompletableFuture<Void> pastKeys = past == null ? null
          : CompletableFuture.runAsync(() -> past.advanceKeys(baseRace), pool);
      CompletableFuture<Prelude.Horses> earlyHorses = past == null
          ? wanted.thenApplyAsync(w -> Prelude.horses(races, runners, baseRace, horseCount, w.horses()), pool)
          : wanted.thenCombineAsync(pastHorses, (w, v) -> past.horses(w.horses()), pool);
      CompletableFuture<KeysAndFacts> both = allKeys.thenCombine(rowFacts, KeysAndFacts::new);
      CompletableFuture<double[]> elo = both.thenCombineAsync(earlyHorses, (b, p) -> {
        double[] before = new double[nRows - base];
        p.ratings().rate(races, runners, baseRace, nRaces, b.keys().horse, b.facts().isRun, before, base);
        return before;
      }, pool);
      CompletableFuture<RunGroups> horseGroups = CompletableFuture.allOf(both, wanted, earlyHorses).thenApplyAsync(
          v -> groups(both.join().keys().horse, both.join().keys().horses, wanted.join().horses(), rowFacts.join(),
              raceDay, firstTargetRow, earlyHorses.join().runs()), pool);
      CompletableFuture<Past.Windows> windows = past == null ? CompletableFuture.completedFuture(Past.Windows.NONE)
          : wanted.thenCombineAsync(pastKeys, (w, v) -> past.windows(w.jockeys(), w.trainers()), pool);
      CompletableFuture<RunGroups> jockeyGroups = CompletableFuture.allOf(both, wanted, windows).thenApplyAsync(
          v -> groups(both.join().keys().jockey, both.join().keys().jockeys, wanted.join().jockeys(),
              rowFacts.join(), raceDay, firstTargetRow, windows.join().jockeys()), pool);
      CompletableFuture<RunGroups> trainerGroups = CompletableFuture.allOf(both, wanted, windows).thenApplyAsync(
          v -> groups(both.join().keys().trainer, both.join().keys().trainers, wanted.join().trainers(),
              rowFacts.join(), raceDay, firstTargetRow, windows.join().trainers()), pool);
      // Each pair's keys in a pass of its own (a hash lookup per row): four pieces either thread takes.
      // Their groups are read for all-time counts only, never by day window: they keep no days.
      int nCourses = races.courses();
      int[] pairTargets = restricted ? targets : null;
      CompletableFuture<int[]> rowCourse = both.thenCombineAsync(wanted, (b, w) -> courseOfRow(b.facts().rowRace,
          courseKey, w.courses()), pool);
      CompletableFuture<PairKeys> jockeyCourseKeys = both.thenCombineAsync(rowCourse,
          (b, c) -> pairs(b.keys().jockey, b.keys().jockeys, c, nCourses, pairTargets), pool);
      CompletableFuture<PairKeys> trainerCourseKeys = both.thenCombineAsync(rowCourse,
          (b, c) -> pairs(b.keys().trainer, b.keys().trainers, c, nCourses, pairTargets), pool);
      CompletableFuture<PairKeys> jockeyTrainerKeys = both.thenApplyAsync(b -> pairs(b.keys().jockey,
          b.keys().jockeys, b.keys().trainer, b.keys().trainers, pairTargets), pool);
      CompletableFuture<PairKeys> horseJockeyKeys = both.thenApplyAsync(b -> pairs(b.keys().horse,
          b.keys().horses, b.keys().jockey, b.keys().jockeys, pairTargets), pool);
      CompletableFuture<Void> pairKeys = CompletableFuture.allOf(wanted, jockeyCourseKeys, trainerCourseKeys,
          jockeyTrainerKeys, horseJockeyKeys);
      CompletableFuture<Prelude.Totals> totals = baseRace == 0 ? CompletableFuture.completedFuture(Prelude.Totals.NONE)
          : past == null ? pairKeys.thenApplyAsync(v -> Prelude.totals(races, runners, baseRace, courseKey,
              wanted.join(), jockeyCourseKeys.join(), trainerCourseKeys.join(), jockeyTrainerKeys.join(),
              horseJockeyKeys.join()), pool)
          : CompletableFuture.allOf(pairKeys, pastKeys, earlyHorses).thenApplyAsync(v -> past.totals(
              jockeyCourseKeys.join(), trainerCourseKeys.join(), jockeyTrainerKeys.join(), horseJockeyKeys.join(),
              earlyHorses.join().runs()), pool);
      CompletableFuture<RunGroups> jockeyCourseGroups = jockeyCourseKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, firstTargetRow, null), pool);
      CompletableFuture<RunGroups> trainerCourseGroups = trainerCourseKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, firstTargetRow, null), pool);
      CompletableFuture<RunGroups> jockeyTrainerGroups = jockeyTrainerKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, firstTargetRow, null), pool);
      CompletableFuture<RunGroups> horseJockeyGroups = horseJockeyKeys.thenApplyAsync(
          p -> groups(p.key, p.keys, null, rowFacts.join(), null, firstTargetRow, null), pool);
      CompletableFuture<MarketSums> jockeySums = jockeyGroups.thenCombine(raceMarket, Priced::new).thenCombineAsync(
          totals, (g, t) -> g.sums(rowFacts.join(), runners, t.jockeySums(), windows.join().jockeys()), pool);
      CompletableFuture<MarketSums> trainerSums = trainerGroups.thenCombine(raceMarket, Priced::new).thenCombineAsync(
          totals, (g, t) -> g.sums(rowFacts.join(), runners, t.trainerSums(), windows.join().trainers()), pool);
      CompletableFuture<HorseRuns> horseRunsOf = CompletableFuture.allOf(horseGroups, raceMarket, elo, earlyHorses)
          .thenApplyAsync(v -> {
            RowFacts f = rowFacts.join();
            return new HorseRuns(horseGroups.join(), races, runners, f.rowRace, courseKey, raceDistance, raceGoing,
                f.won, f.placed, f.normPos, raceMarket.join().rank, elo.join(), earlyHorses.join().runs());
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
      Prelude.Totals t = await(totals);
      jockeyCourses = new PairRecords(await(jockeyCourseGroups), t.jockeyCourse());
      trainerCourses = new PairRecords(await(trainerCourseGroups), t.trainerCourse());
      jockeyTrainers = new PairRecords(await(jockeyTrainerGroups), t.jockeyTrainer());
      horseJockeys = new PairRecords(await(horseJockeyGroups), t.horseJockey());
    } finally {
      RacingData.stopThreads(pool); // a piece still running after another failed reads the tables
    }
  }

  private record KeysAndFacts(EntityKeys keys, RowFacts facts) {}

  /** A jockey's or trainer's run groups and the market of the held rows: what its {@link MarketSums} sum. */
  private record Priced(RunGroups groups, RaceMarket market) {
    MarketSums sums(RowFacts f, RunnerTable runners, double[] earlier, WindowRuns early) {
      return new MarketSums(groups, market.probability, f.won, f.isRun, runners::sp, earlier, early);
    }
  }

  /**
   * The runs of each key of {@code key} (per held row, -1 for none) that {@code wanted} marks
   * (null for every key), with the runs {@code early} lists before the held rows.
   */
  private RunGroups groups(int[] key, int keys, boolean[] wanted, RowFacts f, int[] raceDay, int firstQueried,
      ListedRuns early) {
    return new RunGroups(key, keys, wanted, f.isRun, f.won, f.rowRace, raceDay, base, firstQueried, early);
  }

  /** The pair keys of the held rows: every pair, or those of the target races' rows. */
  private PairKeys pairs(int[] a, int aKeys, int[] b, int bKeys, int[] targets) {
    return targets == null ? new PairKeys(a, aKeys, b, bKeys) : new PairKeys(a, b, bKeys, targets, races, base);
  }

  /** Per held runner row, its race's course, or -1 where that course's pairs are not needed. */
  private static int[] courseOfRow(int[] rowRace, int[] courseKey, boolean[] neededCourse) {
    int[] course = new int[rowRace.length];
    for (int r = 0; r < course.length; r++) {
      int c = courseKey[rowRace[r]];
      course[r] = neededCourse == null || neededCourse[c] ? c : -1;
    }
    return course;
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

  /** Whether a held runner row is a run (status neither NULL nor 'NR'). */
  boolean isRun(int row) {
    return isRun[row - base];
  }

  boolean won(int row) {
    return won[row - base];
  }

  boolean placed(int row) {
    return placed[row - base];
  }

  /** {@code norm_pos} of a held runner row, NaN where it is not a run. */
  double normPos(int row) {
    return normPos[row - base];
  }

  /** The horse key of a held runner row. */
  int horseKey(int row) {
    return horseKey[row - base];
  }

  /** The horse's rating just before the race of a held runner row; NaN for a non-runner. */
  double eloBefore(int row) {
    return eloBefore[row - base];
  }

  /** {@code sp_rank} of a held runner row, 0 where NULL. */
  int spRank(int row) {
    return market.rank[row - base];
  }

  /** {@code sp_implied_prob} of a held runner row, NaN where NULL. */
  double spProbability(int row) {
    return market.probability[row - base];
  }

  /** The race of any runner row the history covers, held or before the held rows (a horse's earlier run). */
  int raceOf(int row) {
    return row >= base ? rowRace[row - base] : races.raceOf(row);
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
