package org.racefeatures.explain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.reference.ReferenceFeatures;
import org.racefeatures.reference.ReferenceFeatures.Race;
import org.racefeatures.reference.ReferenceFeatures.Runner;

/**
 * One runner's row of {@code runner_features} explained: its race, the input rows behind each
 * family of features, and every value recomputed by the plain reference ({@link ReferenceFeatures})
 * from exactly those rows and compared with the table.
 *
 * <p>The rating needs every earlier race, which explain does not read. It is checked one step back
 * instead: the horse's rating before this race is recomputed from its last run's race, with the
 * ratings the table holds for that race's field before it (its rows' {@code h_elo}); a horse
 * without history must have 1500. Where those rows are not in the table (a run over part of the
 * races), the rating features are shown as "not checked", never as matching.
 *
 * <p>The result is a tree of maps and lists (column names as keys), printed as text or JSON.
 */
final class Explanation {
  /** The rating features: recomputed only when the rating before the race could be. */
  private static final Set<String> RATING = Set.of("h_elo", "h_elo_change_last", "elo_rank", "field_elo_mean",
      "elo_vs_field");
  /** The features that also need the ratings before each history run. */
  private static final Set<String> RATING_HISTORY = Set.of("h_elo_peak", "h_elo_change_last");

  private final Sources in;
  private final FeatureRows table;
  private final ReferenceFeatures reference;
  private final List<Runner> before;

  private Explanation(Sources in, FeatureRows table) {
    this.in = in;
    this.table = table;
    this.reference = new ReferenceFeatures(in.races.values(), in.runners);
    this.before = reference.before(in.race);
  }

  /**
   * Explains the runner whose sources {@code in} holds.
   *
   * @param features the database holding runner_features (may be the input's connection)
   */
  static Map<String, Object> of(Sources in, Connection features, String featuresFile) throws SQLException {
    FeatureRows table = new FeatureRows(features, featuresFile, in.target.id());
    return new Explanation(in, table).build();
  }

