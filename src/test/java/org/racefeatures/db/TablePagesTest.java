package org.racefeatures.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splitting a table's b-tree into groups of subtrees, as the loader does to read it on two threads. */
class TablePagesTest {
  @TempDir Path dir;

  /** A table {@code t} of {@code rows} rows with rowids 1, 4, 7... and a payload of some length. */
  private Path table(String name, int rows) throws Exception {
    Path file = dir.resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < rows; i++) {
          ps.setLong(1, 1 + 3L * i);
          ps.setString(2, "x".repeat(i % 200));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
    return file;
  }

  private static int root(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return TablePages.layout(c, "t").root();
    }
  }

  private static long[] rowids(TablePages pages, int[] roots) throws Exception {
    LongArrayList out = new LongArrayList();
    pages.scan(roots, (rowid, buf, offset, length) -> out.add(rowid));
    return out.toLongArray();
  }

  @Test
  void theGroupsOfABigTableHoldEveryRowOnceInRowidOrder() throws Exception {
    Path file = table("big.db", 50_000);
    int root = root(file);
    try (TablePages pages = new TablePages(file)) {
      long[] whole = rowids(pages, new int[] {root});
      assertEquals(50_000, whole.length);
      for (int parts : new int[] {2, 3, 7}) {
        int[][] groups = pages.split(root, parts);
        assertEquals(parts, groups.length);
        LongArrayList joined = new LongArrayList();
        for (int[] group : groups) {
          long[] ids = rowids(pages, group);
          assertTrue(ids.length > 50_000 / parts / 3, parts + " groups of about equal size: " + ids.length);
          joined.addElements(joined.size(), ids);
        }
        assertArrayEquals(whole, joined.toLongArray(), parts + " groups, one after the other");
      }
    }
  }

  @Test
  void aTableOnOneLeafPageIsOneGroup() throws Exception {
    Path file = table("small.db", 5);
    int root = root(file);
    try (TablePages pages = new TablePages(file)) {
      int[][] groups = pages.split(root, 2);
      assertEquals(1, groups.length);
      assertArrayEquals(new long[] {1, 4, 7, 10, 13}, rowids(pages, groups[0]));
    }
  }

  @Test
  void aTreeThatLoopsIsAnErrorNamingTheFileAndPage() throws Exception {
    Path file = table("loop.db", 50_000);
    int root = root(file);
    int pageSize;
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(16);
      pageSize = raf.readUnsignedShort();
      long header = (root - 1L) * pageSize;
      raf.seek(header);
      assertEquals(0x05, raf.readUnsignedByte(), "the root of 50,000 rows is an interior page");
      raf.seek(header + 8); // its right-most child: now the root itself
      raf.writeInt(root);
    }
    try (TablePages pages = new TablePages(file)) {
      // Before the check, the walk never ended: bounded here, so such a regression fails instead.
      IOException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class,
          () -> pages.scan(root, (rowid, buf, offset, length) -> { })));
      assertTrue(e.getMessage().startsWith(file + ": the b-tree rooted at page " + root), e.getMessage());
      assertTrue(e.getMessage().contains("loops"), e.getMessage());
    }
  }

  @Test
  void anInteriorPageClaimingMoreCellsThanAPageHoldsIsAnErrorNamingIt() throws Exception {
    Path file = table("cells.db", 50_000);
    int root = root(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(16);
      int pageSize = raf.readUnsignedShort();
      long header = (root - 1L) * pageSize;
      raf.seek(header);
      assertEquals(0x05, raf.readUnsignedByte(), "the root of 50,000 rows is an interior page");
      raf.seek(header + 3); // its number of cells
      raf.writeShort(0xFFFF);
    }
    try (TablePages pages = new TablePages(file)) {
      String expected = file + ": interior page " + root + " claims 65535 cells";
      IOException scan = assertThrows(IOException.class, () -> pages.scan(root, (rowid, buf, offset, length) -> { }));
      assertTrue(scan.getMessage().startsWith(expected), scan.getMessage());
      IOException split = assertThrows(IOException.class, () -> pages.split(root, 2));
      assertTrue(split.getMessage().startsWith(expected), split.getMessage());
    }
  }
}
