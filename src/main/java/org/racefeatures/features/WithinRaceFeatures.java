package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;
import org.racefeatures.model.RunnerTable;

/** Comparisons among the target rows of one race: market, rating, weight and draw. */
final class WithinRaceFeatures implements FeatureFamily {
  private static final String SECTION = "Within the race";
  private static final double ELO_TOLERANCE = 1e-6;
  @Override
  public List<Feature> features() {
    return List.of(
        real(SECTION, "sp_implied_prob",
            "(1 / sp_decimal) / sum of (1 / sp_decimal) over the target rows of R with a non-NULL sp_decimal").nulls("NULL where sp_decimal is NULL").atTheOff(),
        integer(SECTION, "sp_rank", "1 + number of target rows of R with a smaller sp_decimal (1 = favourite)").nulls("NULL where sp_decimal is NULL").atTheOff(),
        integer(SECTION, "or_rank", "1 + number of target rows of R with a greater official_rating").nulls("NULL where official_rating is NULL"),
        integer(SECTION, "or_diff_to_top",
            "official_rating minus the largest official_rating among the target rows of R").nulls("NULL where official_rating is NULL"),
        integer(SECTION, "elo_rank", "1 + number of target rows of R whose h_elo exceeds this row's by more than 1e-6").nulls("never"),
        real(SECTION, "weight_diff_to_mean",
            "weight_kg minus the average weight_kg of the target rows of R with a non-NULL weight").nulls("NULL where weight_kg is NULL"),
        real(SECTION, "draw_pct", "draw / field_size").nulls("NULL where draw is NULL"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    RunnerTable run = h.runners;
    int[] rows = slice.rows();
    int n = rows.length;
    int topRating = Integer.MIN_VALUE;
    double weightSum = 0;
    int weights = 0;
    for (int r : rows) {
      if (!run.ratingIsNull(r)) {
        topRating = Math.max(topRating, run.rating(r));
      }
      if (!run.weightIsNull(r)) {
        weightSum += run.weight(r);
        weights++;
      }
    }
    double meanWeight = weights == 0 ? Double.NaN : weightSum / weights;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      out.setReal(c, o, h.spProbability(r)); // NaN (NULL) where there is no SP
      int spRank = h.spRank(r);
      out.setInt(c + 1, o, spRank == 0 ? FeatureRows.NULL_INT : spRank);
      if (run.ratingIsNull(r)) {
        out.setNull(c + 2, o);
        out.setNull(c + 3, o);
      } else {
        int rating = run.rating(r);
        int greater = 0;
        for (int other : rows) {
          if (!run.ratingIsNull(other) && run.rating(other) > rating) {
            greater++;
          }
        }
        out.setInt(c + 2, o, 1 + greater);
        out.setInt(c + 3, o, (long) rating - topRating);
      }
      double elo = h.eloBefore(r);
      int better = 0;
      for (int other : rows) {
        if (h.eloBefore(other) - elo > ELO_TOLERANCE) {
          better++;
        }
      }
      out.setInt(c + 4, o, 1 + better);
      out.setReal(c + 5, o, run.weightIsNull(r) ? Double.NaN : run.weight(r) - meanWeight);
      out.setReal(c + 6, o, run.drawIsNull(r) ? Double.NaN : run.draw(r) / (double) h.fieldSize[slice.race()]);
    }
  }
}
