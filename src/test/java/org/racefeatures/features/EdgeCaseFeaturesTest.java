package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.FixtureDb;

/**
 * Small fixtures named after the edge case they exercise. Each asserts the values the spec gives by
 * hand, and then that the engine and the reference agree on every value of the fixture.
 */
class EdgeCaseFeaturesTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("fixture.db");
  }

  /** Runs generate and returns the rows, after checking them against the reference. */
  private Map<Long, Map<String, Object>> generate() throws Exception {
    Cli.ok("generate", "--db=" + db(), "--workers=1");
    Map<Long, Map<String, Object>> rows = FeatureTables.read(db());
    FeatureTables.assertSame(FeatureTables.reference(db(), Set.of(), null), rows);
    return rows;
  }

  @Test
  void deadHeatMakesBothHorsesWinners() throws Exception {
    long a;
    long b;
    long laterA;
    long laterB;
    try (FixtureDb f = new FixtureDb(db())) {
      long r1 = f.race("2020-01-01", "14:00").add();
      a = f.runner(r1, 1).jockey(1L).fin(1);
      b = f.runner(r1, 2).jockey(2L).fin(1);
      f.runner(r1, 3).jockey(3L).fin(3);
      long r2 = f.race("2020-02-01", "14:00").add();
      laterA = f.runner(r2, 1).jockey(1L).fin(2);
      laterB = f.runner(r2, 2).jockey(2L).fin(1);
    }
    Map<Long, Map<String, Object>> rows = generate();
    assertEquals(1L, rows.get(a).get("won"));
    assertEquals(1L, rows.get(b).get("won"));
    assertEquals(0.0, rows.get(a).get("norm_pos"));
    assertEquals(1L, rows.get(laterA).get("h_wins"));
    assertEquals(1L, rows.get(laterB).get("h_wins"));
    // Level in the dead heat and both ahead of the third: equal ratings afterwards.
    assertEquals(rows.get(laterA).get("h_elo"), rows.get(laterB).get("h_elo"));
    assertEquals(1500 + 32.0 / 2 * (0.5 - 0.5 + 1 - 0.5), (Double) rows.get(laterA).get("h_elo"), 1e-9);
  }

  @Test
  void nonRunnerGetsNoRowAndIsNotHistory() throws Exception {
    long nr;
    long later;
    long other;
    try (FixtureDb f = new FixtureDb(db())) {
      long r1 = f.race("2020-01-01", "14:00").add();
      nr = f.runner(r1, 1).sp(null).status("NR");
      other = f.runner(r1, 2).draw(2).fin(1);
      f.runner(r1, 3).fin(2);
      long r2 = f.race("2020-01-10", "14:00").add();
      later = f.runner(r2, 1).fin(1);
      f.runner(r2, 2).fin(2);
    }
    Map<Long, Map<String, Object>> rows = generate();
    assertFalse(rows.containsKey(nr));
    assertEquals(2L, rows.get(other).get("field_size"));
    assertEquals(1.0, rows.get(other).get("draw_pct"));
    assertEquals(0L, rows.get(later).get("h_runs"));
    assertNull(rows.get(later).get("h_days_since_last"));
  }

  @Test
  void nonFinisherCountsAsARunWithNormPosOne() throws Exception {
    long pu;
    long later;
    try (FixtureDb f = new FixtureDb(db())) {
      long r1 = f.race("2020-01-01", "14:00").add();
      f.runner(r1, 2).fin(1);
      pu = f.runner(r1, 1).status("PU");
      long r2 = f.race("2020-01-20", "14:00").add();
      later = f.runner(r2, 1).fin(1);
    }
    Map<Long, Map<String, Object>> rows = generate();
    assertEquals(0L, rows.get(pu).get("won"));
    assertEquals(0L, rows.get(pu).get("placed"));
    assertNull(rows.get(pu).get("finish_position"));
    assertEquals(1.0, rows.get(pu).get("norm_pos"));
    assertEquals(1L, rows.get(later).get("h_runs"));
    assertEquals(1.0, rows.get(later).get("h_last_norm_pos"));
    assertNull(rows.get(later).get("h_avg_beaten_lengths_last5"));
    assertEquals(19L, rows.get(later).get("h_days_since_last"));
  }

  @Test
  void sameDayEarlierRaceIsHistory() throws Exception {
    long later;
    try (FixtureDb f = new FixtureDb(db())) {
      long r1 = f.race("2020-03-01", "13:00").add();
      f.runner(r1, 1).fin(1);
      f.runner(r1, 2).jockey(2L).fin(2);
      long r2 = f.race("2020-03-01", "15:30").course(2).add();
      later = f.runner(r2, 1).fin(1);
    }
    Map<Long, Map<String, Object>> rows = generate();
    assertEquals(1L, rows.get(later).get("h_runs"));
    assertEquals(0L, rows.get(later).get("h_days_since_last"));
    assertEquals(0L, rows.get(later).get("h_course_runs"));
    assertEquals(1L, rows.get(later).get("j_rides_365d"));
  }

  @Test
  void sameTimeRaceIsNotHistoryEvenWithASmallerRaceId() throws Exception {
    long inSecond;
    long afterBoth;
    try (FixtureDb f = new FixtureDb(db())) {
      long first = f.race("2020-03-01", "14:00").id(10).add();
      f.runner(first, 1).trainer(5L).fin(1);
      f.runner(first, 2).trainer(6L).fin(2);
      long second = f.race("2020-03-01", "14:00").id(11).course(2).add();
      inSecond = f.runner(second, 3).trainer(5L).fin(1);
      f.runner(second, 4).trainer(6L).fin(2);
      long third = f.race("2020-03-01", "14:30").id(9).add();
      afterBoth = f.runner(third, 5).trainer(5L).fin(1);
    }
    Map<Long, Map<String, Object>> rows = generate();
    assertEquals(0L, rows.get(inSecond).get("t_runs_14d"));
    assertEquals(0L, rows.get(inSecond).get("t_runs_365d"));
    assertEquals(2L, rows.get(afterBoth).get("t_runs_14d"));
    assertEquals(2L, rows.get(afterBoth).get("t_wins_14d"));
  }

  @Test
  void windowBoundaryAtExactly14And365DaysIsInside() throws Exception {
    long target;
    try (FixtureDb f = new FixtureDb(db())) {
      // 2021-01-01 minus 365 days is 2020-01-02 (2020 is a leap year); minus 366 is 2020-01-01.
      long d366 = f.race("2020-01-01", "14:00").add();
      f.runner(d366, 1).jockey(1L).trainer(1L).fin(1);
      long d365 = f.race("2020-01-02", "14:00").add();
      f.runner(d365, 1).jockey(1L).trainer(1L).fin(1);
      long d15 = f.race("2020-12-17", "14:00").add();
      f.runner(d15, 2).jockey(1L).trainer(1L).fin(1);
      long d14 = f.race("2020-12-18", "14:00").add();
      f.runner(d14, 3).jockey(1L).trainer(1L).fin(2);
      f.runner(d14, 4).jockey(2L).trainer(2L).fin(1);
      long race = f.race("2021-01-01", "14:00").add();
      target = f.runner(race, 1).jockey(1L).trainer(1L).fin(1);
    }
    Map<Long, Map<String, Object>> rows = generate();
    Map<String, Object> t = rows.get(target);
    assertEquals(2L, t.get("h_runs"));
    assertEquals(1L, t.get("h_runs_365d"));
    assertEquals(3L, t.get("j_rides_365d"));
    assertEquals(2L, t.get("j_wins_365d"));
    assertEquals(3L, t.get("t_runs_365d"));
    assertEquals(1L, t.get("t_runs_14d"));
    assertEquals(0L, t.get("t_wins_14d"));
    assertEquals(365L, t.get("h_days_since_last"));
  }

  @Test
  void nullJockeyTrainerAndGoingGiveNullOrNoMatch() throws Exception {
    long target;
    try (FixtureDb f = new FixtureDb(db())) {
      long r1 = f.race("2020-01-01", "14:00").going(null).add();
      f.runner(r1, 1).jockey(null).trainer(null).fin(1);
      long r2 = f.race("2020-01-08", "14:00").going(null).add();
      target = f.runner(r2, 1).jockey(null).trainer(null).rating(null).sp(null).weight(null).fin(1);
      f.runner(r2, 2).fin(2);
    }
    Map<Long, Map<String, Object>> rows = generate();
    Map<String, Object> t = rows.get(target);
    for (String c : new String[] {"j_rides_365d", "j_win_rate_365d", "j_course_rides", "t_runs_365d",
        "t_runs_14d", "jt_runs", "hj_runs", "hj_wins", "sp_rank", "sp_implied_prob", "or_rank",
        "or_diff_to_top", "weight_diff_to_mean", "h_weight_change_kg", "h_or_change"}) {
      assertNull(t.get(c), c);
    }
    assertEquals(0L, t.get("h_going_runs"));
    assertEquals(1L, t.get("h_runs"));
  }

  @Test
  void racecardRowsGetFeaturesAndNullLabelsAndMakeNoHistory() throws Exception {
    long card;
    long cardLater;
    try (FixtureDb f = new FixtureDb(db())) {
      long r1 = f.race("2020-01-01", "14:00").add();
      f.runner(r1, 1).fin(1);
      f.runner(r1, 2).fin(2);
      long c1 = f.race("2020-02-01", "14:00").add();
      card = f.runner(c1, 1).sp(3.0).status(null);
      f.runner(c1, 2).sp(2.0).status(null);
      long c2 = f.race("2020-02-02", "14:00").add();
      cardLater = f.runner(c2, 1).status(null);
    }
    Map<Long, Map<String, Object>> rows = generate();
    Map<String, Object> c = rows.get(card);
    for (String label : new String[] {"won", "placed", "finish_position", "norm_pos"}) {
      assertNull(c.get(label), label);
    }
    assertEquals(1L, c.get("h_runs"));
    assertEquals(2L, c.get("sp_rank"));
    assertEquals(2L, c.get("field_size"));
    assertEquals(1L, rows.get(cardLater).get("h_runs"), "a racecard is not a run");
  }

  /**
   * Version 2 on the edges its issue names: a dead heat among priced runs, a race without any SP, a
   * race where some runners have none, NULL jockey and trainer, a prize NULL on a won race, a run at
   * exactly 10% of the distance, windows of exactly 14 and 90 days (and one day more).
   */
  @Test
  void version2FeaturesOnTheirEdges() throws Exception {
    long firstRun;
    long afterDeadHeat;
    long unknownTeam;
    long winLastTime;
    long unrated;
    long day91;
    try (FixtureDb f = new FixtureDb(db())) {
      long a = f.race("2020-01-01", "14:00").distance(1800).prize(10000.0).add(); // 10 * 200 = 2000: at the boundary
      firstRun = f.runner(a, 1).jockey(1L).trainer(1L).sp(2.0).fin(1);
      f.runner(a, 2).jockey(2L).trainer(1L).sp(4.0).fin(1); // dead heat, priced
      f.runner(a, 3).jockey(3L).trainer(1L).sp(8.0).fin(3);
      long b = f.race("2020-01-02", "14:00").distance(2000).prize(null).add(); // no SP at all; won, no prize
      f.runner(b, 1).jockey(1L).trainer(1L).sp(null).fin(2);
      f.runner(b, 4).jockey(4L).trainer(1L).sp(null).fin(1);
      long c = f.race("2020-01-16", "14:00").distance(2000).add(); // B 14 days before, A 15
      afterDeadHeat = f.runner(c, 1).jockey(1L).trainer(1L).sp(3.0).fin(1);
      f.runner(c, 3).jockey(3L).trainer(2L).sp(1.5).fin(2);
      unknownTeam = f.runner(c, 6).jockey(null).trainer(null).sp(null).fin(3); // some runners without SP
      long d = f.race("2020-03-31", "14:00").add(); // A exactly 90 days before
      winLastTime = f.runner(d, 2).jockey(2L).trainer(1L).rating(80).fin(1);
      unrated = f.runner(d, 5).jockey(1L).trainer(1L).fin(2);
      long e = f.race("2020-04-01", "14:00").add(); // A 91 days before, B 90
      day91 = f.runner(e, 4).jockey(4L).trainer(1L).fin(1);
      f.runner(e, 7).jockey(5L).trainer(3L).fin(2);
    }
    Map<Long, Map<String, Object>> rows = generate();
    Map<String, Object> first = rows.get(firstRun);
    assertNull(first.get("h_days_since_win"));
    assertEquals(0L, first.get("h_runs_since_win"));
    assertNull(first.get("h_prize_won"));
    assertNull(first.get("h_elo_change_last"));
    assertEquals(1L, first.get("course_id"));
    assertEquals("Good", first.get("going"));

    Map<String, Object> c1 = rows.get(afterDeadHeat);
    assertEquals(15L, c1.get("h_days_since_win"));
    assertEquals(1L, c1.get("h_runs_since_win"));
    assertEquals(2L, c1.get("h_cd_runs"), "1800 m is within 10% of 2000 m, exactly");
    assertEquals(1L, c1.get("h_cd_wins"));
    assertEquals(10000.0, c1.get("h_prize_won"), "B was not won and has no prize");
    assertEquals(1.0, c1.get("h_avg_sp_rank_last3"), "the favourite in A; B had no SP");
    assertEquals(1L, c1.get("j_rides_14d"), "B, 14 days before; A, 15, is out");
    assertEquals(0L, c1.get("j_wins_14d"));
    assertEquals(2L, c1.get("j_rides_90d"));
    assertEquals(1L, c1.get("j_wins_90d"));
    assertEquals(1.75, (Double) c1.get("j_ae_365d"), 1e-12, "1 win over A's probability 0.5 / 0.875");
    assertEquals(1.0, (Double) c1.get("j_roi_365d"), 1e-12, "won at 2.0: a return of 1; B unpriced");
    assertEquals(2.0, (Double) c1.get("t_ae_365d"), 1e-12, "the dead heat: 2 wins over probabilities summing to 1");
    assertEquals(1.0, (Double) c1.get("t_roi_365d"), 1e-12, "(1 + 3 - 1) / 3");
    assertEquals(5L, c1.get("t_course_runs"));
    assertEquals(3L, c1.get("t_course_wins"));
    assertNull(c1.get("h_max_or"));

    Map<String, Object> none = rows.get(unknownTeam);
    for (String name : new String[] {"j_rides_90d", "j_ae_365d", "j_roi_365d", "t_runs_90d", "t_course_runs",
        "t_ae_365d", "t_roi_365d", "sp_rank"}) {
      assertNull(none.get(name), name);
    }

    Map<String, Object> d2 = rows.get(winLastTime);
    assertEquals(90L, d2.get("h_days_since_win"));
    assertEquals(0L, d2.get("h_runs_since_win"), "won its most recent run");
    assertEquals(6L, d2.get("t_runs_90d"), "A at exactly 90 days is in");
    assertEquals(4L, d2.get("t_wins_90d"));
    assertEquals(80.0, d2.get("field_or_mean"));
    assertEquals(0.0, d2.get("or_vs_field_mean"));
    assertNull(rows.get(unrated).get("or_vs_field_mean"));
    assertEquals(80.0, rows.get(unrated).get("field_or_mean"));

    Map<String, Object> e4 = rows.get(day91);
    assertEquals(5L, e4.get("t_runs_90d"), "A at 91 days is out, B at 90 in");
    assertEquals(3L, e4.get("t_wins_90d"));
  }
}
