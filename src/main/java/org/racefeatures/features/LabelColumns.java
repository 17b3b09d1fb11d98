package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;
import org.racefeatures.model.RunnerTable;

/**
 * The labels: the outcome of the target row itself, NULL on a racecard. Written after the features
 * and never read by any of them.
 */
final class LabelColumns implements FeatureFamily {
  private static final String SECTION = "Labels";
  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "won", "1 or 0: status = 'FIN' and finish_position = 1 (dead heats: every horse placed 1st won)").nulls("NULL on a racecard (the race not run yet)"),
        integer(SECTION, "placed", "1 or 0: status = 'FIN' and finish_position <= 3").nulls("NULL on a racecard"),
        integer(SECTION, "finish_position", "runners.finish_position (NULL if not finished)").nulls("NULL unless the horse finished (and on a racecard)"),
        real(SECTION, "norm_pos", "(finish_position - 1) / (n - 1) if finished (0 when n = 1), 1 if ran and did not finish").nulls("NULL on a racecard"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    RunnerTable run = h.runners;
    int[] rows = slice.rows();
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      if (!h.isRun(r)) { // a racecard: not run yet
        for (int k = 0; k < 4; k++) {
          out.setNull(c + k, o);
        }
        continue;
      }
      out.setInt(c, o, h.won(r) ? 1 : 0);
      out.setInt(c + 1, o, h.placed(r) ? 1 : 0);
      out.setInt(c + 2, o, run.positionIsNull(r) ? FeatureRows.NULL_INT : run.position(r));
      out.setReal(c + 3, o, h.normPos(r));
    }
  }
}