  private Map<String, Object> build() throws SQLException {
    Runner r = in.target;
    Race race = in.race;
    List<Runner> field = reference.entries(race.id()).stream().filter(x -> !"NR".equals(x.status())).toList();
    List<Runner> horse = ReferenceFeatures.history(before, x -> x.horse() == r.horse());
    List<Long> wanted = new ArrayList<>(field.stream().map(Runner::id).toList());
    horse.forEach(x -> wanted.add(x.id()));
    if (!horse.isEmpty()) {
      reference.entries(horse.get(0).raceId()).forEach(x -> wanted.add(x.id()));
    }
    Map<Long, Map<String, Object>> rows = table.rows(wanted);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("runner", runner(r));
    out.put("race", race(race));
    out.put("horse_runs", horse.stream().map(x -> run(x, rows)).toList());
    out.put("jockey", r.jockey() == null ? null : entity(in.idValue(r.jockey()), x -> r.jockey().equals(x.jockey()),
        true));
    out.put("trainer", r.trainer() == null ? null : entity(in.idValue(r.trainer()),
        x -> r.trainer().equals(x.trainer()), false));
    Map<String, Object> pairs = new LinkedHashMap<>();
    pairs.put("jockey_trainer", r.jockey() == null || r.trainer() == null ? null
        : window(ReferenceFeatures.history(before, x -> r.jockey().equals(x.jockey())
            && r.trainer().equals(x.trainer())), Integer.MAX_VALUE));
    pairs.put("horse_jockey", r.jockey() == null ? null
        : window(ReferenceFeatures.history(horse, x -> r.jockey().equals(x.jockey())), Integer.MAX_VALUE));
    out.put("pairs", pairs);

    Map<String, Object> elo = new LinkedHashMap<>();
    Double rating = ratingBefore(r, horse, rows, elo);
    out.put("elo", elo);
    Map<Long, Double> ratings = new HashMap<>();
    for (Runner x : field) {
      ratings.put(x.id(), tableReal(rows.get(x.id()), "h_elo"));
    }
    boolean historyRated = true;
    for (Runner x : horse) {
      Double e = tableReal(rows.get(x.id()), "h_elo");
      historyRated &= e != null;
      ratings.put(x.id(), e == null ? Double.NaN : e);
    }
    ratings.put(r.id(), rating == null ? tableReal(rows.get(r.id()), "h_elo") : rating);
    if (ratings.values().stream().anyMatch(v -> v == null)) {
      ratings.replaceAll((k, v) -> v == null ? Double.NaN : v);
    }
    out.put("field", field.stream().map(x -> fieldRow(x, rows.get(x.id()))).toList());

    Map<String, Object> values = reference.computeRunner(r.id(), ratings);
    values.put("course_id", in.idValue((Long) values.get("course_id")));
    List<Map<String, Object>> checks = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    List<Feature> columns = new ArrayList<>(FeatureCatalogue.features());
    columns.addAll(FeatureCatalogue.labels());
    for (Feature f : columns) {
      Object stored = table.target().get(f.name());
      Object recomputed = values.get(f.name());
      if (recomputed instanceof Double d && d.isNaN()) {
        recomputed = null; // from a rating the table lacks: reported as not checked below
      }
      String status;
      String note = null;
      if (RATING.contains(f.name()) && rating == null) {
        status = "not checked";
        note = "the rating before this race could not be recomputed (see elo)";
      } else if (RATING_HISTORY.contains(f.name()) && !historyRated) {
        status = "not checked";
        note = "runner_features lacks the rows of some of the horse's history runs";
      } else if (ReferenceFeatures.same(recomputed, stored)) {
        status = "matches";
      } else {
        status = "differs";
        differences.add(f.name() + ": table " + stored + ", recomputed " + recomputed);
      }
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", f.name());
      c.put("family", f.section());
      c.put("table", stored);
      c.put("recomputed", recomputed);
      c.put("status", status);
      if (note != null) {
        c.put("note", note);
      }
      checks.add(c);
    }
    out.put("features", checks);
    out.put("differences", differences);
    out.put("matches", differences.isEmpty());
    return out;
  }

  /**
   * The horse's rating before the race, recomputed one step back (see the class comment); null when
   * the table lacks a rating it needs. Describes the step in {@code elo}.
   */
  private Double ratingBefore(Runner r, List<Runner> horse, Map<Long, Map<String, Object>> rows,
      Map<String, Object> elo) {
    if (horse.isEmpty()) {
      elo.put("before_race", 1500.0);
      elo.put("how", "no history run: every horse starts at 1500");
      return 1500.0;
    }
    Runner last = horse.get(0);
    Race lastRace = reference.race(last);
    Map<Long, Double> startOfRace = new HashMap<>();
    int runs = 0;
    for (Runner x : reference.entries(last.raceId())) {
      if (ReferenceFeatures.isRun(x)) {
        runs++;
        Double e = tableReal(rows.get(x.id()), "h_elo");
        if (e == null) {
          elo.put("before_race", null);
          elo.put("how", "not recomputed: runner_features has no row for runner " + x.id() + " of race "
              + in.idValue(last.raceId()) + ", the horse's last run");
          return null;
        }
        startOfRace.put(x.horse(), e);
      }
    }
    double beforeLast = startOfRace.get(last.horse());
    double after = ReferenceFeatures.eloAfter(reference.entries(last.raceId()), startOfRace)
        .getOrDefault(last.horse(), beforeLast);
    elo.put("before_race", after);
    elo.put("before_last_run", beforeLast);
    elo.put("how", "recomputed from the horse's last run, race " + in.idValue(last.raceId()) + " on "
        + lastRace.date() + " (" + runs + " runs), with the ratings runner_features holds for that field before it");
    return after;
  }

