package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/** Change since the horse's most recent run; all NULL when the horse has no history. */
final class ChangeFeatures implements FeatureFamily {
  private static final String SECTION = "Change since the horse's most recent run";
  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "h_dist_change_m", "distance_m of R minus that of the most recent run's race").nulls("NULL without history"),
        real(SECTION, "h_weight_change_kg", "weight_kg of the target row minus that of the most recent run").nulls("NULL without history, or when either weight is NULL"),
        integer(SECTION, "h_class_change", "race_class of R minus that of the most recent run's race").nulls("NULL without history, or when either race_class is NULL"),
        integer(SECTION, "h_or_change", "official_rating of the target row minus that of the most recent run").nulls("NULL without history, or when either official_rating is NULL"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    RaceTable races = h.races;
    RunnerTable run = h.runners;
    int race = slice.race();
    int[] rows = slice.rows();
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      int key = h.horseKey(r);
      int end = h.horses.historyEnd(r, h.firstRaceAtTime[race]);
      if (end == h.horses.start(key)) {
        for (int k = 0; k < 4; k++) {
          out.setNull(c + k, o);
        }
        continue;
      }
      int last = h.horses.row(end - 1);
      int lastRace = h.raceOf(last);
      out.setInt(c, o, races.distance(race) - (long) races.distance(lastRace));
      out.setReal(c + 1, o, run.weightIsNull(r) || run.weightIsNull(last)
          ? Double.NaN : run.weight(r) - run.weight(last));
      out.setInt(c + 2, o, races.classIsNull(race) || races.classIsNull(lastRace)
          ? FeatureRows.NULL_INT : races.raceClass(race) - (long) races.raceClass(lastRace));
      out.setInt(c + 3, o, run.ratingIsNull(r) || run.ratingIsNull(last)
          ? FeatureRows.NULL_INT : run.rating(r) - (long) run.rating(last));
    }
  }
}
