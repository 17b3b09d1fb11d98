package org.racefeatures.explain;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** An {@link Explanation} as text for a terminal: the sources, then the values family by family. */
final class ExplainText {
  private final StringBuilder out = new StringBuilder();

  private ExplainText() {}

  @SuppressWarnings("unchecked")
  static String of(Map<String, Object> e) {
    ExplainText t = new ExplainText();
    Map<String, Object> runner = (Map<String, Object>) e.get("runner");
    Map<String, Object> race = (Map<String, Object>) e.get("race");
    t.line("runner %s: horse %s, jockey %s, trainer %s%s", runner.get("runner_id"), runner.get("horse_id"),
        show(runner.get("jockey_id")), show(runner.get("trainer_id")),
        runner.get("status") == null ? " (racecard)" : "");
    t.line("race %s: %s %s at course %s, %s m, going %s, class %s, %s %s, prize %s, field of %s", race.get("race_id"),
        race.get("race_date"), race.get("off_time"), race.get("course_id"), race.get("distance_m"),
        show(race.get("going")), show(race.get("race_class")), show(race.get("surface")), show(race.get("race_type")),
        show(race.get("prize")), race.get("field_size"));
    List<Map<String, Object>> runs = (List<Map<String, Object>>) e.get("horse_runs");
    t.line("");
    t.line("Horse: %d history run%s, most recent first", runs.size(), runs.size() == 1 ? "" : "s");
    if (!runs.isEmpty()) {
      t.table(runs, List.of("race_date", "off_time", "race_id", "course_id", "distance_m", "going", "status",
          "finish_position", "field_size", "norm_pos", "beaten_lengths", "jockey_id", "sp_decimal", "h_elo"));
    }
    t.entity("Jockey", (Map<String, Object>) e.get("jockey"));
    t.entity("Trainer", (Map<String, Object>) e.get("trainer"));
    Map<String, Object> pairs = (Map<String, Object>) e.get("pairs");
    t.line("Pairs: jockey with trainer %s; horse with jockey %s",
        window((Map<String, Object>) pairs.get("jockey_trainer")), window((Map<String, Object>) pairs.get("horse_jockey")));
    Map<String, Object> elo = (Map<String, Object>) e.get("elo");
    t.line("Elo: before this race %s (%s)%s", show(elo.get("before_race")), elo.get("how"),
        elo.containsKey("before_last_run") ? "; before its last run " + show(elo.get("before_last_run")) : "");
    t.line("");
    t.line("Field (the race's target rows; ranks and h_elo from runner_features)");
    List<Map<String, Object>> field = (List<Map<String, Object>>) e.get("field");
    t.table(field, List.copyOf(field.get(0).keySet()));
    t.line("");
    t.line("Values (table; the reference path recomputes each from the rows above)");
    String family = null;
    for (Map<String, Object> c : (List<Map<String, Object>>) e.get("features")) {
      if (!c.get("family").equals(family)) {
        family = (String) c.get("family");
        t.line("  %s", family);
      }
      String status = (String) c.get("status");
      t.line("    %-28s %-18s %s", c.get("name"), show(c.get("table")), switch (status) {
        case "differs" -> "DIFFERS: recomputed " + show(c.get("recomputed"));
        case "not checked" -> "not checked: " + c.get("note");
        default -> "";
      });
    }
    t.line("");
    List<String> differences = (List<String>) e.get("differences");
    long unchecked = ((List<Map<String, Object>>) e.get("features")).stream()
        .filter(c -> c.get("status").equals("not checked")).count();
    if (differences.isEmpty()) {
      t.line("matches the table%s", unchecked == 0 ? "" : " (" + unchecked + " rating values not checked, see above)");
    } else {
      t.line("DIFFERS from the table in %d value%s:", differences.size(), differences.size() == 1 ? "" : "s");
      differences.forEach(d -> t.line("  %s", d));
    }
    return t.out.toString();
  }

  @SuppressWarnings("unchecked")
  private void entity(String name, Map<String, Object> m) {
    if (m == null) {
      line("%s: none (NULL on this row: its features are NULL)", name);
      return;
    }
    Map<String, Object> priced = (Map<String, Object>) m.get("priced_365d");
    String course = m.containsKey("course_rides") ? "course_rides" : "course_runs";
    line("%s %s: 14 days %s; 90 days %s; 365 days %s; priced runs in 365 days %s, return per run %s; at this course %s",
        name, m.get("id"), window((Map<String, Object>) m.get("14d")), window((Map<String, Object>) m.get("90d")),
        window((Map<String, Object>) m.get("365d")), window(priced), show(priced.get("return_per_run")),
        window((Map<String, Object>) m.get(course)));
  }

  private static String window(Map<String, Object> w) {
    if (w == null) {
      return "none (an id is NULL)";
    }
    String runs = w.get("runs") + " runs, " + w.get("wins") + " won";
    return w.get("first") == null ? runs : runs + " (" + w.get("first") + " to " + w.get("last") + ")";
  }

  private void table(List<Map<String, Object>> rows, List<String> columns) {
    int[] width = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      width[c] = columns.get(c).length();
      for (Map<String, Object> r : rows) {
        width[c] = Math.max(width[c], show(r.get(columns.get(c))).length());
      }
    }
    StringBuilder head = new StringBuilder("  ");
    for (int c = 0; c < columns.size(); c++) {
      head.append(String.format("%-" + (width[c] + 2) + "s", columns.get(c)));
    }
    line("%s", head.toString().stripTrailing());
    for (Map<String, Object> r : rows) {
      StringBuilder b = new StringBuilder("  ");
      for (int c = 0; c < columns.size(); c++) {
        b.append(String.format("%-" + (width[c] + 2) + "s", show(r.get(columns.get(c)))));
      }
      line("%s", b.toString().stripTrailing());
    }
  }

  private static String show(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d)
          : String.format(Locale.ROOT, "%.6g", d);
    }
    return v.toString();
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
