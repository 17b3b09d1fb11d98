package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RunnerTable;

/** Context of the target row: facts of the race and the runner row itself, no history. */
final class ContextFeatures implements FeatureFamily {
  private static final String SECTION = "Context of the target row";
  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "field_size", "n(R): runner rows of R whose status is not 'NR'").nulls("never"),
        integer(SECTION, "distance_m", "races.distance_m of R").nulls("never (the input requires it)"),
        integer(SECTION, "race_class", "races.race_class of R").nulls("NULL when races.race_class is NULL"),
        integer(SECTION, "age", "runners.age").nulls("NULL when runners.age is NULL"),
        real(SECTION, "weight_kg", "runners.weight_kg").nulls("NULL when runners.weight_kg is NULL"),
        integer(SECTION, "draw", "runners.draw").nulls("NULL when runners.draw is NULL"),
        integer(SECTION, "official_rating", "runners.official_rating").nulls("NULL when runners.official_rating is NULL"),
        real(SECTION, "sp_decimal", "runners.sp_decimal").nulls("NULL when runners.sp_decimal is NULL").atTheOff());
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
      out.setInt(c, o, h.fieldSize[race]);
      out.setInt(c + 1, o, races.distance(race));
      setInt(out, c + 2, o, races.classIsNull(race), races.classIsNull(race) ? 0 : races.raceClass(race));
      setInt(out, c + 3, o, run.ageIsNull(r), run.ageIsNull(r) ? 0 : run.age(r));
      out.setReal(c + 4, o, run.weightIsNull(r) ? Double.NaN : run.weight(r));
      setInt(out, c + 5, o, run.drawIsNull(r), run.drawIsNull(r) ? 0 : run.draw(r));
      setInt(out, c + 6, o, run.ratingIsNull(r), run.ratingIsNull(r) ? 0 : run.rating(r));
      out.setReal(c + 7, o, run.spIsNull(r) ? Double.NaN : run.sp(r));
    }
  }

  private static void setInt(FeatureRows out, int c, int o, boolean isNull, long value) {
    out.setInt(c, o, isNull ? FeatureRows.NULL_INT : value);
  }
}
