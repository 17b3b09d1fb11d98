package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.racefeatures.testing.DbFiles.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/**
 * Layouts: a database read through the built-in Racing API layout, or through a mapping file, gives
 * the features of the native file of the same data, and is not changed by being read.
 */
class LayoutsTest {
  @TempDir static Path dir;
  static Path nativeDb;
  static Path racingApi;
  static Map<Long, Map<String, Object>> nativeFeatures;

  private static final DemoSpec SPEC = new DemoSpec(1_500, 31, 2);

  @BeforeAll
  static void demoFilesOfOneSeed() throws Exception {
    nativeDb = dir.resolve("native.db");
    racingApi = dir.resolve("racing_pro.db");
    DemoDatabase.write(SPEC, nativeDb, false);
    DemoDatabase.write(SPEC, racingApi, false, DemoDatabase.Layout.RACING_API);
    Path out = dir.resolve("native-out.db");
    Cli.ok("generate", "--db=" + nativeDb, "--out=" + out);
    nativeFeatures = FeatureTables.read(out);
    assertTrue(nativeFeatures.size() > 5_000);
  }

  /** The native features with the ids as a text-id layout writes them. */
  /** The native file's rows with the Racing API's text ids (course_id, a feature, as stored too). */
  private static Map<Long, Map<String, Object>> withTextIds(String racePrefix, String horsePrefix) {
    Map<Long, Map<String, Object>> want = new LinkedHashMap<>();
    nativeFeatures.forEach((runner, row) -> {
      Map<String, Object> copy = new LinkedHashMap<>(row);
      copy.put("race_id", racePrefix + row.get("race_id"));
      copy.put("horse_id", horsePrefix + row.get("horse_id"));
      copy.put("course_id", "crs_" + row.get("course_id"));
      want.put(runner, copy);
    });
    return want;
  }

  private static Map<Long, Map<String, Object>> generate(Path db, String... options) throws SQLException {
    Path out = dir.resolve(db.getFileName() + "-" + options.length + "-out.db");
    String[] args = new String[options.length + 3];
    args[0] = "generate";
    args[1] = "--db=" + db;
    args[2] = "--out=" + out;
    System.arraycopy(options, 0, args, 3, options.length);
    Cli.ok(args);
    return FeatureTables.read(out);
  }

  @Test
  void theRacingApiFileIsDetectedAndGivesTheNativeFilesFeaturesUnchanged() throws Exception {
    String before = sha256(racingApi);
    Path out = dir.resolve("detected-out.db");
    Cli.Result r = Cli.ok("generate", "--db=" + racingApi, "--out=" + out);
    assertTrue(r.out().lines().findFirst().orElse("").contains("read in The Racing API's layout (detected"), r.out());
    assertEquals(withTextIds("rac_", "hrs_"), FeatureTables.read(out));
    assertEquals(before, sha256(racingApi), "the input file is byte for byte as it was");
    assertFalse(Files.exists(Path.of(racingApi + "-journal")) || Files.exists(Path.of(racingApi + "-wal")));
  }

  @Test
  void theRacingApiLayoutNamedExplicitlyGivesTheSameFeatures() throws Exception {
    assertEquals(withTextIds("rac_", "hrs_"), generate(racingApi, "--layout=racing-api"));
  }

