package org.racefeatures.features;

import java.util.List;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/**
 * Computes the catalogue for a batch of races. Reads only the shared {@link History}; returns a
 * fresh {@link FeatureRows} per call, so workers never share mutable output.
 */
public final class FeatureEngine {
  private final History history;
  private final List<FeatureFamily> families = FeatureCatalogue.families();
  private final int[] firstColumn;

  public FeatureEngine(History history) {
    this.history = history;
    firstColumn = new int[families.size()];
    int c = 0;
    for (int i = 0; i < families.size(); i++) {
      firstColumn[i] = c;
      c += families.get(i).features().size();
    }
  }

  public History history() {
    return history;
  }

  /** The rows of the given races (race indexes), their target rows in race then runner_id order. */
  public FeatureRows compute(int[] races, int from, int to) {
    int size = 0;
    for (int i = from; i < to; i++) {
      size += history.targetCount(races[i]);
    }
    FeatureRows out = new FeatureRows(FeatureCatalogue.columns(), size, history.races.raceIds(),
        history.runners.horseIds());
    int row = 0;
    WindowCursors cursors = new WindowCursors(history);
    for (int i = from; i < to; i++) {
      RaceSlice slice = slice(races[i], row, out, cursors);
      for (int f = 0; f < families.size(); f++) {
        families.get(f).compute(history, slice, out, firstColumn[f]);
      }
      row += slice.rows().length;
    }
    return out;
  }

  /** The race's target rows, with their keys written to {@code out}. */
  private RaceSlice slice(int race, int firstOut, FeatureRows out, WindowCursors cursors) {
    RaceTable races = history.races;
    RunnerTable runners = history.runners;
    int[] rows = new int[history.targetCount(race)];
    int n = 0;
    String date = history.data.raceDate(race);
    for (int r = races.firstRunner(race); r < races.endRunner(race); r++) {
      if (runners.status(r) != RunnerTable.STATUS_NON_RUNNER) {
        int o = firstOut + n;
        out.runnerId[o] = runners.runnerId(r);
        out.race[o] = race;
        out.horse[o] = runners.horseKey(r);
        out.raceDate[o] = date;
        rows[n++] = r;
      }
    }
    return new RaceSlice(race, rows, firstOut, cursors);
  }
}
