package org.racefeatures.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The feature catalogue, version {@value #VERSION}: the four keys, the 84 features in order (version 1's 53, then version 2's 31), then
 * the 4 labels, with the terms their definitions use. The families that compute the values also
 * carry their names, types, definitions and NULL rules, so what {@code racefeatures features} prints
 * (and {@code docs/features.md} holds) cannot drift from what is computed.
 */
public final class FeatureCatalogue {
  /** The version of the catalogue this engine implements. */
  public static final int VERSION = 2;

  /** The keys written with every row, before the features. */
  public static final List<Feature> KEYS = List.of(
      Feature.integer("Keys", "runner_id", "runners.runner_id (primary key)").nulls("never"),
      new Feature("race_id", ValueType.ID, "Keys", "races.race_id, as stored (integer or text)").nulls("never"),
      new Feature("horse_id", ValueType.ID, "Keys", "runners.horse_id, as stored (integer or text)").nulls("never"),
      new Feature("race_date", ValueType.TEXT, "Keys", "races.race_date").nulls("never"));

  /** The point-in-time guarantee, in one sentence. */
  public static final String GUARANTEE = "Point in time: every feature of a runner row comes only from races that"
      + " started strictly before its race (never the race itself, a race at the same time, or a later one);"
      + " only the labels describe the race itself.";

  /** A term the definitions use, and what it means. */
  public record Term(String term, String meaning) {}

  /** The terms of the definitions, in the order they build on each other. */
  public static final List<Term> TERMS = List.of(
      new Term("R, race time t(R)", "R is the race of the target row; t is a race's race_date and off_time"
          + " together. Races are ordered by (t, race_id)."),
      new Term("days(R, r)", "whole days from the date of run r's race to the date of R (calendar dates only)."),
      new Term("target row", "a runner row of a computed race whose status is not 'NR'. Every target row gets"
          + " exactly one row of features; non-runners get none."),
      new Term("run", "a runner row whose status is neither NULL nor 'NR': the horse started. Only runs make"
          + " history; a racecard (status NULL, the race not run yet) makes none."),
      new Term("field size n(R)", "the runner rows of R whose status is not 'NR' (on a racecard every declared"
          + " runner counts)."),
      new Term("won, placed, norm_pos", "of a run r in a race of field size n: won = status 'FIN' and"
          + " finish_position 1 (dead heats: every horse placed 1st won); placed = 'FIN' and finish_position <= 3;"
          + " norm_pos = (finish_position - 1) / (n - 1) when finished and n > 1, 0 when finished and n = 1,"
          + " 1 when the horse ran and did not finish."),
      new Term("history", "of an entity (horse, jockey, trainer, or a pair of them) for a target row of R: its"
          + " runs in races with t < t(R), strictly earlier. Same-day races that start earlier are history; races"
          + " at the same time, later races and R itself never are. \"Most recent\" orders history by"
          + " (t, race_id) descending."),
      new Term("window of D days", "the history runs with days(R, r) <= D."),
      new Term("rates, averages, differences", "a rate is wins / runs over the stated set, NULL when the set is"
          + " empty; an average over an empty set is NULL; a difference with a NULL side is NULL; a feature of"
          + " an entity whose id is NULL on the target row (no jockey known, say) is NULL."),
      new Term("Elo rule (h_elo)", "ratings start at 1500. Races with at least one run are taken in (t, race_id)"
          + " order. In a race with m >= 2 runs every pair (a, b) of runs is scored: S(a,b) = 1 when a finished"
          + " ahead of b (smaller finish_position; a finisher is ahead of any non-finisher), 0.5 when level (a"
          + " dead heat, or neither finished), else 0. With Ra, Rb from before the race, E(a,b) = 1 / (1 +"
          + " 10^((Rb - Ra) / 400)), and Ra' = Ra + (32 / (m - 1)) * sum over b != a of (S(a,b) - E(a,b)), all"
          + " horses of the race updated together. h_elo is the rating before R."),
      new Term("known at the off", "derived from sp_decimal, the starting price, which exists only once the race"
          + " starts: usable to model at the off, not for predictions made earlier."),
      new Term("labels", "won, placed, finish_position and norm_pos of the target row itself; NULL on a racecard."));

  private static final List<FeatureFamily> FEATURE_FAMILIES = List.of(
      new ContextFeatures(),
      new HorseFormFeatures(),
      new ChangeFeatures(),
      new RatingFeatures(),
      new JockeyTrainerFeatures(),
      new WithinRaceFeatures(),
      new CategoryFeatures(),
      new RecentFormFeatures(),
      new RatingTrendFeatures(),
      new MarketFormFeatures(),
      new FieldFeatures());

  private static final FeatureFamily LABELS = new LabelColumns();

  private static final List<Feature> FEATURES = flatten(FEATURE_FAMILIES);
  private static final List<Feature> COLUMNS = flatten(families());
  private static final List<Feature> TABLE_COLUMNS = tableColumns(COLUMNS);

  private FeatureCatalogue() {}

  /** The feature families then the labels, in output order. */
  static List<FeatureFamily> families() {
    List<FeatureFamily> all = new ArrayList<>(FEATURE_FAMILIES);
    all.add(LABELS);
    return all;
  }

  /** The 84 features, in order. */
  public static List<Feature> features() {
    return FEATURES;
  }

  /** The 4 labels, in order. */
  public static List<Feature> labels() {
    return LABELS.features();
  }

  /** Features then labels: the value columns of a {@link FeatureRows}, after the keys. */
  public static List<Feature> columns() {
    return COLUMNS;
  }

  /**
   * Every column of an output row, in table order: the 4 keys, the 84 features, the 4 labels. The
   * SQLite table, the exported files and the {@code features} listing all use this order.
   */
  public static List<Feature> tableColumns() {
    return TABLE_COLUMNS;
  }

  private static List<Feature> tableColumns(List<Feature> columns) {
    List<Feature> all = new ArrayList<>(KEYS);
    all.addAll(columns);
    return List.copyOf(all);
  }

  private static List<Feature> flatten(List<FeatureFamily> families) {
    List<Feature> out = new ArrayList<>();
    for (FeatureFamily f : families) {
      out.addAll(f.features());
    }
    return List.copyOf(out);
  }
}
