package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;
import org.racefeatures.model.RunnerTable;

/** Horse form: one scan over the horse's history runs gives all nineteen values. */
final class HorseFormFeatures implements FeatureFamily {
  private static final String SECTION = "Horse form";
  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "h_runs", "number of history runs").nulls("never (0 without history)"),
        integer(SECTION, "h_wins", "history runs won").nulls("never (0 without history)"),
        integer(SECTION, "h_places", "history runs placed").nulls("never (0 without history)"),
        real(SECTION, "h_win_rate", "h_wins / h_runs").nulls("NULL without history"),
        real(SECTION, "h_place_rate", "h_places / h_runs").nulls("NULL without history"),
        real(SECTION, "h_avg_norm_pos", "average norm_pos over history").nulls("NULL without history"),
        real(SECTION, "h_last_norm_pos", "norm_pos of the most recent run").nulls("NULL without history"),
        real(SECTION, "h_last2_norm_pos", "norm_pos of the second most recent run").nulls("NULL with fewer than 2 history runs"),
        real(SECTION, "h_last3_norm_pos", "norm_pos of the third most recent run").nulls("NULL with fewer than 3 history runs"),
        real(SECTION, "h_avg_norm_pos_last3", "average norm_pos over the up to 3 most recent runs").nulls("NULL without history"),
        integer(SECTION, "h_days_since_last", "days(R, most recent run)").nulls("NULL without history"),
        integer(SECTION, "h_runs_365d", "history runs in the window of 365 days").nulls("never (0 without history)"),
        real(SECTION, "h_avg_beaten_lengths_last5",
            "average beaten_lengths over those of the up to 5 most recent runs whose beaten_lengths is not NULL").nulls("NULL when none of the up to 5 most recent runs has beaten_lengths"),
        integer(SECTION, "h_course_runs", "history runs at the course of R").nulls("never (0)"),
        integer(SECTION, "h_course_wins", "of those, won").nulls("never (0)"),
        integer(SECTION, "h_dist_runs",
            "history runs whose distance d is within 10% of the distance D of R: 10 * abs(d - D) <= D").nulls("never (0)"),
        integer(SECTION, "h_dist_wins", "of those, won").nulls("never (0)"),
        integer(SECTION, "h_going_runs",
            "history runs whose going equals the going of R (NULL going never matches)").nulls("never (0; a NULL going matches nothing)"),
        integer(SECTION, "h_going_wins", "of those, won").nulls("never (0)"));
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    int[] rows = slice.rows();
    for (int i = 0; i < rows.length; i++) {
      runner(h, rows[i], slice.race(), out, c, slice.firstOut() + i);
    }
  }

  /**
   * The nineteen values of one runner row into output row {@code o}. A method per runner, so the
   * JIT compiles it as a whole instead of replacing the race loop mid-run.
   */
  private static void runner(History h, int row, int race, FeatureRows out, int c, int o) {
    RunnerTable run = h.runners;
    RunGroups horses = h.horses;
    int day = h.races.day(race);
    int course = h.courseKey[race];
    long distance = h.raceDistance[race];
    int going = h.raceGoing[race]; // -2 where NULL, which no run's going equals
    int key = h.horseKey(row);
    int from = horses.start(key);
    int end = horses.historyEnd(row, h.firstRaceAtTime[race]);
    int n = end - from;
    int places = 0;
    double normSum = 0;
    int courseRuns = 0;
    int courseWins = 0;
    int distRuns = 0;
    int distWins = 0;
    int goingRuns = 0;
    int goingWins = 0;
    // Reads only position-ordered arrays (HorseRuns): one horse's runs lie side by side.
    HorseRuns runs = h.horseRuns;
    int[] runCourse = runs.course;
    int[] runDistance = runs.distance;
    int[] runGoing = runs.going;
    boolean[] runWon = runs.won;
    boolean[] runPlaced = runs.placed;
    double[] runNormPos = runs.normPos;
    for (int k = from; k < end; k++) {
      boolean won = runWon[k];
      if (runPlaced[k]) {
        places++;
      }
      normSum += runNormPos[k];
      if (runCourse[k] == course) {
        courseRuns++;
        courseWins += won ? 1 : 0;
      }
      if (10L * Math.abs((long) runDistance[k] - distance) <= distance) { // in longs: no overflow for any int distance
        distRuns++;
        distWins += won ? 1 : 0;
      }
      if (runGoing[k] == going) {
        goingRuns++;
        goingWins += won ? 1 : 0;
      }
    }
    int wins = horses.wins(from, end);
    // The runs within 365 days are the last ones (a horse's runs are in time order): found by a
    // binary search, not a test per run whose outcome changes as the history grows.
    int runs365 = end - horses.windowStart(key, end, day - 365);
    out.setInt(c, o, n);
    out.setInt(c + 1, o, wins);
    out.setInt(c + 2, o, places);
    out.setRate(c + 3, o, wins, n);
    out.setRate(c + 4, o, places, n);
    out.setReal(c + 5, o, n == 0 ? Double.NaN : normSum / n);
    out.setReal(c + 6, o, n >= 1 ? runNormPos[end - 1] : Double.NaN);
    out.setReal(c + 7, o, n >= 2 ? runNormPos[end - 2] : Double.NaN);
    out.setReal(c + 8, o, n >= 3 ? runNormPos[end - 3] : Double.NaN);
    double last3 = 0;
    int m = Math.min(3, n);
    for (int k = end - m; k < end; k++) {
      last3 += runNormPos[k];
    }
    out.setReal(c + 9, o, m == 0 ? Double.NaN : last3 / m);
    out.setInt(c + 10, o, n == 0 ? FeatureRows.NULL_INT : day - horses.day(end - 1));
    out.setInt(c + 11, o, runs365);
    double beaten = 0;
    int known = 0;
    for (int i = 0, last = Math.min(5, n); i < last; i++) { // newest first
      int r = horses.row(end - 1 - i);
      if (!run.beatenIsNull(r)) {
        beaten += run.beaten(r);
        known++;
      }
    }
    out.setReal(c + 12, o, known == 0 ? Double.NaN : beaten / known);
    out.setInt(c + 13, o, courseRuns);
    out.setInt(c + 14, o, courseWins);
    out.setInt(c + 15, o, distRuns);
    out.setInt(c + 16, o, distWins);
    out.setInt(c + 17, o, goingRuns);
    out.setInt(c + 18, o, goingWins);
  }
}
