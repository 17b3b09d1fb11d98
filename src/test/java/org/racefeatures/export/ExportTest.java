package org.racefeatures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.ValueType;
import org.racefeatures.testing.ArrowRows;
import org.racefeatures.testing.Cli;

/**
 * Every format read back with a reader other than the one that wrote it (DuckDB for Parquet and
 * CSV, Arrow Java's file reader for Arrow IPC) and compared column by column with the SQLite table:
 * row count, type, NULL count and a checksum.
 */
class ExportTest {
  @TempDir static Path dir;
  static Path db;
  /** Per column of the table: non-NULL count and sum (dates as days since 1970, texts their lengths). */
  static Map<String, double[]> expected;
  static long rows;

  @BeforeAll
  static void generate() throws Exception {
    db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(600, 9, 2), db, false);
    Cli.ok("generate", "--db=" + db);
    expected = new HashMap<>();
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM runner_features")) {
        rs.next();
        rows = rs.getLong(1);
      }
      for (Feature f : FeatureSchema.columns()) {
        String value = f.name().equals("race_date") ? "julianday(race_date) - 2440587.5"
            : f.type() == ValueType.CATEGORY ? "length(" + f.name() + ")" : f.name();
        try (ResultSet rs = st.executeQuery("SELECT count(" + f.name() + "), total(" + value + ") FROM runner_features")) {
          rs.next();
          expected.put(f.name(), new double[] {rs.getLong(1), rs.getDouble(2)});
        }
      }
    }
    assertTrue(rows > 5_000);
  }

  private static void assertColumn(String name, long nonNull, double sum) {
    double[] want = expected.get(name);
    assertEquals((long) want[0], nonNull, name + " non-NULL count");
    assertEquals(want[1], sum, 1e-6 * Math.max(1, Math.abs(want[1])), name + " checksum");
  }

  /** Reads a file with DuckDB and checks count, types, NULLs and checksums of every column. */
  private static void assertDuckDbReadsTheTable(String scan) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
        while (rs.next()) {
          names.add(rs.getString("column_name"));
          Feature f = FeatureSchema.columns().get(names.size() - 1);
          String type = rs.getString("column_type");
          String want = switch (f.type()) {
            case INTEGER, ID -> "BIGINT"; // the demo's ids are integers
            case REAL -> "DOUBLE";
            case TEXT -> "DATE";
            case CATEGORY -> "VARCHAR";
          };
          assertEquals(want, type, f.name());
        }
      }
      assertEquals(FeatureSchema.columns().stream().map(Feature::name).toList(), names, "column order");
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + scan)) {
        rs.next();
        assertEquals(rows, rs.getLong(1));
      }
      for (String name : names) {
        String value = name.equals("race_date") ? "(" + name + " - DATE '1970-01-01')"
            : FeatureSchema.columns().get(names.indexOf(name)).type() == ValueType.CATEGORY ? "length(" + name + ")" : name;
        try (ResultSet rs = st.executeQuery("SELECT count(" + name + "), coalesce(sum(" + value + "::DOUBLE), 0) FROM " + scan)) {
          rs.next();
          assertColumn(name, rs.getLong(1), rs.getDouble(2));
        }
      }
    }
  }

  @Test
  void parquetReadsBackInDuckDbWithTheTablesValuesAndProvenance() throws Exception {
    Path out = dir.resolve("features.parquet");
    Cli.ok("export", "--db=" + db, "--out=" + out);
    String scan = "read_parquet('" + out + "')";
    assertDuckDbReadsTheTable(scan);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
      Map<String, String> kv = new HashMap<>();
      try (ResultSet rs = st.executeQuery("SELECT decode(key), decode(value) FROM parquet_kv_metadata('" + out + "')")) {
        while (rs.next()) {
          kv.put(rs.getString(1), rs.getString(2));
        }
      }
      assertEquals(Integer.toString(FeatureCatalogue.VERSION), kv.get("racefeatures.catalogue_version"));
      assertEquals(db.toAbsolutePath().toString(), kv.get("racefeatures.source_db"));
      assertEquals(Long.toString(Files.size(db)), kv.get("racefeatures.source_db_size"));
      assertTrue(kv.containsKey("racefeatures.last_race_date") && kv.containsKey("racefeatures.created")
          && kv.containsKey("racefeatures.tool_version") && kv.containsKey("racefeatures.selection"), kv.toString());
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM parquet_metadata('" + out + "')")) {
        rs.next();
        assertEquals("ZSTD", rs.getString(1));
      }
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT path_in_schema, encodings FROM parquet_metadata('" + out
          + "') WHERE path_in_schema IN ('going', 'surface', 'race_type') ORDER BY 1")) {
        List<String> encodings = new ArrayList<>();
        while (rs.next()) {
          encodings.add(rs.getString(1) + " " + rs.getString(2));
        }
        assertEquals(List.of("going PLAIN_DICTIONARY", "race_type PLAIN_DICTIONARY", "surface PLAIN_DICTIONARY"),
            encodings, "the categories are dictionary-encoded strings");
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT runner_id, lag(runner_id) OVER"
          + " (ORDER BY file_row_number) AS previous FROM read_parquet('" + out + "', file_row_number = true))"
          + " WHERE runner_id <= previous")) {
        rs.next();
        assertEquals(0, rs.getLong(1), "rows in the file in runner_id order");
      }
    }
  }

  @Test
  void csvReadsBackInDuckDbWithEmptyFieldsForNull() throws Exception {
    Path out = dir.resolve("features.csv");
    Cli.ok("export", "--db=" + db, "--out=" + out);
    List<String> lines = Files.readAllLines(out);
    assertEquals(String.join(",", FeatureSchema.columns().stream().map(Feature::name).toList()), lines.get(0));
    long previous = Long.MIN_VALUE;
    for (String line : lines.subList(1, lines.size())) {
      long runner = Long.parseLong(line.substring(0, line.indexOf(',')));
      assertTrue(runner > previous, "rows in runner_id order: " + runner + " after " + previous);
      previous = runner;
    }
    StringBuilder types = new StringBuilder("{");
    for (Feature f : FeatureSchema.columns()) {
      types.append(types.length() == 1 ? "" : ", ").append("'").append(f.name()).append("': '")
          .append(switch (f.type()) {
            case INTEGER, ID -> "BIGINT";
            case REAL -> "DOUBLE";
            case TEXT -> "DATE";
            case CATEGORY -> "VARCHAR";
          }).append("'");
    }
    assertDuckDbReadsTheTable("read_csv('" + out + "', header = true, nullstr = '', columns = " + types + "})");
  }

  @Test
  void arrowFileReadsBackWithArrowsFileReader() throws Exception {
    Path out = dir.resolve("features.feather");
    Cli.ok("export", "--db=" + db, "--out=" + out);
    Map<String, double[]> got = new HashMap<>();
    long count = 0;
    try (BufferAllocator allocator = new RootAllocator();
        FileInputStream in = new FileInputStream(out.toFile());
        ArrowFileReader reader = new ArrowFileReader(in.getChannel(), allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      assertEquals(Integer.toString(FeatureCatalogue.VERSION),
          root.getSchema().getCustomMetadata().get("racefeatures.catalogue_version"));
      List<String> encoded = root.getSchema().getFields().stream().filter(f -> f.getDictionary() != null)
          .map(org.apache.arrow.vector.types.pojo.Field::getName).toList();
      assertEquals(List.of("going", "surface", "race_type"), encoded,
          "the categories are dictionary-encoded (course_id, integers in the demo, is not)");
      while (reader.loadNextBatch()) {
        count += root.getRowCount();
        for (FieldVector encodedOrPlain : root.getFieldVectors()) {
          org.apache.arrow.vector.types.pojo.DictionaryEncoding dictionary = encodedOrPlain.getField().getDictionary();
          FieldVector v = dictionary == null ? encodedOrPlain : (FieldVector)
              org.apache.arrow.vector.dictionary.DictionaryEncoder.decode(encodedOrPlain, reader.lookup(dictionary.getId()));
          double[] acc = got.computeIfAbsent(encodedOrPlain.getName(), k -> new double[2]);
          for (int i = 0; i < root.getRowCount(); i++) {
            if (v.isNull(i)) {
              continue;
            }
            acc[0]++;
            acc[1] += v instanceof BigIntVector b ? b.get(i)
                : v instanceof Float8Vector d ? d.get(i)
                : v instanceof VarCharVector t ? t.getValueLength(i) : ((DateDayVector) v).get(i);
          }
          if (v != encodedOrPlain) {
            v.close();
          }
        }
      }
    }
    assertEquals(rows, count);
    for (Feature f : FeatureSchema.columns()) {
      assertColumn(f.name(), (long) got.get(f.name())[0], got.get(f.name())[1]);
    }
  }

  @Test
  void generateExportWritesTheSameRowsWithoutReadingThemBack() throws Exception {
    Path copy = dir.resolve("copy.db");
    Files.copy(db, copy);
    Path fromRun = dir.resolve("run.parquet");
    Path fromTable = dir.resolve("table.parquet");
    Cli.ok("generate", "--db=" + copy, "--export=" + fromRun);
    Cli.ok("export", "--db=" + copy, "--out=" + fromTable);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM read_parquet('" + fromRun + "')),"
            + " (SELECT count(*) FROM (SELECT * FROM read_parquet('" + fromRun + "') EXCEPT ALL"
            + " SELECT * FROM read_parquet('" + fromTable + "')))")) {
      rs.next();
      assertEquals(rows, rs.getLong(1));
      assertEquals(0, rs.getLong(2), "rows that differ");
    }
  }

  /** Every value of every row, in the order the reader gives them. */
  private static List<String> readAll(Path file, int batchRows, int rangeRows) throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      return ArrowRows.readAll(new SqliteFeatureReader(allocator, file, null, null, Map.of(), batchRows, rangeRows));
    }
  }

  @Test
  void twoConnectionsAndSmallBatchesGiveTheSameRowsInTheSameOrderAsOneConnection() throws Exception {
    List<String> oneRange = readAll(db, (int) rows + 1, (int) rows + 1);
    assertEquals(rows, oneRange.size());
    assertTrue(rows > 5 * 1_000, "several ranges and batches of 1,000 rows");
    assertEquals(oneRange, readAll(db, 1_000, 1_000), "ranges of 1,000 rows, read in turn by two connections");
    assertEquals(oneRange, readAll(db, 300, 1_000), "batches smaller than the ranges");
    Path wal = dir.resolve("wal.db");
    Files.copy(db, wal);
    try (Connection c = Sqlite.openOrCreate(wal); Statement st = c.createStatement()) {
      st.execute("PRAGMA journal_mode = WAL");
    }
    assertEquals(oneRange, readAll(wal, 1_000, 1_000), "one connection in WAL mode");
  }

  @Test
  void aDateRangeExportsOnlyThoseRaces() throws Exception {
    Path out = dir.resolve("range.txt");
    Cli.ok("export", "--db=" + db, "--out=" + out, "--format=csv", "--from=2015-02-01", "--to=2015-02-28");
    long want;
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM runner_features WHERE race_date BETWEEN '2015-02-01' AND '2015-02-28'")) {
      rs.next();
      want = rs.getLong(1);
    }
    assertTrue(want > 0);
    assertEquals(want + 1, Files.readAllLines(out).size());
  }

  @Test
  void refusesToOverwriteWithoutForceAndLeavesNoPartialFile() throws Exception {
    Path out = dir.resolve("exists.parquet");
    Files.writeString(out, "old");
    Cli.Result r = Cli.run("export", "--db=" + db, "--out=" + out);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("already exists"), r.err());
    assertEquals("old", Files.readString(out));
    Cli.ok("export", "--db=" + db, "--out=" + out, "--force");
    assertFalse(Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1).equals("old"));
    Cli.Result unknown = Cli.run("export", "--db=" + db, "--out=" + dir.resolve("x.txt"));
    assertEquals(2, unknown.exit(), "a usage error");
    assertTrue(unknown.err().contains("--format"), unknown.err());
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "no temporary file left");
    }
  }
}
