package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.InputCopy;

/**
 * The same logical data in many valid SQLite files (page sizes, text encodings, WAL, generated
 * columns, collations, column order, WITHOUT ROWID, names in other case, views, free pages, text
 * ids) gives the same feature table, value for value, as the plain file.
 */
class InputVariantsTest {
  @TempDir static Path dir;
  static Path plain;
  static Map<Long, Map<String, Object>> expected;
  static InputCopy races;
  static InputCopy runners;

  static final String RACES = "CREATE TABLE races (race_id INTEGER PRIMARY KEY, course_id INTEGER NOT NULL,"
      + " race_date TEXT NOT NULL, off_time TEXT NOT NULL, distance_m INTEGER NOT NULL, going TEXT, surface TEXT,"
      + " race_type TEXT, race_class INTEGER, prize REAL)";
  static final String RUNNERS = "CREATE TABLE runners (runner_id INTEGER PRIMARY KEY, race_id INTEGER NOT NULL,"
      + " horse_id INTEGER NOT NULL, jockey_id INTEGER, trainer_id INTEGER, draw INTEGER, weight_kg REAL, age INTEGER,"
      + " official_rating INTEGER, sp_decimal REAL, status TEXT, finish_position INTEGER, beaten_lengths REAL)";

  @BeforeAll
  static void plainFile() throws Exception {
    plain = dir.resolve("plain.db");
    DemoDatabase.write(new DemoSpec(1_200, 23, 2), plain, false);
    Path out = dir.resolve("plain-out.db");
    Cli.ok("generate", "--db=" + plain, "--out=" + out);
    expected = FeatureTables.read(out);
    assertTrue(expected.size() > 5_000);
    races = InputCopy.of(plain, "races");
    runners = InputCopy.of(plain, "runners");
  }

  /** A new file: the pragmas, then the statements, then the plain file's rows (column names renamed). */
  private static Path build(String name, String pragmas, String racesDdl, String runnersDdl,
      UnaryOperator<String> rename, boolean reverseRows) throws SQLException {
    Path db = dir.resolve(name + ".db");
    try (Connection c = Sqlite.openOrCreate(db)) {
      Sqlite.execute(c, pragmas + ";" + racesDdl + ";" + runnersDdl);
      (reverseRows ? races.reversed() : races).insertInto(c, "races", rename);
      (reverseRows ? runners.reversed() : runners).insertInto(c, "runners", rename);
    }
    return db;
  }

