package org.racefeatures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FixtureDb;

/**
 * The export reads runner_features through the driver with every storage class checked: text ids
 * are exported as strings in every format, a value of the wrong class is an error naming its
 * runner_id and column, and a failure is never lost between the reading thread and the writer.
 */
class ExportReadsExactlyTest {
  @TempDir static Path dir;
  static Path db;

  /** Forty races of four runners with text race, course and horse ids, and their features. */
  @BeforeAll
  static void textIds() throws Exception {
    db = dir.resolve("text.db");
    try (FixtureDb f = new FixtureDb(db)) {
      for (int d = 1; d <= 40; d++) {
        long r = f.race(String.format("2020-%02d-%02d", 1 + d / 28, 1 + d % 28), "14:00").add();
        for (int h = 1; h <= 4; h++) {
          f.runner(r, (d + h) % 9 + 1).fin(h);
        }
      }
      try (Statement st = f.connection().createStatement()) {
        // The same tables with text ids (CREATE TABLE AS keeps each value's storage class).
        st.executeUpdate("CREATE TABLE text_races AS SELECT 'rce_' || race_id AS race_id,"
            + " 'crs_' || (race_id % 3) AS course_id, race_date,"
            + " off_time, distance_m, going, surface, race_type, race_class, prize FROM races");
        st.executeUpdate("CREATE TABLE text_runners AS SELECT runner_id, 'rce_' || race_id AS race_id,"
            + " 'hrs_' || horse_id AS horse_id, jockey_id, trainer_id, draw, weight_kg, age, official_rating,"
            + " sp_decimal, status, finish_position, beaten_lengths FROM runners");
        st.executeUpdate("DROP TABLE runners");
        st.executeUpdate("DROP TABLE races");
        st.executeUpdate("ALTER TABLE text_races RENAME TO races");
        st.executeUpdate("ALTER TABLE text_runners RENAME TO runners");
      }
    }
    Cli.ok("generate", "--db=" + db);
  }

  private static Path copyWith(String name, String sql) throws Exception {
    Path copy = dir.resolve(name + ".db");
    Files.copy(db, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (Connection c = Sqlite.openOrCreate(copy); Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
    return copy;
  }

  @Test
  void textIdsAreStringsInParquetCsvAndArrow() throws Exception {
    Path parquet = dir.resolve("ids.parquet");
    Path csv = dir.resolve("ids.csv");
    Path arrow = dir.resolve("ids.arrow");
    Cli.ok("export", "--db=" + db, "--out=" + parquet);
    Cli.ok("export", "--db=" + db, "--out=" + csv);
    Cli.ok("export", "--db=" + db, "--out=" + arrow);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT typeof(race_id), typeof(horse_id), count(*),"
          + " count(*) FILTER (WHERE race_id LIKE 'rce\\_%' ESCAPE '\\' AND horse_id LIKE 'hrs\\_%' ESCAPE '\\')"
          + " FROM read_parquet('" + parquet + "') GROUP BY ALL")) {
        assertTrue(rs.next());
        assertEquals("VARCHAR", rs.getString(1));
        assertEquals("VARCHAR", rs.getString(2));
        assertEquals(160, rs.getLong(3));
        assertEquals(160, rs.getLong(4));
        assertFalse(rs.next());
      }
    }
    assertTrue(Files.readAllLines(csv).get(1).matches("\\d+,rce_\\d+,hrs_\\d+,2020-.*"), Files.readAllLines(csv).get(1));
    try (BufferAllocator allocator = new RootAllocator();
        FileInputStream in = new FileInputStream(arrow.toFile());
        ArrowFileReader reader = new ArrowFileReader(in.getChannel(), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(ArrowType.Utf8.INSTANCE, root.getSchema().findField("race_id").getType());
      assertTrue(reader.loadNextBatch());
      assertTrue(((VarCharVector) root.getVector("horse_id")).getObject(0).toString().startsWith("hrs_"));
      assertTextCoursesAreDictionaryEncoded(reader);
    }
  }

  /** A text course_id is a dictionary of the course ids in Arrow IPC (an integer one is int64). */
  private static void assertTextCoursesAreDictionaryEncoded(ArrowFileReader reader) throws Exception {
    org.apache.arrow.vector.types.pojo.DictionaryEncoding encoding =
        reader.getVectorSchemaRoot().getSchema().findField("course_id").getDictionary();
    assertTrue(encoding != null, "course_id dictionary-encoded");
    assertEquals("[crs_0, crs_1, crs_2]", reader.lookup(encoding.getId()).getVector().toString());
  }

