package org.racefeatures.features;

import java.util.ArrayList;
import java.util.List;

/**
 * The catalogue of {@code features.md}, version {@value #VERSION}: the four keys, the 53 features in
 * order, then the 4 labels. The families that compute the values also carry their names, types and
 * definitions, so what {@code racefeatures features} prints cannot drift from what is computed.
 */
public final class FeatureCatalogue {
  /** The version of {@code features.md} this engine implements. */
  public static final int VERSION = 1;

  /** The keys written with every row, before the features. */
  public static final List<Feature> KEYS = List.of(
      Feature.integer("Keys", "runner_id", "runners.runner_id (primary key)"),
      new Feature("race_id", ValueType.ID, "Keys", "races.race_id, as stored (integer or text)"),
      new Feature("horse_id", ValueType.ID, "Keys", "runners.horse_id, as stored (integer or text)"),
      new Feature("race_date", ValueType.TEXT, "Keys", "races.race_date"));

  private static final List<FeatureFamily> FEATURE_FAMILIES = List.of(
      new ContextFeatures(),
      new HorseFormFeatures(),
      new ChangeFeatures(),
      new RatingFeatures(),
      new JockeyTrainerFeatures(),
      new WithinRaceFeatures());

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

  /** The 53 features, in order. */
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
   * Every column of an output row, in table order: the 4 keys, the 53 features, the 4 labels. The
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
