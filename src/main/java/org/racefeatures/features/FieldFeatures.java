package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;
import org.racefeatures.model.RunnerTable;

/** Version 2's field strength: the runner against the average rating of its race, and its weight rank. */
final class FieldFeatures implements FeatureFamily {
  private static final String SECTION = "Version 2: within the race";

  @Override
  public List<Feature> features() {
    return List.of(
        real(SECTION, "field_or_mean", "average official_rating over the target rows of R where it is not NULL")
            .nulls("NULL when no target row of R has an official_rating"),
        real(SECTION, "or_vs_field_mean", "official_rating minus field_or_mean")
            .nulls("NULL where official_rating is NULL"),
        real(SECTION, "field_elo_mean", "average h_elo over the target rows of R").nulls("never"),
        real(SECTION, "elo_vs_field", "h_elo minus field_elo_mean").nulls("never"),
        integer(SECTION, "weight_rank", "1 + number of target rows of R with a greater weight_kg")
            .nulls("NULL where weight_kg is NULL"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    RunnerTable run = h.runners;
    int[] rows = slice.rows();
    long ratingSum = 0;
    int ratings = 0;
    double eloSum = 0;
    for (int r : rows) {
      if (!run.ratingIsNull(r)) {
        ratingSum += run.rating(r);
        ratings++;
      }
      eloSum += h.eloBefore(r);
    }
    double ratingMean = ratings == 0 ? Double.NaN : ratingSum / (double) ratings;
    double eloMean = eloSum / rows.length;
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      out.setReal(c, o, ratingMean);
      out.setReal(c + 1, o, run.ratingIsNull(r) ? Double.NaN : run.rating(r) - ratingMean);
      out.setReal(c + 2, o, eloMean);
      out.setReal(c + 3, o, h.eloBefore(r) - eloMean);
      if (run.weightIsNull(r)) {
        out.setNull(c + 4, o);
      } else {
        double weight = run.weight(r);
        int heavier = 0;
        for (int other : rows) {
          if (!run.weightIsNull(other) && run.weight(other) > weight) {
            heavier++;
          }
        }
        out.setInt(c + 4, o, 1 + heavier);
      }
    }
  }
}