  @Test
  void generateExportToArrowEncodesTheSameDictionaries() throws Exception {
    Path copy = copyWith("gen-export-arrow", "DELETE FROM feature_races");
    Path arrow = dir.resolve("gen.arrow");
    Cli.ok("generate", "--db=" + copy, "--export=" + arrow);
    Path exported = dir.resolve("exported.arrow");
    Cli.ok("export", "--db=" + copy, "--out=" + exported);
    try (BufferAllocator allocator = new RootAllocator();
        FileInputStream in = new FileInputStream(arrow.toFile());
        ArrowFileReader reader = new ArrowFileReader(in.getChannel(), allocator)) {
      assertTrue(reader.loadNextBatch());
      assertTextCoursesAreDictionaryEncoded(reader);
    }
    try (BufferAllocator allocator = new RootAllocator();
        FileInputStream a = new FileInputStream(arrow.toFile());
        FileInputStream b = new FileInputStream(exported.toFile())) {
      assertEquals(org.racefeatures.testing.ArrowRows.readAll(new ArrowFileReader(b.getChannel(), allocator)),
          org.racefeatures.testing.ArrowRows.readAll(new ArrowFileReader(a.getChannel(), allocator)),
          "streamed and exported: the same values");
    }
  }

  @Test
  void generateExportWritesTextIdsAsStringsToo() throws Exception {
    Path copy = copyWith("gen-export", "DELETE FROM feature_races");
    Path parquet = dir.resolve("gen.parquet");
    Cli.ok("generate", "--db=" + copy, "--export=" + parquet);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT typeof(race_id), min(race_id) FROM read_parquet('" + parquet + "')"
            + " GROUP BY ALL")) {
      assertTrue(rs.next());
      assertEquals("VARCHAR", rs.getString(1));
      assertTrue(rs.getString(2).startsWith("rce_"));
    }
  }

  private static void assertExportFails(Path source, String message) {
    for (String format : new String[] {"parquet", "arrow", "csv"}) {
      Path out = dir.resolve("bad." + format);
      Cli.Result r = Cli.run("export", "--db=" + source, "--out=" + out, "--force");
      assertEquals(1, r.exit(), format + ": " + r.out() + r.err());
      assertTrue(r.err().contains(message), format + ": " + r.err());
      assertFalse(Files.exists(out), "no file left");
    }
  }

  @Test
  void wrongStorageClassesInTheTableAreNamedByRunnerAndColumn() throws Exception {
    assertExportFails(copyWith("text-int", "UPDATE runner_features SET h_runs = 'abc' WHERE runner_id = 7"),
        "runner_features row runner_id=7, column h_runs: 'abc' (text) is not an integer");
    assertExportFails(copyWith("real-int", "UPDATE runner_features SET h_runs = 1.5 WHERE runner_id = 8"),
        "runner_features row runner_id=8, column h_runs: 1.5 (a real) is not an integer");
    assertExportFails(copyWith("blob-real", "UPDATE runner_features SET h_win_rate = x'00' WHERE runner_id = 9"),
        "runner_features row runner_id=9, column h_win_rate: a blob is not a number");
    assertExportFails(copyWith("null-date", "UPDATE runner_features SET race_date = NULL WHERE runner_id = 10"),
        "runner_features row runner_id=10, column race_date: NULL is not a date 'YYYY-MM-DD'");
    assertExportFails(copyWith("real-id", "UPDATE runner_features SET race_id = 2.5 WHERE runner_id = 11"),
        "runner_features row runner_id=11, column race_id: 2.5 (a real) is not an integer or text id");
  }

  /** Text that is no date sorts before '0000' or after '9999': no date range may pass over it silently. */
  @Test
  void aTextDateThatIsNoDateIsNamedWithOrWithoutADateRange() throws Exception {
    Path late = copyWith("na-date", "UPDATE runner_features SET race_date = 'n/a' WHERE runner_id = 12");
    Path early = copyWith("empty-date", "UPDATE runner_features SET race_date = '' WHERE runner_id = 13");
    assertExportFails(late, "runner_features row runner_id=12, column race_date: 'n/a' (text) is not a date");
    assertExportFails(early, "runner_features row runner_id=13, column race_date: '' (text) is not a date");
    for (String[] range : new String[][] {{"--from=2015-01-01"}, {"--to=2030-12-31"},
        {"--from=2015-01-01", "--to=2030-12-31"}}) {
      for (String command : new String[] {"export", "report"}) {
        Path out = dir.resolve("ranged." + (command.equals("export") ? "csv" : "html"));
        List<String> args = new java.util.ArrayList<>(List.of(command, "--db=" + late, "--out=" + out, "--force"));
        args.addAll(List.of(range));
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertEquals(1, r.exit(), command + " " + args + ": " + r.out() + r.err());
        assertTrue(r.err().contains("runner_id=12, column race_date: 'n/a' (text) is not a date"), r.err());
      }
    }
  }

  @Test
  void aFailureLateInTheTableReachesASlowConsumer() throws Exception {
    Path bad = copyWith("late", "UPDATE runner_features SET h_wins = 'x' WHERE runner_id = 150");
    try (BufferAllocator allocator = new RootAllocator();
        SqliteFeatureReader reader = new SqliteFeatureReader(allocator, bad, null, null, Map.of(), 10, 30)) {
      InputException e = assertThrows(InputException.class, () -> {
        while (reader.loadNextBatch()) {
          Thread.sleep(20); // the reading thread fills the queue and waits with the failure
        }
      });
      assertTrue(e.getMessage().contains("runner_id=150, column h_wins"), e.getMessage());
      // Batches of 10 rows: the one holding runner 150 starts after runner 140 and is never handed on.
      assertTrue(reader.rows() >= 140 && reader.rows() < 150, "every batch before the failing one: " + reader.rows());
    }
  }

  @Test
  void anExportOverItsOwnDatabaseIsAUsageError() throws Exception {
    byte[] before = Files.readAllBytes(db);
    Cli.Result r = Cli.run("export", "--db=" + db, "--out=" + db, "--force", "--format=parquet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("is the database being exported"), r.err());
    Cli.Result g = Cli.run("generate", "--db=" + db, "--export=" + db, "--force", "--format=parquet");
    assertEquals(2, g.exit(), g.err());
    assertTrue(g.err().contains("names the database this run reads or writes"), g.err());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the database is untouched");
  }

  /** Text comes out as the same UTF-8 whatever the database's encoding (SQLite converts it for us). */
  @Test
  void aUtf16TableGivesTheSameRowsAsItsUtf8Original() throws Exception {
    Path utf16 = dir.resolve("utf16.db");
    // A database of another encoding cannot be attached: copy the table row by row, each value as stored.
    try (Connection c = Sqlite.openOrCreate(utf16); Statement st = c.createStatement();
        Connection original = Sqlite.openExisting(db, true); Statement from = original.createStatement()) {
      st.execute("PRAGMA encoding = 'UTF-16le'");
      try (ResultSet rs = from.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'runner_features'")) {
        st.executeUpdate(rs.getString(1));
      }
      c.setAutoCommit(false);
      try (ResultSet rs = from.executeQuery("SELECT * FROM runner_features")) {
        int n = rs.getMetaData().getColumnCount();
        try (var insert = c.prepareStatement("INSERT INTO runner_features VALUES (" + "?, ".repeat(n - 1) + "?)")) {
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              insert.setObject(i, rs.getObject(i));
            }
            insert.executeUpdate();
          }
        }
      }
      c.commit();
      try (ResultSet rs = st.executeQuery("PRAGMA main.encoding")) {
        assertEquals("UTF-16le", rs.getString(1));
      }
    }
    try (BufferAllocator allocator = new RootAllocator()) {
      var want = org.racefeatures.testing.ArrowRows.readAll(new SqliteFeatureReader(allocator, db, null, null, Map.of()));
      var got = org.racefeatures.testing.ArrowRows.readAll(new SqliteFeatureReader(allocator, utf16, null, null, Map.of()));
      assertEquals(160, want.size());
      assertTrue(want.get(0).contains("|rce_") && want.get(0).contains("|Good|"), want.get(0));
      assertEquals(want, got);
    }
  }
}
