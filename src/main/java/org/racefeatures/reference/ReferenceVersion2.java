package org.racefeatures.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.racefeatures.reference.ReferenceFeatures.Race;
import org.racefeatures.reference.ReferenceFeatures.Runner;

/**
 * The "Version 2 additions" of {@code features.md}, read as plainly as {@link ReferenceFeatures}
 * reads version 1: lists filtered from the history, no running sums, nothing shared with the engine.
 */
final class ReferenceVersion2 {
  private final ReferenceFeatures terms;
  /** Per race id: the market of its target rows, runner_id to {sp_rank, sp_implied_prob}. */
  private final Map<Long, Map<Long, double[]>> markets = new HashMap<>();

  ReferenceVersion2(ReferenceFeatures terms) {
    this.terms = terms;
  }

  /** sp_rank(r) and sp_implied_prob(r) over the target rows of r's own race; null without an SP. */
  private double[] market(Runner r) {
    if (r.sp() == null) {
      return null;
    }
    Map<Long, double[]> market = markets.computeIfAbsent(r.raceId(), id -> {
      List<Runner> targets = new ArrayList<>();
      for (Runner x : terms.entries(id)) {
        if (!"NR".equals(x.status())) {
          targets.add(x);
        }
      }
      double inverseSum = 0;
      for (Runner x : targets) {
        if (x.sp() != null) {
          inverseSum += 1.0 / x.sp();
        }
      }
      Map<Long, double[]> out = new HashMap<>();
      for (Runner x : targets) {
        if (x.sp() != null) {
          long smaller = targets.stream().filter(y -> y.sp() != null && y.sp() < x.sp()).count();
          out.put(x.id(), new double[] {1 + smaller, (1.0 / x.sp()) / inverseSum});
        }
      }
      return out;
    });
    return market.get(r.id());
  }

  /** Adds the 31 features of version 2 to {@code v}, in the catalogue's order. */
  void put(Race race, Runner r, List<Runner> targets, List<Runner> before, Map<Long, Double> elo,
      Map<String, Object> v) {
    v.put("course_id", race.course());
    v.put("going", race.going());
    v.put("surface", race.surface());
    v.put("race_type", race.type());

    List<Runner> hist = ReferenceFeatures.history(before, x -> x.horse() == r.horse());
    int lastWin = -1;
    for (int i = 0; i < hist.size() && lastWin < 0; i++) {
      if (ReferenceFeatures.won(hist.get(i))) {
        lastWin = i;
      }
    }
    v.put("h_days_since_win", lastWin < 0 ? null : ReferenceFeatures.days(race, terms.race(hist.get(lastWin))));
    v.put("h_runs_since_win", (long) (lastWin < 0 ? hist.size() : lastWin));
    v.put("h_best_norm_pos_last5",
        hist.stream().limit(5).map(terms::normPos).min(Double::compare).orElse(null));
    v.put("h_max_or", hist.stream().map(Runner::rating).filter(Objects::nonNull).max(Integer::compare)
        .map(Integer::longValue).orElse(null));
    List<Runner> cd = hist.stream().filter(x -> terms.race(x).course() == race.course()
        && 10L * Math.abs(terms.race(x).distance() - race.distance()) <= race.distance()).toList();
    v.put("h_cd_runs", (long) cd.size());
    v.put("h_cd_wins", cd.stream().filter(ReferenceFeatures::won).count());
    Double prize = null;
    if (!hist.isEmpty()) {
      prize = 0.0;
      for (Runner x : hist) {
        if (ReferenceFeatures.won(x) && terms.race(x).prize() != null) {
          prize += terms.race(x).prize();
        }
      }
    }
    v.put("h_prize_won", prize);
    v.put("h_avg_sp_rank_last3", ReferenceFeatures.average(hist.stream().limit(3).map(this::market)
        .filter(Objects::nonNull).map(m -> m[0]).toList()));

    double mine = elo.get(r.id());
    if (hist.isEmpty()) {
      v.put("h_elo_change_last", null);
      v.put("h_elo_peak", null);
    } else {
      v.put("h_elo_change_last", mine - elo.get(hist.get(0).id()));
      double peak = mine;
      for (Runner x : hist) {
        peak = Math.max(peak, elo.get(x.id()));
      }
      v.put("h_elo_peak", peak);
    }

    List<Runner> jockey = r.jockey() == null ? null : ReferenceFeatures.history(before, x -> r.jockey().equals(x.jockey()));
    List<Runner> trainer = r.trainer() == null ? null : ReferenceFeatures.history(before, x -> r.trainer().equals(x.trainer()));
    window(v, "j_rides_90d", "j_wins_90d", jockey, race, 90);
    window(v, "j_rides_14d", "j_wins_14d", jockey, race, 14);
    window(v, "t_runs_90d", "t_wins_90d", trainer, race, 90);
    if (trainer == null) {
      v.put("t_course_runs", null);
      v.put("t_course_wins", null);
    } else {
      List<Runner> tc = trainer.stream().filter(x -> terms.race(x).course() == race.course()).toList();
      v.put("t_course_runs", (long) tc.size());
      v.put("t_course_wins", tc.stream().filter(ReferenceFeatures::won).count());
    }
    List<Runner> jPriced = priced(jockey, race);
    List<Runner> tPriced = priced(trainer, race);
    v.put("j_ae_365d", actualOverExpected(jPriced));
    v.put("t_ae_365d", actualOverExpected(tPriced));
    v.put("j_roi_365d", returnPerRun(jPriced));
    v.put("t_roi_365d", returnPerRun(tPriced));

    Double orMean = ReferenceFeatures.average(targets.stream().map(Runner::rating).filter(Objects::nonNull)
        .map(Integer::doubleValue).toList());
    v.put("field_or_mean", orMean);
    v.put("or_vs_field_mean", r.rating() == null || orMean == null ? null : r.rating() - orMean);
    double eloMean = ReferenceFeatures.average(targets.stream().map(x -> elo.get(x.id())).toList());
    v.put("field_elo_mean", eloMean);
    v.put("elo_vs_field", mine - eloMean);
    v.put("weight_rank", r.weight() == null ? null
        : 1 + targets.stream().filter(x -> x.weight() != null && x.weight() > r.weight()).count());
  }

  private void window(Map<String, Object> v, String runs, String wins, List<Runner> history, Race race, int days) {
    if (history == null) {
      v.put(runs, null);
      v.put(wins, null);
      return;
    }
    List<Runner> in = history.stream().filter(x -> ReferenceFeatures.days(race, terms.race(x)) <= days).toList();
    v.put(runs, (long) in.size());
    v.put(wins, in.stream().filter(ReferenceFeatures::won).count());
  }

  /** The priced runs of the 365-day window; null for a NULL entity. */
  private List<Runner> priced(List<Runner> history, Race race) {
    if (history == null) {
      return null;
    }
    return history.stream()
        .filter(x -> ReferenceFeatures.days(race, terms.race(x)) <= 365 && x.sp() != null).toList();
  }

  private Double actualOverExpected(List<Runner> priced) {
    if (priced == null || priced.isEmpty()) {
      return null;
    }
    double expected = 0;
    for (Runner x : priced) {
      expected += market(x)[1];
    }
    return priced.stream().filter(ReferenceFeatures::won).count() / expected;
  }

  private static Double returnPerRun(List<Runner> priced) {
    if (priced == null || priced.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (Runner x : priced) {
      sum += ReferenceFeatures.won(x) ? x.sp() - 1 : -1;
    }
    return sum / priced.size();
  }
}
