package org.racefeatures.features;

import java.util.List;
import org.racefeatures.model.RaceTable;

/**
 * The race's categorical context as the input stores it, for models that take categories: the
 * course id (an integer or text) and the going, surface and race type (text).
 */
final class CategoryFeatures implements FeatureFamily {
  private static final String SECTION = "Version 2: context (categorical, as stored in races)";

  @Override
  public List<Feature> features() {
    return List.of(
        new Feature("course_id", ValueType.ID, SECTION, "races.course_id of R, as stored (integer or text)")
            .nulls("never (the input requires it)"),
        new Feature("going", ValueType.CATEGORY, SECTION, "races.going of R").nulls("NULL when races.going is NULL"),
        new Feature("surface", ValueType.CATEGORY, SECTION, "races.surface of R")
            .nulls("NULL when races.surface is NULL"),
        new Feature("race_type", ValueType.CATEGORY, SECTION, "races.race_type of R")
            .nulls("NULL when races.race_type is NULL"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    RaceTable races = h.races;
    int race = slice.race();
    Object course = races.courseIds().value(races.courseKey(race));
    String going = races.going().value(race);
    String surface = races.surface().value(race);
    String type = races.raceType().value(race);
    for (int i = 0; i < slice.rows().length; i++) {
      int o = slice.firstOut() + i;
      out.setValue(c, o, course);
      out.setValue(c + 1, o, going);
      out.setValue(c + 2, o, surface);
      out.setValue(c + 3, o, type);
    }
  }
}
