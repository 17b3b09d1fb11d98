package org.racefeatures.features;

import java.util.List;

/** The horse's Elo-style rating just before the race, from the chronological pass of {@link EloRatings}. */
final class RatingFeatures implements FeatureFamily {
  @Override
  public List<Feature> features() {
    return List.of(Feature.real("Rating", "h_elo",
        "the horse's rating just before R: start 1500; after each race with m >= 2 runs, "
            + "Ra' = Ra + (32 / (m - 1)) * sum over b != a of (S(a,b) - E(a,b))")
        .nulls("never (1500 before the horse's first run)"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    int[] rows = slice.rows();
    for (int i = 0; i < rows.length; i++) {
      out.setReal(c, slice.firstOut() + i, h.eloBefore(rows[i]));
    }
  }
}