  private static Map<Long, Map<String, Object>> generate(Path db) {
    Path out = dir.resolve(db.getFileName() + "-out.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out);
    try {
      return FeatureTables.read(out);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"page size 512", "page size 65536", "UTF-16le", "UTF-16be",
      "stored generated column", "virtual generated column", "NOCASE status", "other column order and extras",
      "WITHOUT ROWID", "runner_id not the rowid", "tables named Races and RUNNERS", "views over other tables",
      "auto_vacuum with free pages"})
  void everyLayoutGivesThePlainFilesFeatures(String variant) throws Exception {
    String name = variant.replace(' ', '-');
    UnaryOperator<String> same = UnaryOperator.identity();
    Path db = switch (variant) {
      case "page size 512" -> build(name, "PRAGMA page_size = 512", RACES, RUNNERS, same, false);
      case "page size 65536" -> build(name, "PRAGMA page_size = 65536", RACES, RUNNERS, same, false);
      case "UTF-16le" -> build(name, "PRAGMA encoding = 'UTF-16le'", RACES, RUNNERS, same, false);
      case "UTF-16be" -> build(name, "PRAGMA encoding = 'UTF-16be'", RACES, RUNNERS, same, false);
      case "stored generated column" -> build(name, "PRAGMA page_size = 4096", RACES,
          "CREATE TABLE runners (runner_id INTEGER PRIMARY KEY, raw_lengths REAL,"
              + " beaten_lengths REAL GENERATED ALWAYS AS (raw_lengths) STORED, race_id INTEGER NOT NULL,"
              + " horse_id INTEGER NOT NULL, jockey_id INTEGER, trainer_id INTEGER, draw INTEGER, weight_kg REAL,"
              + " age INTEGER, official_rating INTEGER, sp_decimal REAL, status TEXT, finish_position INTEGER)",
          c -> c.equals("beaten_lengths") ? "raw_lengths" : c, false);
      case "virtual generated column" -> build(name, "PRAGMA page_size = 4096",
          "CREATE TABLE races (race_id INTEGER PRIMARY KEY, metres INTEGER,"
              + " distance_m INTEGER GENERATED ALWAYS AS (metres) VIRTUAL, course_id INTEGER NOT NULL,"
              + " race_date TEXT NOT NULL, off_time TEXT NOT NULL, going TEXT, surface TEXT, race_type TEXT,"
              + " race_class INTEGER, prize REAL)",
          RUNNERS, c -> c.equals("distance_m") ? "metres" : c, false);
      case "NOCASE status" -> build(name, "PRAGMA page_size = 4096", RACES,
          RUNNERS.replace("status TEXT", "status TEXT COLLATE NOCASE"), same, false);
      case "other column order and extras" -> build(name, "PRAGMA page_size = 4096",
          "CREATE TABLE races (note TEXT DEFAULT 'x', prize REAL, race_class INTEGER, race_type TEXT, surface TEXT,"
              + " going TEXT, distance_m INTEGER, off_time TEXT, race_date TEXT, course_id INTEGER,"
              + " race_id INTEGER PRIMARY KEY, extra BLOB DEFAULT x'00')",
          "CREATE TABLE runners (beaten_lengths REAL, finish_position INTEGER, status TEXT, sp_decimal REAL,"
              + " official_rating INTEGER, age INTEGER, weight_kg REAL, draw INTEGER, trainer_id INTEGER,"
              + " jockey_id INTEGER, horse_id INTEGER, race_id INTEGER, note TEXT DEFAULT 'x',"
              + " runner_id INTEGER PRIMARY KEY)", same, true);
      case "WITHOUT ROWID" -> build(name, "PRAGMA page_size = 4096", RACES,
          RUNNERS + " WITHOUT ROWID", same, true);
      case "runner_id not the rowid" -> build(name, "PRAGMA page_size = 4096", RACES,
          RUNNERS.replace("runner_id INTEGER PRIMARY KEY", "id INTEGER PRIMARY KEY, runner_id INTEGER NOT NULL UNIQUE"),
          same, true);
      case "tables named Races and RUNNERS" -> build(name, "PRAGMA page_size = 4096",
          RACES.replace("TABLE races", "TABLE Races"), RUNNERS.replace("TABLE runners", "TABLE RUNNERS"), same, false);
      case "views over other tables" -> views(name);
      case "auto_vacuum with free pages" -> freePages(name);
      default -> throw new IllegalArgumentException(variant);
    };
    assertEquals(expected, generate(db));
  }

  /** Tables {@code meetings} and {@code entries} of other column names, read through views. */
  private static Path views(String name) throws SQLException {
    Path db = dir.resolve(name + ".db");
    try (Connection c = Sqlite.openOrCreate(db)) {
      Sqlite.execute(c, RACES.replace("TABLE races", "TABLE meetings").replace("race_id", "mid")
          + ";" + RUNNERS.replace("TABLE runners", "TABLE entries").replace("runner_id", "eid")
          + ";CREATE VIEW races AS SELECT mid AS race_id, course_id, race_date, off_time, distance_m, going,"
          + " surface, race_type, race_class, prize FROM meetings"
          + ";CREATE VIEW runners AS SELECT eid AS runner_id, race_id, horse_id, jockey_id, trainer_id, draw,"
          + " weight_kg, age, official_rating, sp_decimal, status, finish_position, beaten_lengths FROM entries");
      races.insertInto(c, "meetings", col -> col.equals("race_id") ? "mid" : col);
      runners.insertInto(c, "entries", col -> col.equals("runner_id") ? "eid" : col);
    }
    return db;
  }

  /** auto_vacuum = INCREMENTAL, and a dropped table's pages left free inside the file. */
  private static Path freePages(String name) throws SQLException {
    Path db = build(name, "PRAGMA auto_vacuum = INCREMENTAL", RACES, RUNNERS, UnaryOperator.identity(), false);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE junk AS SELECT * FROM runners");
      st.executeUpdate("DROP TABLE junk");
      try (ResultSet rs = st.executeQuery("SELECT * FROM pragma_freelist_count, pragma_auto_vacuum")) {
        rs.next();
        assertTrue(rs.getInt(1) > 10, "free pages in the file: " + rs.getInt(1));
        assertEquals(2, rs.getInt(2), "auto_vacuum = INCREMENTAL");
      }
    }
    return db;
  }

