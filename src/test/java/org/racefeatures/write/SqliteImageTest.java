package org.racefeatures.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * The hand-built database image is read by SQLite exactly as if SQLite had stored the rows itself:
 * each image is compared, value and storage class, with the same rows inserted through the driver,
 * and passes {@code PRAGMA integrity_check}.
 */
class SqliteImageTest {
  private static final String CREATE = "CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  i INTEGER,\n"
      + "  r REAL,\n  s TEXT,\n  j INTEGER,\n  x REAL)";
  private static final int COLUMNS = 6;

  @TempDir Path dir;

  /** Integers at both ends of every serial type, 0 and 1, and NULL. */
  private static final long[] EDGE_INTS = {0, 1, -1, 2, 127, 128, -128, -129, 32_767, 32_768, -32_769,
      8_388_607, 8_388_608, -8_388_609, 2_147_483_647L, 2_147_483_648L, -2_147_483_649L,
      140_737_488_355_327L, 140_737_488_355_328L, -140_737_488_355_329L, Long.MAX_VALUE, Long.MIN_VALUE};

  private record Row(long id, Long i, Double r, String s, Long j, Double x) {}

  @Test
  void everyIntegerSerialTypeRealAndTextReadsBackAsInserted() throws Exception {
    List<Row> rows = new ArrayList<>();
    Random random = new Random(7);
    long id = -5; // negative rowids take the nine-byte varint
    for (long v : EDGE_INTS) {
      rows.add(new Row(id++, v, -v * 0.5, "é" + v, null, Double.MIN_VALUE));
    }
    rows.add(new Row(id++, null, null, null, null, null));
    rows.add(new Row(id++, 1L, 1.0, "", 0L, -0.5));
    rows.add(new Row(Long.MAX_VALUE, 3L, 1e308, "last", -3L, 2.5));
    for (int k = 0; k < 50; k++) {
      rows.add(new Row(1_000 + k, random.nextLong(), random.nextGaussian(), "x".repeat(k * 60), null, null));
    }
    rows.sort((a, b) -> Long.compare(a.id(), b.id()));
    assertSameAsDriver(rows);
  }

  @Test
  void thousandsOfRowsSpanLeavesAndTwoInteriorLevels() throws Exception {
    // Rows of ~40 bytes: ~90 fit a leaf and ~270 leaves an interior page, so 40,000 rows take
    // ~440 leaves under two interior levels.
    List<Row> rows = new ArrayList<>();
    Random random = new Random(11);
    long id = 1;
    for (int k = 0; k < 40_000; k++) {
      id += 1 + random.nextInt(random.nextInt(10) == 0 ? 1_000_000 : 3);
      rows.add(new Row(id, random.nextInt(5) == 0 ? null : (long) random.nextInt(100),
          random.nextInt(9) == 0 ? null : random.nextDouble() * 100, "2020-01-" + (10 + k % 20),
          (long) random.nextInt(), random.nextBoolean() ? null : random.nextDouble()));
    }
    assertSameAsDriver(rows);
  }

  @Test
  void anEmptyImageHoldsAnEmptyTable() throws Exception {
    assertSameAsDriver(List.of());
  }

  @Test
  void aSingleRowImageIsItsOwnRoot() throws Exception {
    assertSameAsDriver(List.of(new Row(42, 7L, 0.25, "one", 1L, null)));
  }