  @Test
  void readingTheRacingApiFileAsNativeNamesWhatIsMissingAndTheLayout() {
    Cli.Result r = Cli.run("generate", "--db=" + racingApi, "--out=" + dir.resolve("forced-native.db"),
        "--layout=native");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("column races.race_date") && r.err().contains("column runners.status")
        && r.err().contains("--layout racing-api"), r.err());
  }

  @Test
  void abandonedRacesAndTheirRunnersAreLeftOut() throws Exception {
    Path db = dir.resolve("abandoned.db");
    Files.copy(racingApi, db);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO races (race_id, course_id, date, off_time, off_dt, distance_f, race_class, type,"
          + " going, surface, prize, is_abandoned) SELECT 'rac_x', course_id, date, off_time, off_dt, distance_f,"
          + " race_class, type, going, surface, prize, 1 FROM races WHERE race_id = 'rac_700'");
      st.executeUpdate("INSERT INTO runners (runner_id, race_id, horse_id, jockey_id, trainer_id, draw, lbs, age, ofr)"
          + " SELECT runner_id + 1000000, 'rac_x', horse_id, jockey_id, trainer_id, draw, lbs, age, ofr"
          + " FROM runners WHERE race_id = 'rac_700'");
    }
    assertEquals(withTextIds("rac_", "hrs_"), generate(db));
  }

  @Test
  void withoutMarketOddsRacecardRunnersHaveNoPriceAndEverythingElseIsTheSame() throws Exception {
    Path db = dir.resolve("no-odds.db");
    Files.copy(racingApi, db);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.executeUpdate("DROP TABLE runner_market_odds");
    }
    Map<Long, Map<String, Object>> got = generate(db);
    Map<Long, Map<String, Object>> want = withTextIds("rac_", "hrs_");
    assertEquals(want.keySet(), got.keySet());
    int racecardRows = 0;
    for (Map.Entry<Long, Map<String, Object>> e : want.entrySet()) {
      Map<String, Object> row = got.get(e.getKey());
      if (e.getValue().get("won") == null) { // a racecard row: its price came from the market odds
        racecardRows++;
        assertNull(row.get("sp_implied_prob"), "runner " + e.getKey());
      } else {
        assertEquals(e.getValue(), row);
      }
    }
    assertTrue(racecardRows > 50, "racecard rows: " + racecardRows);
  }

  @Test
  void aMappingFileThatWouldChangeTheDatabaseIsRefusedBeforeAnythingRuns() throws Exception {
    Path db = dir.resolve("refused.db");
    Files.copy(nativeDb, db);
    String before = sha256(db);
    Path layout = dir.resolve("bad.sql");
    Files.writeString(layout, "CREATE TEMP VIEW x AS SELECT 1;\n-- a comment; with a semicolon\n"
        + "CREATE VIEW races2 AS SELECT * FROM races;");
    Cli.Result r = Cli.run("generate", "--db=" + db, "--out=" + dir.resolve("refused-out.db"), "--layout=" + layout);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("layout file " + layout + ": statement 2 is not CREATE TEMP VIEW"), r.err());
    assertEquals(before, sha256(db));
    try (Connection c = Sqlite.openExisting(db, true)) {
      assertFalse(Schema.hasTable(c, "races2"));
    }
  }

  @Test
  void aMappingFileNamingAMissingColumnFailsNamingTheFileAndTheColumn() throws Exception {
    Path layout = dir.resolve("typo.sql");
    Files.writeString(layout, "CREATE TEMP VIEW races AS SELECT race_id, course_id, race_dat AS race_date,"
        + " off_time, distance_m, going, surface, race_type, race_class, prize FROM main.races;");
    Cli.Result r = Cli.run("generate", "--db=" + nativeDb, "--out=" + dir.resolve("typo-out.db"), "--layout=" + layout);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("layout file " + layout) && r.err().contains("race_dat"), r.err());
  }

  @Test
  void aLayoutThatIsNeitherBuiltInNorAFileIsAUsageError() {
    Cli.Result r = Cli.run("generate", "--db=" + nativeDb, "--layout=racing_api");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--layout racing_api: neither a built-in layout (native, racing-api) nor a file"),
        r.err());
  }

  @Test
  void theLayoutCommandListsAndPrintsTheBuiltInLayouts() {
    Cli.Result list = Cli.ok("layout");
    assertTrue(list.out().contains("native") && list.out().contains("racing-api"), list.out());
    assertEquals(Layout.builtInScript("racing-api"), Cli.ok("layout", "racing-api").out());
    assertEquals(Sqlite.inputSchema(), Cli.ok("layout", "native").out());
    assertEquals(2, Cli.run("layout", "nosuch").exit());
  }

  @Test
  void thePrintedRacingApiLayoutWorksAsAMappingFile() throws Exception {
    Path copy = dir.resolve("my-racing-api.sql");
    Files.writeString(copy, Cli.ok("layout", "racing-api").out());
    Path out = dir.resolve("copy-out.db");
    Cli.Result r = Cli.ok("generate", "--db=" + racingApi, "--out=" + out, "--layout=" + copy);
    assertTrue(r.out().startsWith(racingApi + ": read through layout file " + copy), r.out());
    assertEquals(withTextIds("rac_", "hrs_"), FeatureTables.read(out));
  }

  @Test
  void exportOfFeaturesWrittenIntoTheRacingApiFileReadsItsRacesThroughTheLayout() throws Exception {
    Path db = dir.resolve("in-place.db");
    Files.copy(racingApi, db);
    Cli.ok("generate", "--db=" + db, "--test");
    Path csv = dir.resolve("in-place.csv");
    Cli.Result r = Cli.ok("export", "--db=" + db, "--out=" + csv);
    assertTrue(r.out().contains("exported"), r.out());
    assertTrue(Files.readString(csv).contains("rac_1,"), "text race ids exported");
  }

  private static int connectionsToLoad(Path db, Layout layout) throws Exception {
    Loader loader = new Loader(db, layout);
    try (Connection c = Sqlite.openExisting(db, true);
        org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
        org.racefeatures.model.RacingData data = loader.load(c, allocator, false)) {
      assertTrue(data.runners().size() > 10_000);
    }
    return loader.connectionsUsed();
  }

  @Test
  void aLayoutsViewsAreReadOnTwoConnectionsInRollbackJournalModeEachWithTheViews() throws Exception {
    assertEquals(2, connectionsToLoad(racingApi, Layout.of("racing-api")));
  }

  @Test
  void aViewWithANullRunnerIdIsReadOnOneConnectionAndTheRowNamed() throws Exception {
    Path layout = dir.resolve("null-runner.sql");
    Files.writeString(layout, "CREATE TEMP VIEW runners AS SELECT CASE WHEN runner_id = 5 THEN NULL ELSE runner_id END"
        + " AS runner_id, race_id, horse_id, jockey_id, trainer_id, draw, weight_kg, age, official_rating, sp_decimal,"
        + " status, finish_position, beaten_lengths FROM main.runners;");
    Loader loader = new Loader(nativeDb, Layout.of(layout.toString()));
    try (Connection c = Sqlite.openExisting(nativeDb, true);
        org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator()) {
      InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
          () -> loader.load(c, allocator, false));
      assertTrue(e.rows().stream().anyMatch(r -> r.column().equals("runner_id") && r.reason().startsWith("is NULL")),
          e.getMessage());
    }
    assertEquals(1, loader.connectionsUsed());
  }
}
