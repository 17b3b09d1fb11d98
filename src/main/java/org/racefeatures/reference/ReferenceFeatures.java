package org.racefeatures.reference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A plain, slow reading of {@code features.md}: obvious loops over the rows it is given, no
 * running sums, no sharing with the engine's code. The tests hold the engine correct when it agrees
 * with this on every value of generated databases; {@code explain} recomputes one runner's values
 * with it from the rows that produced them.
 *
 * <p>Ids are longs here: a caller with text ids numbers them first (equal ids, equal numbers).
 */
public final class ReferenceFeatures {
  /** A race; {@code t} is t(R) as comparable text 'YYYY-MM-DD HH:MM'. */
  public record Race(long id, long course, String date, String off, int distance, String going, Integer cls,
      String surface, String type, Double prize, String t, LocalDate day) {
    public Race(long id, long course, String date, String off, int distance, String going, Integer cls,
        String surface, String type, Double prize) {
      this(id, course, date, off, distance, going, cls, surface, type, prize, date + " " + off, LocalDate.parse(date));
    }
  }

  public record Runner(long id, long raceId, long horse, Long jockey, Long trainer, Integer draw, Double weight,
      Integer age, Integer rating, Double sp, String status, Integer position, Double beaten) {}

  private final Map<Long, Race> races = new LinkedHashMap<>();
  final List<Runner> runners = new ArrayList<>();
  /** The runner rows of each race, in the order given. */
  private final Map<Long, List<Runner>> byRace = new HashMap<>();
  private final ReferenceVersion2 version2 = new ReferenceVersion2(this);

  /**
   * A reference over the given rows only: history is what they hold, so a caller that wants one
   * race's values passes every run of its entities, and every runner row of each race involved.
   * Runner rows of a race not among {@code races} are left out.
   */
  public ReferenceFeatures(Collection<Race> races, Collection<Runner> runners) {
    for (Race r : races) {
      this.races.put(r.id(), r);
    }
    for (Runner r : runners) {
      add(r);
    }
  }

  private void add(Runner r) {
    if (races.containsKey(r.raceId())) {
      runners.add(r);
      byRace.computeIfAbsent(r.raceId(), k -> new ArrayList<>()).add(r);
    }
  }

  /** The runner rows of {@code race}, in the order given. */
  public List<Runner> entries(long race) {
    return byRace.getOrDefault(race, List.of());
  }

