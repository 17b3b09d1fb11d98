package org.racefeatures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;

/** The command line's edges: usage errors, file problems before any work, progress, reports, order. */
class RoughEdgesTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void demo() throws Exception {
    db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(400, 5, 1), db, false);
  }

  private static void assertUsageError(Cli.Result r, String command, String problem) {
    assertEquals(2, r.exit(), r.err());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith("racefeatures: ") && lines.get(0).contains(problem), r.err());
    assertEquals("see 'racefeatures " + command + " --help'", lines.get(lines.size() - 1), r.err());
    assertTrue(lines.size() <= 4, "no help text after the error: " + r.err());
  }

  @Test
  void usageErrorsAreOneLineAndWhereToReadMore() {
    assertUsageError(Cli.run("generate", "--workers=0"), "generate", "--workers must be at least 1");
    assertUsageError(Cli.run("generate", "--limt=5"), "generate", "Unknown option: '--limt=5'");
    assertTrue(Cli.run("generate", "--limt=5").err().contains("--limit"), "a suggestion for the typo");
    assertUsageError(Cli.run("export", "--db=" + db), "export", "Missing required option: '--out=FILE'");
    assertUsageError(Cli.run("generate", "--db=" + db, "--limit=0"), "generate", "--limit must be at least 1");
    assertUsageError(Cli.run("generate", "--db=" + db, "--force"), "generate", "--force goes with --export");
    assertUsageError(Cli.run("generate", "--db=" + db, "--export=" + dir.resolve("x.csv"), "--format=parquet"),
        "generate", "--format parquet contradicts the extension of");
    assertUsageError(Cli.run("export", "--db=" + db, "--out=" + dir.resolve("features")), "export",
        "cannot tell the format of");
  }

  @Test
  void runningOutOfMemorySaysWhyAndWhatToDoNotAStackTrace() throws Exception {
    Path big = dir.resolve("big.db");
    DemoDatabase.write(new DemoSpec(20_000, 5, 1), big, false);
    Path log = dir.resolve("oom.log");
    List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx24m",
        "-XX:+UseSerialGC", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "org.racefeatures.cli.Main", "generate", "--db=" + big, "--out=" + dir.resolve("oom-out.db"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "ended");
    String out = Files.readString(log);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("racefeatures: out of memory (Java heap space) with a heap of at most"), out);
    assertTrue(out.contains("a run holds every race and runner row of its input"), out);
    assertFalse(out.contains("Exception in thread \"main\""), out);
  }

  @Test
  void fileProblemsNameThePathBeforeAnyWork() throws Exception {
    Path missingFolder = dir.resolve("no-such-folder").resolve("out.db");
    Cli.Result r = Cli.run("generate", "--db=" + db, "--out=" + missingFolder);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(missingFolder + ": no folder " + missingFolder.getParent()), r.err());
    assertFalse(r.err().contains("loading"), "checked before the load: " + r.err());

    Path folder = Files.createDirectories(dir.resolve("a-folder"));
    r = Cli.run("generate", "--db=" + db, "--out=" + folder);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(folder + ": is a folder, not a file"), r.err());

    long before = System.nanoTime();
    r = Cli.run("demo-db", "--races=200000", "--out=" + folder, "--force");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(folder + ": is a folder, not a file"), r.err());
    assertTrue(System.nanoTime() - before < 5e9, "refused before simulating 200,000 races");
  }

  @Test
  void withoutATerminalProgressIsPlainLinesWithEtaAndTheStagesReportThemselves() {
    Cli.Result r = Cli.ok("generate", "--db=" + db, "--out=" + dir.resolve("progress.db"), "--batch-races=20");
    assertTrue(r.err().contains("loading races and runners from " + db + " ..."), r.err());
    assertTrue(r.err().matches("(?s).*loaded 400 races and [0-9,]+ runner rows \\([0-9,]+ MB of columns, [0-9]+"
        + " bytes per runner row\\) in [0-9.]+ s.*"), r.err());
    assertTrue(r.err().matches("(?s).*100%  400 / 400 races  [0-9,]+ races/s  ETA 0\\.0 s.*"), r.err());
    assertFalse(r.err().contains("\r") || r.err().contains("\u001b"), "no cursor codes in a log");
  }

  @Test
  void invalidInputIsSummedUpPerColumnAndListedWholeInTheReport() throws Exception {
    Path bad = dir.resolve("bad-dates.db");
    Files.copy(db, bad);
    try (Connection c = Sqlite.openOrCreate(bad); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE races SET race_date = 'someday'");
    }
    Path report = dir.resolve("invalid.csv");
    Cli.Result r = Cli.run("generate", "--db=" + bad, "--out=" + dir.resolve("bad-out.db"),
        "--invalid-report=" + report);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("by column: races.race_date 400"), r.err());
    assertTrue(r.err().contains("the first 20:"), r.err());
    assertTrue(r.err().lines().count() < 30, "a summary, not 400 lines: " + r.err());
    List<String> csv = Files.readAllLines(report);
    assertEquals("table,key,id,column,reason,race_id", csv.get(0));
    assertEquals(401, csv.size(), "every invalid row");
    assertTrue(csv.get(1).startsWith("races,race_id,1,race_date,"), csv.get(1));
  }

  @Test
  void exportOfAFeaturesOnlyFileNamesItsInputAndSelectionFromItsRuns() throws Exception {
    Path features = dir.resolve("features-only.db");
    Cli.ok("generate", "--db=" + db, "--out=" + features, "--limit=50");
    Path parquet = dir.resolve("features-only.parquet");
    Cli.ok("export", "--db=" + features, "--out=" + parquet);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata('"
            + parquet + "')")) {
      java.util.Map<String, String> kv = new java.util.HashMap<>();
      while (rs.next()) {
        kv.put(rs.getString(1), rs.getString(2));
      }
      assertEquals(db.toAbsolutePath().toString(), kv.get("racefeatures.source_db"), kv.toString());
      assertTrue(kv.get("racefeatures.selection").contains("limit=50"), kv.toString());
      assertTrue(kv.containsKey("racefeatures.last_race_date"), kv.toString());
    }
  }

  @Test
  void generateExportAndExportWriteTheSameRowsInRunnerIdOrderEvenWhenIdsRunAgainstTime() throws Exception {
    Path reversed = dir.resolve("reversed-ids.db");
    Files.copy(db, reversed);
    try (Connection c = Sqlite.openOrCreate(reversed); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET runner_id = 1000000 - runner_id");
    }
    for (Path input : List.of(db, reversed)) {
      for (String ext : List.of("csv", "arrow")) {
        String name = input.getFileName() + "." + ext;
        Path out = dir.resolve(name + ".db");
        Path streamed = dir.resolve("streamed-" + name);
        Path exported = dir.resolve("exported-" + name);
        Cli.ok("generate", "--db=" + input, "--out=" + out, "--export=" + streamed);
        Cli.ok("export", "--db=" + out, "--out=" + exported);
        List<Long> a = runnerIds(streamed);
        assertEquals(runnerIds(exported), a, name);
        assertEquals(a.stream().sorted().toList(), a, name + ": in runner_id order");
        if (ext.equals("csv")) {
          assertEquals(Files.readString(exported), Files.readString(streamed), name);
        } else {
          assertEquals(arrowRows(exported), arrowRows(streamed), name);
        }
      }
    }
  }

  private static List<String> arrowRows(Path file) throws Exception {
    try (org.apache.arrow.memory.RootAllocator allocator = new org.apache.arrow.memory.RootAllocator();
        java.io.FileInputStream in = new java.io.FileInputStream(file.toFile())) {
      return org.racefeatures.testing.ArrowRows.readAll(
          new org.apache.arrow.vector.ipc.ArrowFileReader(in.getChannel(), allocator));
    }
  }

  private static List<Long> runnerIds(Path file) throws Exception {
    if (file.toString().endsWith(".arrow")) { // DuckDB reads Arrow IPC only with an extension
      return arrowRows(file).stream().map(row -> Long.parseLong(row.substring(0, row.indexOf('|')))).toList();
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("SELECT runner_id FROM read_csv('" + file + "')")) {
      List<Long> ids = new java.util.ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
      return ids;
    }
  }

  @Test
  void withoutDbTheDemoDatabaseIsTheProjectsWhateverTheCurrentFolder() {
    assertEquals(Path.of("").toAbsolutePath().resolve("data").resolve("demo.db"), DemoDbCommand.defaultDb(),
        "run from target/classes: the project's data folder");
  }
}
