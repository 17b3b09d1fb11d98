package org.racefeatures.features;

import static org.racefeatures.features.Feature.integer;
import static org.racefeatures.features.Feature.real;

import java.util.List;

/**
 * Version 2's horse form: time since the last win, the best recent finish, the rating's peak, the
 * course-and-distance record, prize money won and the market's view of the recent runs. All but the
 * course-and-distance count (a scan of the horse's runs) are read at one position of {@link
 * HorseRuns}' running arrays.
 */
final class RecentFormFeatures implements FeatureFamily {
  private static final String SECTION = "Version 2: horse form";

  @Override
  public List<Feature> features() {
    return List.of(
        integer(SECTION, "h_days_since_win", "days(R, r) for the most recent history run r that was won")
            .nulls("NULL when no history run was won"),
        integer(SECTION, "h_runs_since_win",
            "number of history runs more recent than the most recent won run; h_runs when none was won")
            .nulls("never (0 without history)"),
        real(SECTION, "h_best_norm_pos_last5", "smallest norm_pos over the up to 5 most recent runs")
            .nulls("NULL without history"),
        integer(SECTION, "h_max_or", "largest official_rating over the history runs where it is not NULL")
            .nulls("NULL when no history run has an official_rating"),
        integer(SECTION, "h_cd_runs",
            "history runs at the course of R whose distance is within 10% of R's (the rule of h_dist_runs)")
            .nulls("never (0)"),
        integer(SECTION, "h_cd_wins", "of those, won").nulls("never (0)"),
        real(SECTION, "h_prize_won", "sum of races.prize over the won history runs whose race has a prize")
            .nulls("NULL without history (0.0 with history but no such run)"),
        real(SECTION, "h_avg_sp_rank_last3",
            "average sp_rank(r) (r's rank in its own race's market) over the priced runs among the up to 3 most recent runs")
            .nulls("NULL when none of the up to 3 most recent runs had an SP").atTheOff());
  }

  @Override
  public void compute(History h, RaceSlice slice, FeatureRows out, int c) {
    int race = slice.race();
    int day = h.races.day(race);
    int time = h.firstRaceAtTime[race];
    int course = h.courseKey[race];
    long distance = h.raceDistance[race];
    HorseRuns runs = h.horseRuns;
    int[] rows = slice.rows();
    for (int i = 0; i < rows.length; i++) {
      int r = rows[i];
      int o = slice.firstOut() + i;
      int from = h.horses.start(h.horseKey(r));
      int end = h.horses.historyEnd(r, time);
      int n = end - from;
      int lastWin = n == 0 ? -1 : runs.lastWinThrough[end - 1];
      out.setInt(c, o, lastWin < 0 ? FeatureRows.NULL_INT : day - h.horses.day(lastWin));
      out.setInt(c + 1, o, lastWin < 0 ? n : end - 1 - lastWin);
      double best = Double.NaN;
      for (int k = Math.max(from, end - 5); k < end; k++) {
        best = Double.isNaN(best) ? runs.normPos[k] : Math.min(best, runs.normPos[k]);
      }
      out.setReal(c + 2, o, best);
      int maxRating = n == 0 ? Integer.MIN_VALUE : runs.maxRatingThrough[end - 1];
      out.setInt(c + 3, o, maxRating == Integer.MIN_VALUE ? FeatureRows.NULL_INT : maxRating);
      int cdRuns = 0;
      int cdWins = 0;
      for (int k = from; k < end; k++) { // the horse's runs side by side: a scan in memory order
        if (runs.course[k] == course && 10L * Math.abs((long) runs.distance[k] - distance) <= distance) {
          cdRuns++;
          cdWins += runs.won[k] ? 1 : 0;
        }
      }
      out.setInt(c + 4, o, cdRuns);
      out.setInt(c + 5, o, cdWins);
      out.setReal(c + 6, o, n == 0 ? Double.NaN : runs.prizeThrough[end - 1]);
      int rankSum = 0;
      int priced = 0;
      for (int k = Math.max(from, end - 3); k < end; k++) {
        if (runs.spRank[k] != 0) {
          rankSum += runs.spRank[k];
          priced++;
        }
      }
      out.setReal(c + 7, o, priced == 0 ? Double.NaN : rankSum / (double) priced);
    }
  }
}
