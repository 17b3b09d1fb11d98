package org.racefeatures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.testing.Cli;

/** The catalogue explains itself, in every format, and docs/features.md is what the code prints. */
class FeatureDocsTest {
  @Test
  void docsFeaturesMdIsCurrent() throws Exception {
    assertEquals(Cli.ok("features", "--format=markdown").out(), Files.readString(Path.of("docs", "features.md")),
        "docs/features.md is out of date: regenerate it with"
            + " target/racefeatures features --format markdown > docs/features.md");
  }

  @Test
  void noHelpTextNamesAFileOutsideTheRepository() {
    for (String command : List.of("generate", "features", "export", "layout", "demo-db", "import")) {
      String help = Cli.ok(command, "--help").out().replace("docs/features.md", "");
      assertTrue(!help.contains("features.md"), command + " --help names features.md outside docs/: " + help);
      assertTrue(!help.contains("../"), command + " --help names a path outside the repository: " + help);
    }
    assertTrue(Files.isRegularFile(Path.of("data", "schema.sql")), "the schema.sql the help texts name is here");
  }

  @Test
  void everyColumnHasItsNullRuleAndTheSpDerivedOnesAreKnownAtTheOff() {
    for (Feature f : FeatureCatalogue.tableColumns()) {
      assertTrue(!f.nullRule().isBlank(), f.name() + " has a NULL rule");
    }
    List<String> atTheOff = FeatureCatalogue.tableColumns().stream().filter(Feature::knownAtOff).map(Feature::name)
        .toList();
    assertEquals(List.of("sp_decimal", "sp_implied_prob", "sp_rank", "h_avg_sp_rank_last3", "j_ae_365d", "t_ae_365d",
        "j_roi_365d", "t_roi_365d"), atTheOff);
  }

  @Test
  void theTextStartsWithTheGuaranteeAndDefinesTheTermsBeforeTheTables() {
    String text = Cli.ok("features").out();
    List<String> lines = text.lines().toList();
    assertEquals(FeatureCatalogue.GUARANTEE, lines.get(1));
    int terms = text.indexOf("\nTerms\n");
    int firstTable = text.indexOf("\nKeys\n");
    assertTrue(terms > 0 && firstTable > terms, text);
    for (String term : List.of("target row", "field size n(R)", "history", "window of D days", "Elo rule",
        "known at the off", "S(a,b)")) {
      int at = text.indexOf(term);
      assertTrue(at > 0 && at < firstTable, term + " defined before the tables");
    }
    assertTrue(text.contains("NULL: NULL where sp_decimal is NULL; known at the off"), text);
  }

  @Test
  void jsonAndCsvListEveryColumnInOrder() throws Exception {
    JsonNode json = new ObjectMapper().readTree(Cli.ok("features", "--format=json").out());
    assertEquals(FeatureCatalogue.VERSION, json.get("version").asInt());
    assertEquals(FeatureCatalogue.tableColumns().size(), json.get("columns").size());
    assertEquals("h_elo", json.get("columns").get(FeatureCatalogue.tableColumns().stream().map(Feature::name)
        .toList().indexOf("h_elo")).get("name").asText());
    assertTrue(json.get("columns").get(0).has("null") && json.get("columns").get(0).has("known_at_off"));
    List<String> csv = Cli.ok("features", "--format=csv").out().lines().toList();
    assertEquals("name,type,section,definition,null,known_at_off", csv.get(0));
    assertEquals(FeatureCatalogue.tableColumns().size() + 1, csv.size());
  }
}
