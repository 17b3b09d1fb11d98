package org.racefeatures.features;

import static org.racefeatures.features.Feature.real;

import java.util.List;

/** Version 2's rating trend: how {@code h_elo} moved since the last run, and its peak. */
final class RatingTrendFeatures implements FeatureFamily {
  private static final String SECTION = "Version 2: rating";

  @Override
  public List<Feature> features() {
    return List.of(
        real(SECTION, "h_elo_change_last",
            "h_elo minus the horse's rating just before its most recent history run (that run's own h_elo)")
            .nulls("NULL without history"),
        real(SECTION, "h_elo_peak", "the largest of h_elo and the ratings just before each history run")
            .nulls("NULL without history"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    int[] rows = slice.rows();
    int time = h.firstRaceAtTime[slice.race()];
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      int end = h.horses.historyEnd(r, time);
      if (end == h.horses.start(h.horseKey(r))) {
        out.setNull(c, o);
        out.setNull(c + 1, o);
        continue;
      }
      double elo = h.eloBefore(r);
      out.setReal(c, o, elo - h.horseRuns.elo[end - 1]);
      out.setReal(c + 1, o, Math.max(elo, h.horseRuns.eloPeakThrough[end - 1]));
    }
  }
}
