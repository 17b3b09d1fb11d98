package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;

/**
 * Version 2's jockey and trainer form: short and medium windows, the trainer's course record, and
 * market-calibrated form over 365 days (actual over expected wins, level-stakes return), each a
 * binary search and a difference of prefix sums ({@link RunGroups}, {@link MarketSums}).
 */
final class MarketFormFeatures implements FeatureFamily {
  private static final String SECTION = "Version 2: jockey and trainer";
  private static final String NO_JOCKEY = "NULL when jockey_id is NULL";
  private static final String NO_TRAINER = "NULL when trainer_id is NULL";

  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "j_rides_90d", "jockey's history runs in the window of 90 days").nulls(NO_JOCKEY),
        integer(SECTION, "j_wins_90d", "of those, won").nulls(NO_JOCKEY),
        integer(SECTION, "j_rides_14d", "jockey's history runs in the window of 14 days").nulls(NO_JOCKEY),
        integer(SECTION, "j_wins_14d", "of those, won").nulls(NO_JOCKEY),
        integer(SECTION, "t_runs_90d", "trainer's history runs in the window of 90 days").nulls(NO_TRAINER),
        integer(SECTION, "t_wins_90d", "of those, won").nulls(NO_TRAINER),
        integer(SECTION, "t_course_runs", "trainer's history runs at the course of R (all time)").nulls(NO_TRAINER),
        integer(SECTION, "t_course_wins", "of those, won").nulls(NO_TRAINER),
        real(SECTION, "j_ae_365d", "over the priced runs of the jockey's 365-day window: wins divided by the sum of"
            + " sp_implied_prob(r) (actual over expected; past races' SPs only)")
            .nulls(NO_JOCKEY + " or the window has no priced run").atTheOff(),
        real(SECTION, "t_ae_365d", "the same for the trainer (past races' SPs only)")
            .nulls(NO_TRAINER + " or the window has no priced run").atTheOff(),
        real(SECTION, "j_roi_365d", "over the same priced runs: the average of sp_decimal - 1 for a won run and -1"
            + " otherwise (level-stakes return per unit; a dead heat counts as won; past races' SPs only)")
            .nulls(NO_JOCKEY + " or the window has no priced run").atTheOff(),
        real(SECTION, "t_roi_365d", "the same for the trainer (past races' SPs only)")
            .nulls(NO_TRAINER + " or the window has no priced run").atTheOff());
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    int race = slice.race();
    int time = h.firstRaceAtTime[race];
    int day = h.races.day(race);
    int[] rows = slice.rows();
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      WindowCursors w = slice.cursors();
      JockeyTrainerFeatures.window(w.jockey90, r, time, day, out, c, o, false);
      JockeyTrainerFeatures.window(w.jockey14, r, time, day, out, c + 2, o, false);
      JockeyTrainerFeatures.window(w.trainer90, r, time, day, out, c + 4, o, false);
      JockeyTrainerFeatures.allTime(h.trainerCourses, r, time, out, c + 6, o);
      market(h.jockeyMarket, w.jockey365, r, time, day, out, c + 8, c + 10, o);
      market(h.trainerMarket, w.trainer365, r, time, day, out, c + 9, c + 11, o);
    }
  }

  /** Actual over expected into column {@code ae}, return per run into {@code roi}; NULL for no key. */
  private static void market(MarketSums sums, WindowCursors.Cursor window, int r, int time, int day, FeatureRows out,
      int ae, int roi, int o) {
    RunGroups g = sums.groups();
    int key = g.key(r);
    if (key < 0) {
      out.setNull(ae, o);
      out.setNull(roi, o);
      return;
    }
    int end = g.historyEnd(r, time);
    int from = window.start(key, end, day); // the window JockeyTrainerFeatures just found: no search
    out.setReal(ae, o, sums.actualOverExpected(key, from, end));
    out.setReal(roi, o, sums.returnPerRun(key, from, end));
  }
}
