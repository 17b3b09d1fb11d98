package org.racefeatures.write;

import java.util.List;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;

/** The SQL of the output tables: {@code runner_features}, {@code feature_races}, {@code feature_runs}. */
final class FeatureTable {
  static final String NAME = "runner_features";

  private FeatureTable() {}

  /** Keys, features and labels, in table order. */
  static List<Feature> columns() {
    return FeatureCatalogue.tableColumns();
  }

  static String createFeatures() {
    StringBuilder b = new StringBuilder("CREATE TABLE " + NAME + " (\n  runner_id INTEGER PRIMARY KEY");
    List<Feature> cols = columns();
    for (Feature f : cols.subList(1, cols.size())) {
      b.append(",\n  ").append(f.name());
      if (!f.type().sqlType().isEmpty()) {
        b.append(' ').append(f.type().sqlType());
      }
    }
    return b.append("\n)").toString();
  }

  /**
   * One row per race whose features are in the table: which run wrote them, with which catalogue,
   * the fingerprint of the race's input rows then, its start (minutes since 1970-01-01, local time),
   * whether it was a racecard, and the lowest and highest runner_id of its rows (so that an update
   * finds a suffix of races' rows by a range of the table's key, not a scan). {@code race_id} has no declared type, so a text id is kept as
   * text (see {@code ValueType.ID}).
   */
  static final String CREATE_RACES =
      "CREATE TABLE feature_races (race_id PRIMARY KEY NOT NULL, run_id INTEGER NOT NULL,"
          + " catalogue_version INTEGER NOT NULL, target_rows INTEGER NOT NULL, fingerprint INTEGER,"
          + " start_minute INTEGER, racecard INTEGER, first_runner_id INTEGER, last_runner_id INTEGER)";

  /** Columns added to {@code feature_races} after its first version, with their types. */
  static final List<String> LATER_RACE_COLUMNS =
      List.of("fingerprint INTEGER", "start_minute INTEGER", "racecard INTEGER", "first_runner_id INTEGER",
          "last_runner_id INTEGER");

  /** One row per run of {@code generate}. */
  static final String CREATE_RUNS =
      "CREATE TABLE feature_runs (run_id INTEGER PRIMARY KEY, started TEXT NOT NULL, ended TEXT,"
          + " catalogue_version INTEGER NOT NULL, tool_version TEXT, source_db TEXT, parameters TEXT,"
          + " races_selected INTEGER, races_written INTEGER NOT NULL DEFAULT 0,"
          + " rows_written INTEGER NOT NULL DEFAULT 0, finished INTEGER NOT NULL DEFAULT 0)";
}