  /** Reads the input tables, leaving out the races in {@code excluded} (skipped invalid races). */
  public ReferenceFeatures(Connection conn, Set<Long> excluded) throws SQLException {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT race_id, course_id, race_date, off_time, distance_m, going, race_class,"
            + " surface, race_type, prize FROM races")) {
      while (rs.next()) {
        Race r = new Race(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
            rs.getString(6), intOrNull(rs, "race_class"), rs.getString(8), rs.getString(9), doubleOrNull(rs, "prize"));
        if (!excluded.contains(r.id())) {
          races.put(r.id(), r);
        }
      }
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM runners")) {
      while (rs.next()) {
        Runner r = new Runner(rs.getLong("runner_id"), rs.getLong("race_id"), rs.getLong("horse_id"),
            longOrNull(rs, "jockey_id"), longOrNull(rs, "trainer_id"), intOrNull(rs, "draw"),
            doubleOrNull(rs, "weight_kg"), intOrNull(rs, "age"), intOrNull(rs, "official_rating"),
            doubleOrNull(rs, "sp_decimal"), rs.getString("status"), intOrNull(rs, "finish_position"),
            doubleOrNull(rs, "beaten_lengths"));
        add(r);
      }
    }
  }

  // ---- terms of features.md

  public Race race(Runner r) {
    return races.get(r.raceId());
  }

  /** n(R) of every race, counted once by a plain loop over the runner rows. */
  private final Map<Long, Integer> fieldSizes = new HashMap<>();

  public int fieldSize(Race race) {
    if (fieldSizes.isEmpty()) {
      for (Runner r : runners) {
        fieldSizes.merge(r.raceId(), "NR".equals(r.status()) ? 0 : 1, Integer::sum);
      }
    }
    return fieldSizes.getOrDefault(race.id(), 0);
  }

  public static boolean isRun(Runner r) {
    return r.status() != null && !r.status().equals("NR");
  }

  public static boolean won(Runner r) {
    return "FIN".equals(r.status()) && r.position() == 1;
  }

  public static boolean placed(Runner r) {
    return "FIN".equals(r.status()) && r.position() <= 3;
  }

  public double normPos(Runner r) {
    int n = fieldSize(race(r));
    if ("FIN".equals(r.status())) {
      return n > 1 ? (r.position() - 1) / (double) (n - 1) : 0.0;
    }
    return 1.0;
  }

  public static long days(Race target, Race earlier) {
    return ChronoUnit.DAYS.between(earlier.day(), target.day());
  }

  /** Order of races: (t, race_id). */
  private final Comparator<Race> raceOrder =
      Comparator.comparing(Race::t).thenComparingLong(Race::id);

  /** Every run, most recent first: (t, race_id) descending. */
  private List<Runner> newestFirst;

  /** Every run strictly before R (t < t(R)), most recent first. */
  public List<Runner> before(Race target) {
    if (newestFirst == null) {
      newestFirst = new ArrayList<>(runners.stream().filter(ReferenceFeatures::isRun).toList());
      newestFirst.sort(Comparator.comparing((Runner r) -> race(r), raceOrder).reversed());
    }
    List<Runner> out = new ArrayList<>();
    for (Runner r : newestFirst) {
      if (race(r).t().compareTo(target.t()) < 0) {
        out.add(r);
      }
    }
    return out;
  }

  /** The history of an entity: the runs before R that are its runs, most recent first. */
  public static List<Runner> history(List<Runner> before, Predicate<Runner> entity) {
    return before.stream().filter(entity).toList();
  }

  // ---- h_elo

  private Map<Long, Double> eloBefore() {
    List<Race> order = new ArrayList<>(races.values());
    order.sort(raceOrder);
    Map<Long, Double> rating = new HashMap<>();
    Map<Long, Double> before = new HashMap<>();
    for (Race race : order) {
      List<Runner> entries = new ArrayList<>(entries(race.id()));
      entries.sort(Comparator.comparingLong(Runner::id));
      for (Runner r : entries) {
        if (!"NR".equals(r.status())) {
          before.put(r.id(), rating.getOrDefault(r.horse(), 1500.0));
        }
      }
      rating.putAll(eloAfter(entries, rating));
    }
    return before;
  }

  /**
   * The ratings after one race of the horses that ran in it, by the rule of {@code h_elo}.
   *
   * @param entries the race's runner rows
   * @param rating the ratings before the race, by horse; a horse not in it has 1500
   * @return the new rating of each horse with a run; empty for a race with fewer than 2 runs
   */
  public static Map<Long, Double> eloAfter(List<Runner> entries, Map<Long, Double> rating) {
    List<Runner> runs = entries.stream().filter(ReferenceFeatures::isRun).toList();
    int m = runs.size();
    Map<Long, Double> updated = new HashMap<>();
    if (m < 2) {
      return updated;
    }
    {
      for (Runner a : runs) {
        double ra = rating.getOrDefault(a.horse(), 1500.0);
        double sum = 0;
        for (Runner b : runs) {
          if (b == a) {
            continue;
          }
          double rb = rating.getOrDefault(b.horse(), 1500.0);
          double s;
          boolean fa = "FIN".equals(a.status());
          boolean fb = "FIN".equals(b.status());
          if (fa && fb) {
            s = a.position() < b.position() ? 1 : a.position().equals(b.position()) ? 0.5 : 0;
          } else if (fa) {
            s = 1;
          } else if (fb) {
            s = 0;
          } else {
            s = 0.5;
          }
          sum += s - 1.0 / (1.0 + Math.pow(10.0, (rb - ra) / 400.0));
        }
        updated.put(a.horse(), ra + (32.0 / (m - 1)) * sum);
      }
    }
    return updated;
  }

  // ---- the catalogue

  /** Every target row of the given races (all races when null), by runner_id: column name to value. */
  public Map<Long, Map<String, Object>> compute(Set<Long> onlyRaces) {
    return compute(onlyRaces, eloBefore());
  }

  /**
   * As {@link #compute(Set)}, with each row's rating before its race given ({@code h_elo} by
   * runner_id) for the target rows and their horses' history runs, instead of replayed over every
   * race: a caller that holds only some races' rows supplies the ratings it checked otherwise.
   */
  public Map<Long, Map<String, Object>> compute(Set<Long> onlyRaces, Map<Long, Double> elo) {
    Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
    for (Race race : races.values()) {
      if (onlyRaces != null && !onlyRaces.contains(race.id())) {
        continue;
      }
      List<Runner> targets = new ArrayList<>();
      for (Runner r : entries(race.id())) {
        if (!"NR".equals(r.status())) {
          targets.add(r);
        }
      }
      List<Runner> before = targets.isEmpty() ? List.of() : before(race);
      for (Runner r : targets) {
        out.put(r.id(), row(race, r, targets, before, elo));
      }
    }
    return out;
  }

  /**
   * The row of one target row only, {@code runnerId}, with ratings given as in {@link
   * #compute(Set, Map)}: what a caller holding only that runner's sources can compute.
   */
  public Map<String, Object> computeRunner(long runnerId, Map<Long, Double> elo) {
    Runner r = runners.stream().filter(x -> x.id() == runnerId).findFirst().orElseThrow();
    Race race = race(r);
    List<Runner> targets = entries(race.id()).stream().filter(x -> !"NR".equals(x.status())).toList();
    return row(race, r, targets, before(race), elo);
  }

  private Map<String, Object> row(Race race, Runner r, List<Runner> targets, List<Runner> before,
      Map<Long, Double> elo) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("runner_id", r.id());
    v.put("race_id", race.id());
    v.put("horse_id", r.horse());
    v.put("race_date", race.date());
    int n = fieldSize(race);
    v.put("field_size", (long) n);
    v.put("distance_m", (long) race.distance());
    v.put("race_class", asLong(race.cls()));
    v.put("age", asLong(r.age()));
    v.put("weight_kg", r.weight());
    v.put("draw", asLong(r.draw()));
    v.put("official_rating", asLong(r.rating()));
    v.put("sp_decimal", r.sp());

    List<Runner> hist = history(before, x -> x.horse() == r.horse());
    long runs = hist.size();
    long wins = hist.stream().filter(ReferenceFeatures::won).count();
    long places = hist.stream().filter(ReferenceFeatures::placed).count();
    v.put("h_runs", runs);
    v.put("h_wins", wins);
    v.put("h_places", places);
    v.put("h_win_rate", rate(wins, runs));
    v.put("h_place_rate", rate(places, runs));
    v.put("h_avg_norm_pos", average(hist.stream().map(this::normPos).toList()));
    v.put("h_last_norm_pos", runs >= 1 ? normPos(hist.get(0)) : null);
    v.put("h_last2_norm_pos", runs >= 2 ? normPos(hist.get(1)) : null);
    v.put("h_last3_norm_pos", runs >= 3 ? normPos(hist.get(2)) : null);
    v.put("h_avg_norm_pos_last3", average(hist.stream().limit(3).map(this::normPos).toList()));
    v.put("h_days_since_last", runs >= 1 ? days(race, race(hist.get(0))) : null);
    v.put("h_runs_365d", hist.stream().filter(x -> days(race, race(x)) <= 365).count());
    v.put("h_avg_beaten_lengths_last5",
        average(hist.stream().limit(5).map(Runner::beaten).filter(Objects::nonNull).toList()));
    List<Runner> course = hist.stream().filter(x -> race(x).course() == race.course()).toList();
    v.put("h_course_runs", (long) course.size());
    v.put("h_course_wins", course.stream().filter(ReferenceFeatures::won).count());
    List<Runner> dist = hist.stream()
        .filter(x -> 10L * Math.abs(race(x).distance() - race.distance()) <= race.distance()).toList();
    v.put("h_dist_runs", (long) dist.size());
    v.put("h_dist_wins", dist.stream().filter(ReferenceFeatures::won).count());
    List<Runner> going = hist.stream()
        .filter(x -> race.going() != null && race.going().equals(race(x).going())).toList();
    v.put("h_going_runs", (long) going.size());
    v.put("h_going_wins", going.stream().filter(ReferenceFeatures::won).count());

    if (runs == 0) {
      v.put("h_dist_change_m", null);
      v.put("h_weight_change_kg", null);
      v.put("h_class_change", null);
      v.put("h_or_change", null);
    } else {
      Runner last = hist.get(0);
      Race lastRace = race(last);
      v.put("h_dist_change_m", (long) (race.distance() - lastRace.distance()));
      v.put("h_weight_change_kg", r.weight() == null || last.weight() == null ? null : r.weight() - last.weight());
      v.put("h_class_change", race.cls() == null || lastRace.cls() == null ? null : (long) (race.cls() - lastRace.cls()));
      v.put("h_or_change", r.rating() == null || last.rating() == null ? null : (long) (r.rating() - last.rating()));
    }
    v.put("h_elo", elo.get(r.id()));

    if (r.jockey() == null) {
      for (String k : List.of("j_rides_365d", "j_wins_365d", "j_win_rate_365d", "j_course_rides", "j_course_wins")) {
        v.put(k, null);
      }
    } else {
      List<Runner> j = history(before, x -> r.jockey().equals(x.jockey()));
      List<Runner> j365 = j.stream().filter(x -> days(race, race(x)) <= 365).toList();
      long jw = j365.stream().filter(ReferenceFeatures::won).count();
      v.put("j_rides_365d", (long) j365.size());
      v.put("j_wins_365d", jw);
      v.put("j_win_rate_365d", rate(jw, j365.size()));
      List<Runner> jc = j.stream().filter(x -> race(x).course() == race.course()).toList();
      v.put("j_course_rides", (long) jc.size());
      v.put("j_course_wins", jc.stream().filter(ReferenceFeatures::won).count());
    }
    if (r.trainer() == null) {
      for (String k : List.of("t_runs_365d", "t_wins_365d", "t_win_rate_365d", "t_runs_14d", "t_wins_14d")) {
        v.put(k, null);
      }
    } else {
      List<Runner> t = history(before, x -> r.trainer().equals(x.trainer()));
      List<Runner> t365 = t.stream().filter(x -> days(race, race(x)) <= 365).toList();
      List<Runner> t14 = t.stream().filter(x -> days(race, race(x)) <= 14).toList();
      long tw = t365.stream().filter(ReferenceFeatures::won).count();
      v.put("t_runs_365d", (long) t365.size());
      v.put("t_wins_365d", tw);
      v.put("t_win_rate_365d", rate(tw, t365.size()));
      v.put("t_runs_14d", (long) t14.size());
      v.put("t_wins_14d", t14.stream().filter(ReferenceFeatures::won).count());
    }
    if (r.jockey() == null || r.trainer() == null) {
      v.put("jt_runs", null);
      v.put("jt_wins", null);
    } else {
      List<Runner> jt = history(before, x -> r.jockey().equals(x.jockey()) && r.trainer().equals(x.trainer()));
      v.put("jt_runs", (long) jt.size());
      v.put("jt_wins", jt.stream().filter(ReferenceFeatures::won).count());
    }
    if (r.jockey() == null) {
      v.put("hj_runs", null);
      v.put("hj_wins", null);
    } else {
      List<Runner> hj = history(before, x -> x.horse() == r.horse() && r.jockey().equals(x.jockey()));
      v.put("hj_runs", (long) hj.size());
      v.put("hj_wins", hj.stream().filter(ReferenceFeatures::won).count());
    }

    double inverseSum = 0;
    for (Runner x : targets) {
      if (x.sp() != null) {
        inverseSum += 1.0 / x.sp();
      }
    }
    if (r.sp() == null) {
      v.put("sp_implied_prob", null);
      v.put("sp_rank", null);
    } else {
      v.put("sp_implied_prob", (1.0 / r.sp()) / inverseSum);
      v.put("sp_rank", 1 + targets.stream().filter(x -> x.sp() != null && x.sp() < r.sp()).count());
    }
    if (r.rating() == null) {
      v.put("or_rank", null);
      v.put("or_diff_to_top", null);
    } else {
      v.put("or_rank", 1 + targets.stream().filter(x -> x.rating() != null && x.rating() > r.rating()).count());
      int top = targets.stream().filter(x -> x.rating() != null).mapToInt(Runner::rating).max().orElseThrow();
      v.put("or_diff_to_top", (long) (r.rating() - top));
    }
    double mine = elo.get(r.id());
    v.put("elo_rank", 1 + targets.stream().filter(x -> elo.get(x.id()) - mine > 1e-6).count());
    Double meanWeight = average(targets.stream().map(Runner::weight).filter(Objects::nonNull).toList());
    v.put("weight_diff_to_mean", r.weight() == null ? null : r.weight() - meanWeight);
    v.put("draw_pct", r.draw() == null ? null : r.draw() / (double) n);
    version2.put(race, r, targets, before, elo, v);

    if (r.status() == null) {
      v.put("won", null);
      v.put("placed", null);
      v.put("finish_position", null);
      v.put("norm_pos", null);
    } else {
      v.put("won", won(r) ? 1L : 0L);
      v.put("placed", placed(r) ? 1L : 0L);
      v.put("finish_position", asLong(r.position()));
      v.put("norm_pos", normPos(r));
    }
    return v;
  }

  /**
   * Whether two values of a column agree as the catalogue asks of two implementations: integers
   * exactly, reals within 1e-9 relative, NULL only equal to NULL, an integer never equal to a real.
   */
  public static boolean same(Object want, Object got) {
    if (want == null || got == null) {
      return want == got;
    }
    if (want instanceof Double w) {
      if (!(got instanceof Double g)) {
        return false;
      }
      return Math.abs(w - g) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(w), Math.abs(g)));
    }
    return want.equals(got);
  }

  static Double rate(long wins, long runs) {
    return runs == 0 ? null : (double) wins / runs;
  }

  static Double average(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double s = 0;
    for (double x : values) {
      s += x;
    }
    return s / values.size();
  }

  static Long asLong(Integer v) {
    return v == null ? null : v.longValue();
  }

  private static Integer intOrNull(ResultSet rs, String col) throws SQLException {
    int v = rs.getInt(col);
    return rs.wasNull() ? null : v;
  }

  private static Long longOrNull(ResultSet rs, String col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : v;
  }

  private static Double doubleOrNull(ResultSet rs, String col) throws SQLException {
    double v = rs.getDouble(col);
    return rs.wasNull() ? null : v;
  }
}