  @Test
  void rowsOutOfRowidOrderAreRefused() {
    SqliteImage image = new SqliteImage("t", CREATE, COLUMNS);
    append(image, new Row(5, 1L, 1.0, "a", 1L, 1.0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> image.beginRow(5));
    assertEquals("rowid 5 after 5: rows must come in increasing rowid order", e.getMessage());
  }

  @Test
  void anImageCopiesIntoATableThatAlreadyHasRows() throws Exception {
    List<Row> first = List.of(new Row(1, 1L, 1.0, "a", 1L, 1.0), new Row(9, 9L, 9.0, "i", 9L, 9.0));
    List<Row> second = new ArrayList<>();
    for (long id = 2; id < 9; id++) {
      second.add(new Row(id, id, id / 2.0, "m" + id, null, null));
    }
    try (SQLiteConnection conn = (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("target.db"));
        Statement st = conn.createStatement()) {
      st.executeUpdate(CREATE);
      insertWithDriver(conn, first);
      st.execute("ATTACH DATABASE ':memory:' AS img");
      conn.deserialize("img", build(second));
      st.executeUpdate("INSERT INTO main.t SELECT * FROM img.t");
      List<Row> all = new ArrayList<>(first);
      all.addAll(second);
      all.sort((a, b) -> Long.compare(a.id(), b.id()));
      assertEquals(all, readRows(conn, "main.t"));
      assertEquals("ok", integrity(conn, "main"));
    }
  }

  private void assertSameAsDriver(List<Row> rows) throws Exception {
    try (SQLiteConnection conn = (SQLiteConnection) DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement st = conn.createStatement()) {
      st.execute("ATTACH DATABASE ':memory:' AS img");
      conn.deserialize("img", build(rows));
      assertEquals("ok", integrity(conn, "img"));
      st.executeUpdate(CREATE);
      insertWithDriver(conn, rows);
      assertEquals(rows, readRows(conn, "img.t"));
      assertEquals(rows.size(), count(conn, "SELECT count(*) FROM img.t"));
      // Same values and storage classes, compared by SQLite itself.
      String typed = "SELECT id, i, typeof(i), r, typeof(r), s, typeof(s), j, typeof(j), x, typeof(x) FROM ";
      assertEquals(0, count(conn, "SELECT count(*) FROM (" + typed + "img.t EXCEPT " + typed + "main.t)"));
      assertEquals(0, count(conn, "SELECT count(*) FROM (" + typed + "main.t EXCEPT " + typed + "img.t)"));
    }
  }

  private static byte[] build(List<Row> rows) {
    SqliteImage image = new SqliteImage("t", CREATE, COLUMNS);
    for (Row row : rows) {
      append(image, row);
    }
    return image.finish();
  }

  private static void append(SqliteImage image, Row row) {
    image.beginRow(row.id());
    image.addNull();
    addLong(image, row.i());
    addDouble(image, row.r());
    if (row.s() == null) {
      image.addNull();
    } else {
      image.addText(row.s().getBytes(StandardCharsets.UTF_8));
    }
    addLong(image, row.j());
    addDouble(image, row.x());
    image.endRow();
  }

  private static void addLong(SqliteImage image, Long v) {
    if (v == null) {
      image.addNull();
    } else {
      image.addLong(v);
    }
  }

  private static void addDouble(SqliteImage image, Double v) {
    if (v == null) {
      image.addNull();
    } else {
      image.addDouble(v);
    }
  }

  private static void insertWithDriver(Connection conn, List<Row> rows) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO main.t VALUES (?,?,?,?,?,?)")) {
      for (Row row : rows) {
        ps.setLong(1, row.id());
        ps.setObject(2, row.i());
        ps.setObject(3, row.r());
        ps.setObject(4, row.s());
        ps.setObject(5, row.j());
        ps.setObject(6, row.x());
        ps.executeUpdate();
      }
    }
  }

  private static List<Row> readRows(Connection conn, String table) throws SQLException {
    List<Row> out = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
      while (rs.next()) {
        out.add(new Row(rs.getLong(1), (Long) longOrNull(rs, 2), (Double) rs.getObject(3), rs.getString(4),
            (Long) longOrNull(rs, 5), (Double) rs.getObject(6)));
      }
    }
    return out;
  }

  private static Object longOrNull(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }

  private static long count(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String integrity(Connection conn, String schema) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + schema + ".integrity_check")) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : "; ").append(rs.getString(1));
      }
      return out.toString();
    }
  }

  /** SQLite's varint decoder, written from the file format page. */
  private static long decodeVarint(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      int x = b[at + i] & 0xFF;
      v = (v << 7) | (x & 0x7F);
      if (x < 0x80) {
        return v;
      }
    }
    return (v << 8) | (b[at + 8] & 0xFF);
  }

  @Test
  void varintsRoundTripAtEveryLengthBoundary() {
    List<Long> values = new ArrayList<>();
    for (int bits = 0; bits <= 63; bits++) {
      long p = 1L << bits;
      values.add(p - 1);
      values.add(p);
      values.add(p + 1);
    }
    values.add(Long.MAX_VALUE);
    values.add(-1L);
    values.add(-5L);
    values.add(Long.MIN_VALUE);
    byte[] buf = new byte[20];
    for (long v : values) {
      java.util.Arrays.fill(buf, (byte) 0x55);
      int end = SqliteImage.putVarint(buf, 3, v);
      assertEquals(SqliteImage.varintLength(v), end - 3, "length of " + v);
      assertEquals(v, decodeVarint(buf, 3), "value " + v);
      int expected = v >= 0 && v < (1L << 56) ? (64 - Long.numberOfLeadingZeros(v) + 6) / 7 : 9;
      assertEquals(Math.max(1, expected), end - 3, "bytes of " + v);
      assertEquals((byte) 0x55, buf[end], "nothing written past the varint of " + v);
    }
  }
}
