package org.racefeatures.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** {@link Cells} gives every value as stored, in each storage class, whatever the file's encoding. */
class CellsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"UTF-8", "UTF-16le", "UTF-16be"})
  void everyStorageClassReadsAsTheDriversGetObjectGivesIt(String encoding) throws Exception {
    Path db = dir.resolve("cells.db");
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      st.execute("PRAGMA encoding = '" + encoding + "'");
      // No declared types: each value keeps the storage class it is given.
      st.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, v)");
      st.executeUpdate("INSERT INTO t (v) VALUES (NULL), (0), (-9223372036854775808), (9223372036854775807),"
          + " (4294967301), (0.5), (-1e308), (-0.0), ('évens 中 🐎'), (''), (X'00FF10'), (X'')");
    }
    List<Object> viaCells = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    List<Object> viaJdbc = new ArrayList<>();
    try (Connection c = Sqlite.openExisting(db, true);
        PreparedStatement ps = c.prepareStatement("SELECT v, typeof(v) FROM t ORDER BY id")) {
      try (ResultSet rs = ps.executeQuery()) {
        Cells cells = Cells.of(ps);
        Cells stored = Cells.withTextAsStored(ps, Cells.isUtf8(c));
        while (rs.next()) {
          types.add(cells.type(1));
          viaCells.add(cells.object(1));
          Object asStored = stored.object(1);
          if (asStored instanceof String text) { // read from its stored bytes where the file is UTF-8
            assertEquals(cells.text(1), text, encoding);
          }
          Object o = rs.getObject(1);
          viaJdbc.add(o instanceof Integer i ? (Object) (long) i : o);
          assertEquals(rs.getString(2), switch (cells.type(1)) {
            case Cells.INTEGER -> "integer";
            case Cells.REAL -> "real";
            case Cells.TEXT -> "text";
            case Cells.BLOB -> "blob";
            default -> "null";
          });
        }
      }
    }
    assertEquals(List.of(Cells.NULL, Cells.INTEGER, Cells.INTEGER, Cells.INTEGER, Cells.INTEGER, Cells.REAL,
        Cells.REAL, Cells.REAL, Cells.TEXT, Cells.TEXT, Cells.BLOB, Cells.BLOB), types);
    assertEquals(12, viaCells.size());
    for (int i = 0; i < viaCells.size(); i++) {
      if (viaCells.get(i) instanceof byte[] b) {
        // the driver's getObject gives null for an empty blob; a blob is never NULL here
        assertArrayEquals(viaJdbc.get(i) == null ? new byte[0] : (byte[]) viaJdbc.get(i), b);
      } else {
        assertEquals(viaJdbc.get(i), viaCells.get(i), "row " + i);
      }
    }
    assertEquals(Long.MIN_VALUE, viaCells.get(2));
    assertEquals(4294967301L, viaCells.get(4));
    assertEquals(-1e308, viaCells.get(6));
    assertEquals("évens 中 🐎", viaCells.get(8));
    assertEquals("", viaCells.get(9));
    assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, (byte[]) viaCells.get(10));
    assertArrayEquals(new byte[0], (byte[]) viaCells.get(11));
  }
}
