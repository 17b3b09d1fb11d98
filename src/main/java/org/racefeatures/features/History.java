package org.racefeatures.features;

import org.racefeatures.load.RaceTable;
import org.racefeatures.load.RacingData;
import org.racefeatures.load.RunnerTable;

/**
 * Everything the feature families read, prepared once before the parallel stage: the loaded
 * columns, per-row facts of {@code features.md}'s Terms (run, won, placed, norm_pos, field size),
 * the runs of every horse, jockey, trainer and pair in race-time order, and the {@code h_elo}
 * ratings from one chronological pass.
 *
 * <p>Immutable once built: workers share it without locks.
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
   * scans. (A history run's NULL going is -1 in {@link #horseRunGoing}, so a NULL never matches.)
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

  final int[] horseKey;
  final int[] jockeyKey;
  final int[] trainerKey;
  final int[] jockeyCourseKey;
  final int[] jockeyTrainerKey;
  final int[] horseJockeyKey;

  final RunGroups horses;
  final RunGroups jockeys;
  final RunGroups trainers;
  final RunGroups jockeyCourses;
  final RunGroups jockeyTrainers;
  final RunGroups horseJockeys;

  /**
   * Per position of {@link #horses}: the facts of that run the horse-history scan reads (its race's
   * course key, distance and going code, whether it was won or placed, its norm_pos), in position
   * order, so the scan reads memory in sequence instead of jumping to each run's row and race.
   */
  final int[] horseRunCourse;
  final int[] horseRunDistance;
  final int[] horseRunGoing;
  final boolean[] horseRunWon;
  final boolean[] horseRunPlaced;
  final double[] horseRunNormPos;

  /** Per runner row: the horse's rating just before its race. */
  final double[] eloBefore;

  public History(RacingData data) {
    this.data = data;
    this.races = data.races();
    this.runners = data.runners();
    int nRaces = races.size();
    int nRows = runners.size();

    firstRaceAtTime = new int[nRaces];
    fieldSize = new int[nRaces];
    courseKey = new int[nRaces];
    raceDistance = new int[nRaces];
    raceGoing = new int[nRaces];
    int[] raceDay = new int[nRaces];
    DenseKeys courseIds = DenseKeys.spanning(nRaces, races::courseId, null);
    for (int i = 0; i < nRaces; i++) {
      raceDay[i] = races.day(i);
      boolean sameTime = i > 0 && races.day(i) == races.day(i - 1) && races.minute(i) == races.minute(i - 1);
      firstRaceAtTime[i] = sameTime ? firstRaceAtTime[i - 1] : i;
      courseKey[i] = courseIds.key(races.courseId(i));
      raceDistance[i] = races.distance(i);
      raceGoing[i] = races.goingIsNull(i) ? -2 : races.going(i);
    }

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

    DenseKeys horseIds = DenseKeys.spanning(nRows, runners::horseId, null);
    DenseKeys jockeyIds = DenseKeys.spanning(nRows, runners::jockeyId, runners::jockeyIsNull);
    DenseKeys trainerIds = DenseKeys.spanning(nRows, runners::trainerId, runners::trainerIsNull);
    horseKey = new int[nRows];
    jockeyKey = new int[nRows];
    trainerKey = new int[nRows];
    for (int r = 0; r < nRows; r++) {
      horseKey[r] = horseIds.key(runners.horseId(r));
      jockeyKey[r] = runners.jockeyIsNull(r) ? -1 : jockeyIds.key(runners.jockeyId(r));
      trainerKey[r] = runners.trainerIsNull(r) ? -1 : trainerIds.key(runners.trainerId(r));
    }
    // Pairs as a * (number of b keys) + b, once the single keys are all known.
    int nHorses = horseIds.size();
    int nJockeys = jockeyIds.size();
    int nTrainers = trainerIds.size();
    int nCourses = courseIds.size();
    DenseKeys jockeyCourse = new DenseKeys(0, (long) nJockeys * nCourses - 1);
    DenseKeys jockeyTrainer = new DenseKeys(0, (long) nJockeys * nTrainers - 1);
    DenseKeys horseJockey = new DenseKeys(0, (long) nHorses * nJockeys - 1);
    jockeyCourseKey = new int[nRows];
    jockeyTrainerKey = new int[nRows];
    horseJockeyKey = new int[nRows];
    for (int r = 0; r < nRows; r++) {
      int h = horseKey[r];
      int j = jockeyKey[r];
      int t = trainerKey[r];
      jockeyCourseKey[r] = j < 0 ? -1 : jockeyCourse.key((long) j * nCourses + courseKey[rowRace[r]]);
      jockeyTrainerKey[r] = j < 0 || t < 0 ? -1 : jockeyTrainer.key((long) j * nTrainers + t);
      horseJockeyKey[r] = j < 0 ? -1 : horseJockey.key((long) h * nJockeys + j);
    }
    horses = new RunGroups(horseKey, nHorses, isRun, won, rowRace, raceDay);
    jockeys = new RunGroups(jockeyKey, nJockeys, isRun, won, rowRace, raceDay);
    trainers = new RunGroups(trainerKey, nTrainers, isRun, won, rowRace, raceDay);
    jockeyCourses = new RunGroups(jockeyCourseKey, jockeyCourse.size(), isRun, won, rowRace, raceDay);
    jockeyTrainers = new RunGroups(jockeyTrainerKey, jockeyTrainer.size(), isRun, won, rowRace, raceDay);
    horseJockeys = new RunGroups(horseJockeyKey, horseJockey.size(), isRun, won, rowRace, raceDay);
    int horseRuns = horses.size();
    horseRunCourse = new int[horseRuns];
    horseRunDistance = new int[horseRuns];
    horseRunGoing = new int[horseRuns];
    horseRunWon = new boolean[horseRuns];
    horseRunPlaced = new boolean[horseRuns];
    horseRunNormPos = new double[horseRuns];
    for (int k = 0; k < horseRuns; k++) {
      int r = horses.row(k);
      int race = rowRace[r];
      horseRunCourse[k] = courseKey[race];
      horseRunDistance[k] = raceDistance[race];
      horseRunGoing[k] = Math.max(raceGoing[race], -1); // NULL: -1, never R's going (a code or -2)
      horseRunWon[k] = won[r];
      horseRunPlaced[k] = placed[r];
      horseRunNormPos[k] = normPos[r];
    }
    eloBefore = EloRatings.before(races, runners, horseKey, nHorses, isRun);
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

  /** Number of target rows of a race (runner rows whose status is not 'NR'). */
  public int targetCount(int race) {
    return fieldSize[race];
  }
}
