package org.racefeatures.features;

import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * The Terms of {@code docs/features.md} per runner row (its race, whether it is a run, a win, a
 * place, its {@code norm_pos}) for the rows a {@link History} holds, {@code base} on, at {@code r -
 * base}; and per race its field size {@code n(R)}, for every race up to the last one covered.
 */
final class RowFacts {
  /** The first row held; a race boundary. */
  final int base;
  final int[] rowRace;
  final boolean[] isRun;
  final boolean[] won;
  final boolean[] placed;
  /** NaN where the row is not a run. */
  final double[] normPos;
  final int[] fieldSize;

  /**
   * The facts of the rows of races {@code baseRace .. nRaces - 1}, and the field sizes of races
   * {@code 0 .. nRaces - 1}.
   */
  RowFacts(RaceTable races, RunnerTable runners, int baseRace, int nRaces) {
    base = races.firstRunner(baseRace);
    int rows = races.firstRunner(nRaces) - base;
    rowRace = new int[rows];
    isRun = new boolean[rows];
    won = new boolean[rows];
    placed = new boolean[rows];
    normPos = new double[rows];
    fieldSize = new int[nRaces];
    for (int race = 0; race < baseRace; race++) {
      fieldSize[race] = fieldSize(runners, races.firstRunner(race), races.endRunner(race));
    }
    for (int race = baseRace; race < nRaces; race++) {
      int from = races.firstRunner(race);
      int to = races.endRunner(race);
      java.util.Arrays.fill(rowRace, from - base, to - base, race);
      fieldSize[race] = facts(runners, from, to, isRun, won, placed, normPos, base);
    }
  }

  /** {@code n(R)} of the race of rows {@code from .. to - 1}: its rows whose status is not 'NR'. */
  static int fieldSize(RunnerTable runners, int from, int to) {
    int n = 0;
    for (int r = from; r < to; r++) {
      if (runners.status(r) != RunnerTable.STATUS_NON_RUNNER) {
        n++;
      }
    }
    return n;
  }

  /**
   * Writes the facts of the race of rows {@code from .. to - 1}, each row {@code r} at {@code r -
   * offset} (every slot of the race, so scratch arrays may be reused); returns its field size.
   */
  static int facts(RunnerTable runners, int from, int to, boolean[] isRun, boolean[] won, boolean[] placed,
      double[] normPos, int offset) {
    int n = fieldSize(runners, from, to);
    for (int r = from; r < to; r++) {
      int i = r - offset;
      byte status = runners.status(r);
      isRun[i] = status == RunnerTable.STATUS_FINISHED || status == RunnerTable.STATUS_DID_NOT_FINISH;
      normPos[i] = isRun[i] ? normPos(runners, status, r, n) : Double.NaN;
      boolean finished = status == RunnerTable.STATUS_FINISHED;
      won[i] = finished && runners.position(r) == 1;
      placed[i] = finished && runners.position(r) <= 3;
    }
    return n;
  }

  /** {@code norm_pos(r)} of a run in a race of field size {@code n}. */
  private static double normPos(RunnerTable runners, byte status, int row, int n) {
    if (status != RunnerTable.STATUS_FINISHED) {
      return 1.0;
    }
    return n > 1 ? (runners.position(row) - 1) / (double) (n - 1) : 0.0;
  }
}