  @Test
  void aRollbackJournalFileIsReadOnTwoConnectionsAndAWalFileOnOne() throws Exception {
    assertEquals(2, connectionsUsedToLoad(plain));
    Path wal = dir.resolve("wal-mode.db");
    Files.copy(plain, wal);
    try (Connection c = Sqlite.openOrCreate(wal); Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode = WAL");
    }
    assertEquals(1, connectionsUsedToLoad(wal));
  }

  /**
   * In a read shared by two connections each keeps the text ids it reads until the parts are
   * joined: texts in the upper part only (jockeys), and in both parts (horses).
   */
  @Test
  void textIdsReadByEitherConnectionAreKeptAsText() throws Exception {
    Path db = dir.resolve("some-text-ids.db");
    Files.copy(plain, db);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET jockey_id = 'jky_' || jockey_id"
          + " WHERE runner_id > (SELECT max(runner_id) - 500 FROM runners) AND jockey_id IS NOT NULL");
      st.executeUpdate("UPDATE runners SET horse_id = 'hrs_' || horse_id"
          + " WHERE runner_id < 300 OR runner_id > (SELECT max(runner_id) - 300 FROM runners)");
    }
    Loader loader = load(db, (data, c) -> {
      Map<Long, Object> horseOf = new LinkedHashMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT runner_id, horse_id FROM runners")) {
        while (rs.next()) {
          horseOf.put(rs.getLong(1), rs.getObject(2) instanceof Integer i ? (Object) (long) i : rs.getObject(2));
        }
      }
      org.racefeatures.model.RunnerTable loaded = data.runners();
      int texts = 0;
      for (int r = 0; r < loaded.size(); r++) {
        Object horse = loaded.horseIds().value(loaded.horseKey(r));
        assertEquals(horseOf.get(loaded.runnerId(r)), horse, "horse_id of runner " + loaded.runnerId(r));
        texts += horse instanceof String ? 1 : 0;
      }
      assertTrue(texts > 500, texts + " text horse ids");
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(DISTINCT jockey_id) FROM runners")) {
        rs.next();
        assertEquals(rs.getInt(1), loaded.jockeys(), "jockeys, text ids apart from integer ones");
      }
    });
    assertEquals(2, loader.connectionsUsed());
  }

  /**
   * Ids are held in 32 bits where they fit and NULLs as bits, each connection's part apart until
   * joined: ids beyond 32 bits in either part, and NULLs on both sides of the split, keep their values.
   */
  @Test
  void idsBeyondThirtyTwoBitsAndNullsReadByEitherConnectionKeepTheirValues() throws Exception {
    Path db = dir.resolve("wide-ids.db");
    Files.copy(plain, db);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET runner_id = runner_id + 5000000000 WHERE runner_id % 7 = 0");
      st.executeUpdate("UPDATE runners SET horse_id = horse_id + 1099511627776 WHERE runner_id % 5 = 0");
      st.executeUpdate("UPDATE runners SET jockey_id = -3000000000 - jockey_id WHERE runner_id % 11 = 0");
      st.executeUpdate("UPDATE runners SET draw = NULL, weight_kg = NULL WHERE runner_id % 3 = 0");
    }
    Loader loader = load(db, (data, c) -> {
      record Row(Object horse, Object jockey, boolean drawNull, boolean weightNull) {}
      Map<Long, Row> want = new LinkedHashMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT runner_id, horse_id, jockey_id, draw IS NULL, weight_kg IS NULL FROM runners")) {
        while (rs.next()) {
          want.put(rs.getLong(1), new Row(rs.getLong(2), rs.getObject(3) == null ? null : rs.getLong(3),
              rs.getBoolean(4), rs.getBoolean(5)));
        }
      }
      org.racefeatures.model.RunnerTable loaded = data.runners();
      Map<Long, Row> got = new LinkedHashMap<>();
      // Jockey ids are not kept, only their keys: each key must stand for one id, and each id for one key.
      Map<Integer, Object> idOfKey = new java.util.HashMap<>();
      Map<Object, Integer> keyOfId = new java.util.HashMap<>();
      for (int r = 0; r < loaded.size(); r++) {
        long runner = loaded.runnerId(r);
        Object jockey = want.containsKey(runner) ? want.get(runner).jockey() : "no such runner";
        if (!loaded.jockeyIsNull(r)) {
          int key = loaded.jockeyKey(r);
          assertEquals(idOfKey.computeIfAbsent(key, k -> jockey), jockey, "jockey of " + runner);
          assertEquals(keyOfId.computeIfAbsent(jockey, k -> key), key, "key of jockey " + jockey);
        }
        got.put(runner, new Row(loaded.horseIds().value(loaded.horseKey(r)), loaded.jockeyIsNull(r) ? null : jockey,
            loaded.drawIsNull(r), loaded.weightIsNull(r)));
      }
      assertEquals(new java.util.TreeMap<>(want), new java.util.TreeMap<>(got));
      assertTrue(want.keySet().stream().filter(id -> id > 5_000_000_000L).count() > 100, "wide runner ids");
    });
    assertEquals(2, loader.connectionsUsed());
  }

  /**
   * Number columns are read in the narrowest width their values need, widened when one does not
   * fit, each connection's part in storage of its own: values that widen a column in only one part,
   * in the other, or first after many narrow rows keep their exact values, and so do NULLs.
   */
  @Test
  void numbersThatWidenTheirColumnInEitherConnectionsPartKeepTheirValues() throws Exception {
    Path db = dir.resolve("wide-numbers.db");
    Files.copy(plain, db);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      String upper = "runner_id > (SELECT max(runner_id) - 400 FROM runners)";
      st.executeUpdate("UPDATE runners SET official_rating = 40000 + runner_id WHERE runner_id % 97 = 0 AND runner_id < 3000");
      st.executeUpdate("UPDATE runners SET draw = -200 - runner_id % 3, age = NULL WHERE " + upper + " AND runner_id % 5 = 0");
      st.executeUpdate("UPDATE runners SET weight_kg = 61.1 + runner_id % 4 WHERE " + upper + " AND runner_id % 2 = 0");
      st.executeUpdate("UPDATE runners SET beaten_lengths = 0.1 WHERE runner_id BETWEEN 4000 AND 4010"
          + " AND beaten_lengths IS NOT NULL");
    }
    Loader loader = load(db, (data, c) -> {
      record Row(Object draw, Object weight, Object age, Object rating, Object beaten) {}
      Map<Long, Row> want = new java.util.TreeMap<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT runner_id, draw, weight_kg, age, official_rating, beaten_lengths FROM runners")) {
        while (rs.next()) {
          want.put(rs.getLong(1), new Row(longOrNull(rs, 2), bitsOrNull(rs, 3), longOrNull(rs, 4), longOrNull(rs, 5),
              bitsOrNull(rs, 6)));
        }
      }
      org.racefeatures.model.RunnerTable t = data.runners();
      Map<Long, Row> got = new java.util.TreeMap<>();
      for (int r = 0; r < t.size(); r++) {
        got.put(t.runnerId(r), new Row(t.drawIsNull(r) ? null : (Object) (long) t.draw(r),
            t.weightIsNull(r) ? null : (Object) Double.doubleToRawLongBits(t.weight(r)),
            t.ageIsNull(r) ? null : (Object) (long) t.age(r), t.ratingIsNull(r) ? null : (Object) (long) t.rating(r),
            t.beatenIsNull(r) ? null : (Object) Double.doubleToRawLongBits(t.beaten(r))));
      }
      assertEquals(want, got);
      assertTrue(got.values().stream().anyMatch(row -> Long.valueOf(-201).equals(row.draw())), "a wide draw read");
      assertTrue(got.values().stream().anyMatch(row -> Long.valueOf(Double.doubleToRawLongBits(0.1)).equals(row.beaten())),
          "a length that is not a float read");
      assertTrue(got.values().stream().anyMatch(row -> Long.valueOf(Double.doubleToRawLongBits(61.1)).equals(row.weight())),
          "a weight that is not a float read");
    });
    assertEquals(2, loader.connectionsUsed());
  }

  private static Object longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : (Object) v;
  }

  private static Object bitsOrNull(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : (Object) Double.doubleToRawLongBits(v);
  }

  private static int connectionsUsedToLoad(Path db) throws Exception {
    return load(db, (data, c) -> assertEquals(runners.rows().size(), data.runners().size(), "every runner row loaded"))
        .connectionsUsed();
  }

  /** What a test checks of a loaded database, with the connection that loaded it. */
  private interface LoadCheck {
    void check(org.racefeatures.model.RacingData data, Connection c) throws Exception;
  }

  /** Loads {@code db} as generate does and checks it; returns the loader, to ask how it read. */
  private static Loader load(Path db, LoadCheck check) throws Exception {
    Loader loader = new Loader(db);
    try (Connection c = Sqlite.openExisting(db, true);
        org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
        org.racefeatures.model.RacingData data = loader.load(c, allocator, false)) {
      check.check(data, c);
    }
    return loader;
  }

  @Test
  void walFramesNotYetCheckpointedAreRead() throws Exception {
    Path db = dir.resolve("wal.db");
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      Sqlite.execute(c, "PRAGMA journal_mode = WAL;PRAGMA wal_autocheckpoint = 0;" + RACES + ";" + RUNNERS);
      races.insertInto(c, "races");
      runners.insertInto(c, "runners");
      // This connection stays open, so the rows stay in the WAL file, not in the database file.
      assertTrue(Files.size(dir.resolve("wal.db-wal")) > Files.size(db), "rows still in the WAL");
      assertEquals(expected, generate(db));
    }
  }

  @Test
  void textIdsGiveTheSameFeaturesWithTheIdsKeptAsText() throws Exception {
    String ids = "CREATE TABLE races (race_id TEXT PRIMARY KEY, course_id TEXT NOT NULL, race_date TEXT NOT NULL,"
        + " off_time TEXT NOT NULL, distance_m INTEGER NOT NULL, going TEXT, surface TEXT, race_type TEXT,"
        + " race_class INTEGER, prize REAL);"
        + RUNNERS.replace("race_id INTEGER", "race_id TEXT").replace("horse_id INTEGER", "horse_id TEXT")
            .replace("jockey_id INTEGER", "jockey_id TEXT").replace("trainer_id INTEGER", "trainer_id TEXT");
    Path db = dir.resolve("text-ids.db");
    try (Connection c = Sqlite.openOrCreate(db)) {
      Sqlite.execute(c, ids);
      races.map("race_id", v -> "rce_" + v).map("course_id", v -> "crs_" + v).insertInto(c, "races");
      runners.map("race_id", v -> "rce_" + v).map("horse_id", v -> "hrs_" + v).map("jockey_id", v -> "jky_" + v)
          .map("trainer_id", v -> "trn_" + v).insertInto(c, "runners");
    }
    Map<Long, Map<String, Object>> want = new LinkedHashMap<>();
    expected.forEach((runner, row) -> {
      Map<String, Object> copy = new LinkedHashMap<>(row);
      copy.put("race_id", "rce_" + row.get("race_id"));
      copy.put("horse_id", "hrs_" + row.get("horse_id"));
      copy.put("course_id", "crs_" + row.get("course_id"));
      want.put(runner, copy);
    });
    assertEquals(want, generate(db));
  }

  @Test
  void aUtf16DatabaseWrittenInPlaceGetsTheSameTableThroughTheJdbcWriter() throws Exception {
    Path db = build("utf16-in-place", "PRAGMA encoding = 'UTF-16le'", RACES, RUNNERS, UnaryOperator.identity(), false);
    Cli.Result r = Cli.ok("generate", "--db=" + db);
    assertTrue(r.out().contains("rows inserted by jdbc"), r.out());
    assertEquals(expected, FeatureTables.read(db));
  }

  /** Version 2 reads races.surface, race_type and prize: a file without them is told which and how to map them. */
  @Test
  void aFileWithoutTheColumnsVersion2ReadsIsToldWhichAndHowToMapThem() throws Exception {
    Path db = build("no-v2-columns", "PRAGMA journal_mode = DELETE", RACES, RUNNERS, UnaryOperator.identity(), false);
    try (Connection c = Sqlite.openOrCreate(db)) {
      Sqlite.execute(c, "ALTER TABLE races DROP COLUMN surface; ALTER TABLE races DROP COLUMN race_type;"
          + " ALTER TABLE races DROP COLUMN prize");
    }
    Path out = dir.resolve("no-v2-columns-out.db");
    Cli.Result r = Cli.run("generate", "--db=" + db, "--out=" + out);
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("column races.surface, column races.race_type, column races.prize"), r.err());
    assertTrue(r.err().contains("as NULL through a layout file"), r.err());
    assertTrue(!Files.exists(out), "nothing written");
  }
}
