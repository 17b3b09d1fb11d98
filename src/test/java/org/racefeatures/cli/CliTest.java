package org.racefeatures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.testing.Cli;

/** The command line contract: help, version, exit codes, messages without stack traces. */
class CliTest {
  @TempDir Path dir;

  @Test
  void everyCommandHasHelpAndExitsZero() {
    for (String command : List.of("generate", "features", "export", "demo-db", "import")) {
      Cli.Result r = Cli.run(command, "--help");
      assertEquals(0, r.exit(), command);
      assertTrue(r.out().contains("Usage: racefeatures " + command), r.out());
    }
    assertEquals(0, Cli.run("--help").exit());
  }

  @Test
  void helpListsEveryCommandAndAMistypedOneGetsASuggestion() {
    List<String> jobs = List.of("generate", "features", "export", "demo-db", "import", "help");
    Cli.Result top = Cli.run("--help");
    for (String job : jobs) {
      assertTrue(top.out().contains("\n  " + job + " "), job + " missing from:\n" + top.out());
    }
    Cli.Result help = Cli.run("help", "export");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Usage: racefeatures export"), help.out());
    Cli.Result typo = Cli.run("generat");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("racefeatures generate"), typo.err());
  }

  @Test
  void versionIsPrinted() {
    Cli.Result r = Cli.run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("racefeatures \\d+\\.\\d+\\.\\d+.*\\s*"), r.out());
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, Cli.run("generate", "--no-such-option").exit());
    assertEquals(2, Cli.run("generate", "--from=yesterday").exit());
    assertEquals(2, Cli.run("generate", "--workers=0").exit());
    assertEquals(2, Cli.run().exit());
    assertEquals(2, Cli.run("demo-db", "--races=0").exit());
  }

  @Test
  void aMissingDatabaseIsAFailureThatNamesItAndIsNeverCreated() {
    Path missing = dir.resolve("nope.db");
    Cli.Result r = Cli.run("generate", "--db=" + missing);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("database not found: " + missing), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
    assertFalse(Files.exists(missing));
  }

  @Test
  void aFileThatIsNotADatabaseIsNamed() throws Exception {
    Path text = dir.resolve("notes.db");
    Files.writeString(text, "not a database");
    Cli.Result r = Cli.run("generate", "--db=" + text);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains(text + ": not a SQLite database"), r.err());
  }

  @Test
  void aDatabaseWithoutTheInputTablesNamesTheTable() throws Exception {
    Path empty = dir.resolve("empty.db");
    try (var c = org.racefeatures.db.Sqlite.openOrCreate(empty); var st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE something (x INTEGER)");
    }
    Cli.Result r = Cli.run("generate", "--db=" + empty);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("missing from the input layout of schema.sql: table or view races,"
        + " table or view runners"), r.err());
  }

  @Test
  void featuresListsTheCatalogueOfTheSpecInOrder() {
    // Transcribed from features.md, section by section.
    List<String> spec = List.of(
        "field_size", "distance_m", "race_class", "age", "weight_kg", "draw", "official_rating", "sp_decimal",
        "h_runs", "h_wins", "h_places", "h_win_rate", "h_place_rate", "h_avg_norm_pos", "h_last_norm_pos",
        "h_last2_norm_pos", "h_last3_norm_pos", "h_avg_norm_pos_last3", "h_days_since_last", "h_runs_365d",
        "h_avg_beaten_lengths_last5", "h_course_runs", "h_course_wins", "h_dist_runs", "h_dist_wins",
        "h_going_runs", "h_going_wins",
        "h_dist_change_m", "h_weight_change_kg", "h_class_change", "h_or_change",
        "h_elo",
        "j_rides_365d", "j_wins_365d", "j_win_rate_365d", "j_course_rides", "j_course_wins", "t_runs_365d",
        "t_wins_365d", "t_win_rate_365d", "t_runs_14d", "t_wins_14d", "jt_runs", "jt_wins", "hj_runs", "hj_wins",
        "sp_implied_prob", "sp_rank", "or_rank", "or_diff_to_top", "elo_rank", "weight_diff_to_mean", "draw_pct",
        // Version 2 additions
        "course_id", "going", "surface", "race_type",
        "h_days_since_win", "h_runs_since_win", "h_best_norm_pos_last5", "h_max_or", "h_cd_runs", "h_cd_wins",
        "h_prize_won", "h_avg_sp_rank_last3",
        "h_elo_change_last", "h_elo_peak",
        "j_rides_90d", "j_wins_90d", "j_rides_14d", "j_wins_14d", "t_runs_90d", "t_wins_90d", "t_course_runs",
        "t_course_wins", "j_ae_365d", "t_ae_365d", "j_roi_365d", "t_roi_365d",
        "field_or_mean", "or_vs_field_mean", "field_elo_mean", "elo_vs_field", "weight_rank");
    assertEquals(84, spec.size());
    assertEquals(spec, FeatureCatalogue.features().stream().map(Feature::name).toList());
    assertEquals(List.of("won", "placed", "finish_position", "norm_pos"),
        FeatureCatalogue.labels().stream().map(Feature::name).toList());
    List<String> reals = List.of("weight_kg", "sp_decimal", "h_win_rate", "h_place_rate", "h_avg_norm_pos",
        "h_last_norm_pos", "h_last2_norm_pos", "h_last3_norm_pos", "h_avg_norm_pos_last3",
        "h_avg_beaten_lengths_last5", "h_weight_change_kg", "h_elo", "j_win_rate_365d", "t_win_rate_365d",
        "sp_implied_prob", "weight_diff_to_mean", "draw_pct", "norm_pos", "h_best_norm_pos_last5", "h_prize_won",
        "h_avg_sp_rank_last3", "h_elo_change_last", "h_elo_peak", "j_ae_365d", "t_ae_365d", "j_roi_365d", "t_roi_365d",
        "field_or_mean", "or_vs_field_mean", "field_elo_mean", "elo_vs_field");
    List<String> texts = List.of("going", "surface", "race_type");
    for (Feature f : FeatureCatalogue.columns()) {
      String want = reals.contains(f.name()) ? "real" : texts.contains(f.name()) ? "text"
          : f.name().equals("course_id") ? "id (integer or text, as stored)" : "int";
      assertEquals(want, f.type().catalogueName(), f.name());
    }
    Cli.Result r = Cli.run("features");
    assertEquals(0, r.exit());
    int last = -1;
    for (String name : spec) {
      int at = r.out().indexOf("\n  " + name + " ");
      assertTrue(at > last, name + " listed in order");
      last = at;
    }
    assertTrue(r.out().contains("h_dist_runs                  int   history runs whose distance d is within 10%"), r.out());
  }
}