  private Map<String, Object> runner(Runner r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runner_id", r.id());
    m.put("horse_id", in.idValue(r.horse()));
    m.put("jockey_id", in.idValue(r.jockey()));
    m.put("trainer_id", in.idValue(r.trainer()));
    m.put("status", r.status());
    return m;
  }

  private Map<String, Object> race(Race race) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("race_id", in.idValue(race.id()));
    m.put("race_date", race.date());
    m.put("off_time", race.off());
    m.put("course_id", in.idValue(race.course()));
    m.put("distance_m", race.distance());
    m.put("going", race.going());
    m.put("race_class", race.cls());
    m.put("surface", race.surface());
    m.put("race_type", race.type());
    m.put("prize", race.prize());
    m.put("field_size", reference.fieldSize(race));
    return m;
  }

  /** A history run as a row of the horse's list. */
  private Map<String, Object> run(Runner x, Map<Long, Map<String, Object>> rows) {
    Race q = reference.race(x);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("race_date", q.date());
    m.put("off_time", q.off());
    m.put("race_id", in.idValue(q.id()));
    m.put("course_id", in.idValue(q.course()));
    m.put("distance_m", q.distance());
    m.put("going", q.going());
    m.put("status", x.status());
    m.put("finish_position", x.position());
    m.put("field_size", reference.fieldSize(q));
    m.put("norm_pos", reference.normPos(x));
    m.put("beaten_lengths", x.beaten());
    m.put("jockey_id", in.idValue(x.jockey()));
    m.put("sp_decimal", x.sp());
    m.put("h_elo", tableReal(rows.get(x.id()), "h_elo"));
    return m;
  }

  /** A jockey's or trainer's windows, priced runs and course record. */
  private Map<String, Object> entity(Object id, Predicate<Runner> mine, boolean jockey) {
    List<Runner> history = ReferenceFeatures.history(before, mine);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("14d", window(history, 14));
    m.put("90d", window(history, 90));
    m.put("365d", window(history, 365));
    List<Runner> priced = history.stream()
        .filter(x -> ReferenceFeatures.days(in.race, reference.race(x)) <= 365 && x.sp() != null).toList();
    Map<String, Object> p = window(priced, 365);
    p.put("return_per_run", priced.isEmpty() ? null
        : priced.stream().mapToDouble(x -> ReferenceFeatures.won(x) ? x.sp() - 1 : -1).sum() / priced.size());
    m.put("priced_365d", p);
    m.put(jockey ? "course_rides" : "course_runs",
        window(ReferenceFeatures.history(history, x -> reference.race(x).course() == in.race.course()),
            Integer.MAX_VALUE));
    return m;
  }

  /** The runs of {@code history} within {@code days}: count, wins, first and last date. */
  private Map<String, Object> window(List<Runner> history, int days) {
    List<Runner> in = history.stream()
        .filter(x -> ReferenceFeatures.days(this.in.race, reference.race(x)) <= days).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runs", in.size());
    m.put("wins", in.stream().filter(ReferenceFeatures::won).count());
    m.put("first", in.isEmpty() ? null : reference.race(in.get(in.size() - 1)).date());
    m.put("last", in.isEmpty() ? null : reference.race(in.get(0)).date());
    return m;
  }

  private Map<String, Object> fieldRow(Runner x, Map<String, Object> row) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runner_id", x.id());
    m.put("horse_id", in.idValue(x.horse()));
    m.put("draw", x.draw());
    m.put("weight_kg", x.weight());
    m.put("official_rating", x.rating());
    m.put("sp_decimal", x.sp());
    for (String c : FeatureRows.FIELD_COLUMNS) {
      m.put(c, row == null ? null : row.get(c));
    }
    return m;
  }

  private static Double tableReal(Map<String, Object> row, String column) {
    return row == null || !(row.get(column) instanceof Number n) ? null : n.doubleValue();
  }
}
