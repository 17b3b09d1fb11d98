package org.racefeatures.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/** The engine against the plain reference, value by value, on generated databases. */
class EngineMatchesReferenceTest {
  @TempDir Path dir;

  private void assertEngineMatchesReference(DemoSpec spec, String... extra) throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(spec, db, false);
    String[] args = new String[2 + extra.length + 2];
    args[0] = "generate";
    args[1] = "--db=" + db;
    System.arraycopy(extra, 0, args, 2, extra.length);
    args[2 + extra.length] = "--workers=2";
    args[3 + extra.length] = "--batch-races=97";
    Cli.ok(args);
    Map<Long, Map<String, Object>> expected = FeatureTables.reference(db, Set.of(), null);
    Map<Long, Map<String, Object>> actual = FeatureTables.read(db);
    assertTrue(expected.size() > 10 * spec.races() / 2, "a realistic number of target rows");
    FeatureTables.assertSame(expected, actual);
  }

  @Test
  void everyValueMatchesTheReferenceOnAGeneratedDatabase() throws Exception {
    assertEngineMatchesReference(new DemoSpec(1_500, 7, 2));
  }

  @Test
  void everyValueMatchesTheReferenceWithAnotherSeedAndMoreRacecards() throws Exception {
    assertEngineMatchesReference(new DemoSpec(900, 2024, 5));
  }
}
