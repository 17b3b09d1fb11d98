package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;

/**
 * Jockey, trainer and pair strike rates. Each count is a span of a {@link RunGroups} list found by
 * binary search, and each win count a difference of prefix sums: no history is scanned.
 */
final class JockeyTrainerFeatures implements FeatureFamily {
  private static final String SECTION = "Jockey and trainer";
  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "j_rides_365d", "jockey's history runs in the window of 365 days").nulls("NULL when jockey_id is NULL"),
        integer(SECTION, "j_wins_365d", "of those, won").nulls("NULL when jockey_id is NULL"),
        real(SECTION, "j_win_rate_365d", "j_wins_365d / j_rides_365d").nulls("NULL when jockey_id is NULL or the window has no rides"),
        integer(SECTION, "j_course_rides", "jockey's history runs at the course of R (all time)").nulls("NULL when jockey_id is NULL"),
        integer(SECTION, "j_course_wins", "of those, won").nulls("NULL when jockey_id is NULL"),
        integer(SECTION, "t_runs_365d", "trainer's history runs in the window of 365 days").nulls("NULL when trainer_id is NULL"),
        integer(SECTION, "t_wins_365d", "of those, won").nulls("NULL when trainer_id is NULL"),
        real(SECTION, "t_win_rate_365d", "t_wins_365d / t_runs_365d").nulls("NULL when trainer_id is NULL or the window has no runs"),
        integer(SECTION, "t_runs_14d", "trainer's history runs in the window of 14 days").nulls("NULL when trainer_id is NULL"),
        integer(SECTION, "t_wins_14d", "of those, won").nulls("NULL when trainer_id is NULL"),
        integer(SECTION, "jt_runs", "history runs of this jockey with this trainer (all time)").nulls("NULL when jockey_id or trainer_id is NULL"),
        integer(SECTION, "jt_wins", "of those, won").nulls("NULL when jockey_id or trainer_id is NULL"),
        integer(SECTION, "hj_runs", "history runs of this horse ridden by this jockey (all time)").nulls("NULL when jockey_id is NULL"),
        integer(SECTION, "hj_wins", "of those, won").nulls("NULL when jockey_id is NULL"));
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
      window(w.jockey365, r, time, day, out, c, o, true);
      allTime(h.jockeyCourses, r, time, out, c + 3, o);
      window(w.trainer365, r, time, day, out, c + 5, o, true);
      window(w.trainer14, r, time, day, out, c + 8, o, false);
      allTime(h.jockeyTrainers, r, time, out, c + 10, o);
      allTime(h.horseJockeys, r, time, out, c + 12, o);
    }
  }

  /**
   * Runs and wins of runner row {@code r}'s key in the cursor's window before {@code day}, and the
   * rate if asked; NULL for no key.
   */
  static void window(WindowCursors.Cursor cursor, int r, int time, int day, FeatureRows out, int c,
      int o, boolean rate) {
    RunGroups g = cursor.groups;
    int key = g.key(r);
    if (key < 0) {
      out.setNull(c, o);
      out.setNull(c + 1, o);
      if (rate) {
        out.setNull(c + 2, o);
      }
      return;
    }
    int end = g.historyEnd(r, time);
    int from = cursor.start(key, end, day);
    int runs = end - from;
    int wins = g.wins(from, end);
    out.setInt(c, o, runs);
    out.setInt(c + 1, o, wins);
    if (rate) {
      out.setRate(c + 2, o, wins, runs);
    }
  }

  /** All-time runs and wins of runner row {@code r}'s key; NULL for no key. */
  static void allTime(PairRecords p, int r, int time, FeatureRows out, int c, int o) {
    int key = p.key(r);
    if (key < 0) {
      out.setNull(c, o);
      out.setNull(c + 1, o);
      return;
    }
    int end = p.groups.historyEnd(r, time);
    out.setInt(c, o, p.runs(key, end));
    out.setInt(c + 1, o, p.wins(key, end));
  }
}
