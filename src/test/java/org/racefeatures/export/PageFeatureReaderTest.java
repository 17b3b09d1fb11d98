package org.racefeatures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.racefeatures.testing.ArrowRows.readAll;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.racefeatures.db.Record;
import org.racefeatures.db.TablePages;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;

/**
 * Reading runner_features straight from the file's pages gives exactly what the driver gives, and
 * is used only where the file is the whole truth.
 */
class PageFeatureReaderTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void generate() throws Exception {
    db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(400, 5, 2), db, false);
    Cli.ok("generate", "--db=" + db);
  }

  @Test
  void pagesGiveTheDriversRowsValuesAndOrder() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      PageFeatureReader pages = PageFeatureReader.open(allocator, db, null, null, Map.of());
      assertNotNull(pages, "a rollback-journal database is read from its pages");
      List<String> fromPages = readAll(pages);
      List<String> fromDriver = readAll(new SqliteFeatureReader(allocator, db, null, null, Map.of(), 1));
      assertTrue(fromDriver.size() > 3_000, "rows over many pages");
      assertEquals(fromDriver, fromPages);
      // Chunks of two blocks: several chunks, the last one partly filled.
      assertEquals(fromDriver, readAll(PageFeatureReader.open(allocator, db, null, null, Map.of(), 2_048)));
    }
  }

  @Test
  void aDateRangeGivesTheDriversRows() throws Exception {
    LocalDate from = LocalDate.parse("2015-01-10");
    LocalDate to = LocalDate.parse("2015-01-20");
    try (BufferAllocator allocator = new RootAllocator()) {
      List<String> fromPages = readAll(PageFeatureReader.open(allocator, db, from, to, Map.of()));
      List<String> fromDriver = readAll(new SqliteFeatureReader(allocator, db, from, to, Map.of(), 1));
      assertTrue(fromDriver.size() > 100);
      assertEquals(fromDriver, fromPages);
      assertEquals(fromDriver, readAll(PageFeatureReader.open(allocator, db, from, to, Map.of(), 1_024)));
    }
  }

  @Test
  void valuesOfEveryStoredWidthReadAsTheDriverReadsThem() throws Exception {
    Path widths = dir.resolve("widths.db");
    Files.copy(db, widths);
    // SQLite's own encoding: integers of 1, 2, 3, 4, 6 and 8 bytes and the constants 0 and 1, both
    // signs; reals as 8-byte floats, or as integers when whole; NULL.
    long[] integers = {0, 1, -1, 127, -128, 32_767, -32_769, 8_388_607, -8_388_609, 2_147_483_648L,
        -140_737_488_355_328L, 140_737_488_355_328L, Long.MAX_VALUE, Long.MIN_VALUE};
    String[] reals = {"1.5", "-0.25", "3.0", "-7.0", "1e300", "-1e-300", "140737488355328.0", "NULL"};
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + widths); Statement st = c.createStatement()) {
      for (int k = 0; k < integers.length; k++) {
        st.executeUpdate(String.format("UPDATE runner_features SET h_runs = %d, h_elo = %s WHERE runner_id ="
            + " (SELECT runner_id FROM runner_features ORDER BY runner_id LIMIT 1 OFFSET %d)",
            integers[k], reals[k % reals.length], 37 * k));
      }
    }
    try (BufferAllocator allocator = new RootAllocator()) {
      List<String> fromPages = readAll(PageFeatureReader.open(allocator, widths, null, null, Map.of()));
      List<String> fromDriver = readAll(new SqliteFeatureReader(allocator, widths, null, null, Map.of(), 1));
      assertEquals(fromDriver, fromPages);
      String all = String.join("\n", fromPages);
      assertTrue(all.contains("|" + Long.MIN_VALUE + "|") && all.contains("|" + Long.MAX_VALUE + "|"), "the edge values are read");
    }
  }

  @Test
  void aDatabaseInWalModeIsReadThroughTheDriver() throws Exception {
    Path wal = dir.resolve("wal.db");
    Files.copy(db, wal);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + wal); Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode=WAL");
    }
    try (BufferAllocator allocator = new RootAllocator()) {
      assertNull(PageFeatureReader.open(allocator, wal, null, null, Map.of()));
    }
    Path out = dir.resolve("wal.csv");
    Cli.ok("export", "--db=" + wal, "--out=" + out);
    assertEquals(count(db) + 1, Files.readAllLines(out).size());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(quoteCharacter = '"', value = {
      "h_elo, 'high', TEXT",
      "h_runs, 1.5, a REAL",
      "race_date, X'07', a number or a BLOB"})
  void aValueOfTheWrongTypeIsNamedByRowAndColumn(String column, String value, String holds) throws Exception {
    Path bad = dir.resolve("bad-" + column + ".db");
    Files.copy(db, bad);
    long runner;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bad); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT max(runner_id) FROM runner_features")) {
        rs.next();
        runner = rs.getLong(1);
      }
      st.executeUpdate("UPDATE runner_features SET " + column + " = " + value + " WHERE runner_id = " + runner);
    }
    Path out = dir.resolve("bad-" + column + ".parquet");
    Cli.Result r = Cli.run("export", "--db=" + bad, "--out=" + out);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("racefeatures: " + bad + ": table runner_features, row runner_id=" + runner
        + ", column " + column + ": holds " + holds), "one clear line, not DuckDB's wrapping: " + r.err());
    assertTrue(Files.notExists(out));
  }

  @Test
  void aCorruptSerialTypeIsAMalformedRecordNamedByRow() throws Exception {
    Path bad = dir.resolve("corrupt.db");
    Files.copy(db, bad);
    long runner;
    int root;
    int column;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bad); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT max(runner_id) FROM runner_features")) {
        rs.next();
        runner = rs.getLong(1);
      }
      st.executeUpdate("UPDATE runner_features SET h_elo = 1234.5 WHERE runner_id = " + runner); // an 8-byte real
      TablePages.Layout layout = TablePages.layout(c, "runner_features");
      root = layout.root();
      column = layout.index("h_elo");
    }
    byte[][] record = new byte[1][];
    try (TablePages pages = new TablePages(bad)) {
      pages.scan(root, (rowid, b, offset, length) -> {
        if (rowid == runner) {
          record[0] = Arrays.copyOfRange(b, offset, offset + length);
        }
      });
    }
    // The same record, the same length: h_elo's serial type becomes a nine-byte varint of -1 (eight
    // header bytes more) and its eight value bytes go.
    byte[] old = record[0];
    int headerSize = old[0];
    int valueAt = headerSize;
    for (int k = 1; k < 1 + column; k++) {
      valueAt += (int) Record.valueSize(old[k]);
    }
    assertEquals(7, old[1 + column], "h_elo is stored as an 8-byte real");
    ByteArrayOutputStream now = new ByteArrayOutputStream();
    now.write(headerSize + 8);
    now.write(old, 1, column);
    for (int k = 0; k < 9; k++) {
      now.write(0xFF);
    }
    now.write(old, 2 + column, headerSize - 2 - column);
    now.write(old, headerSize, valueAt - headerSize);
    now.write(old, valueAt + 8, old.length - valueAt - 8);
    byte[] corrupt = now.toByteArray();
    assertEquals(old.length, corrupt.length);
    byte[] file = Files.readAllBytes(bad);
    int at = indexOf(file, old);
    System.arraycopy(corrupt, 0, file, at, corrupt.length);
    Files.write(bad, file);

    Path out = dir.resolve("corrupt.arrow");
    Cli.Result r = Cli.run("export", "--db=" + bad, "--out=" + out);
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().startsWith("racefeatures: " + bad + ": table runner_features, row runner_id=" + runner
        + ": a malformed record"), r.err());
    assertTrue(Files.notExists(out));
  }

  /** Where {@code part} starts in {@code all}; it must occur exactly once. */
  private static int indexOf(byte[] all, byte[] part) {
    int found = -1;
    for (int i = 0; i + part.length <= all.length; i++) {
      if (Arrays.equals(all, i, i + part.length, part, 0, part.length)) {
        assertEquals(-1, found, "the record occurs once in the file");
        found = i;
      }
    }
    assertTrue(found >= 0, "the record is in the file");
    return found;
  }

  @Test
  void rowsLongerThanAPageAreFollowedOntoOverflowPages() throws Exception {
    for (int pageSize : new int[] {512, 4096}) {
      Path file = dir.resolve("overflow-" + pageSize + ".db");
      Map<Long, String> want = new LinkedHashMap<>();
      Random random = new Random(pageSize);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
        st.execute("PRAGMA page_size=" + pageSize);
        st.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
          for (long id = 1; id <= 300; id++) {
            int length = random.nextInt(4) == 0 ? 5 + random.nextInt(20_000) : random.nextInt(200);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
              s.append((char) ('a' + random.nextInt(26)));
            }
            ps.setLong(1, id * 3);
            ps.setString(2, s.toString());
            ps.executeUpdate();
            want.put(id * 3, s.toString());
          }
        }
      }
      int root;
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 't'")) {
        rs.next();
        root = rs.getInt(1);
      }
      Map<Long, String> got = new LinkedHashMap<>();
      try (TablePages pages = new TablePages(file)) {
        pages.scan(root, (rowid, b, offset, length) -> got.put(rowid, secondColumnText(b, offset, length)));
      }
      assertEquals(new ArrayList<>(want.entrySet()), new ArrayList<>(got.entrySet()), "page size " + pageSize);
    }
  }

  /** The text of column 2 of a record whose column 1 is NULL (the rowid alias). */
  private static String secondColumnText(byte[] b, int offset, int length) {
    Record record = new Record(2);
    assertTrue(record.parse(b, offset, length));
    assertTrue(record.isNull(0) && record.isText(1));
    return record.text(1);
  }

  private static long count(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM runner_features")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
