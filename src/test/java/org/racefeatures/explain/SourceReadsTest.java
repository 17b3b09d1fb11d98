package org.racefeatures.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.FixtureDb;

/** The input reads of {@code explain}: on two connections where they share a state, with the same rows. */
class SourceReadsTest {
  private static final String SELECT = "SELECT runner_id, race_id, jockey_id, trainer_id, status FROM runners";

  @TempDir Path dir;
  private final ExecutorService helper = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    helper.shutdownNow();
  }

  /** The rows of a scan and of key lists, read as {@code open} chooses, with how many readers read them. */
  private record Read(int readers, List<Object[]> scan, List<Object[]> byKeys) {}

  private Read read(Path db, boolean nativeLayout, List<Object> raceIds) throws Exception {
    try (Connection conn = Sqlite.openExisting(db, true)) {
      conn.setAutoCommit(false);
      SourceReads.rows(conn, "SELECT count(*) FROM races", List.of()); // begins the read transaction
      try (SourceReads reads = SourceReads.open(conn, db, nativeLayout, helper)) {
        return new Read(reads.readers(), reads.scanRunners(SELECT, "jockey_id = ? OR trainer_id = ?", List.of(3L, 5L)),
            reads.byKeys(SELECT + " WHERE race_id", raceIds));
      }
    }
  }

  private static void assertSameRows(List<Object[]> expected, List<Object[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), "row " + i);
    }
  }

  @Test
  void twoConnectionsInRollbackModeReadTheRowsOneConnectionReadsInTheSameOrder() throws Exception {
    Path db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(1500, 9, 2), db, false);
    List<Object> raceIds = new ArrayList<>();
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT race_id FROM races ORDER BY race_id DESC LIMIT 1200")) {
      while (rs.next()) {
        raceIds.add(rs.getLong(1)); // three IN lists: the second connection reads the last
      }
    }
    Read two = read(db, true, raceIds);
    Read one = read(db, false, raceIds); // through a layout: one connection
    Read wal = read(FixtureDb.copyInJournalMode(db, dir.resolve("wal.db"), "WAL"), true, raceIds);

    assertEquals(2, two.readers());
    assertEquals(1, one.readers());
    assertEquals(1, wal.readers(), "in WAL mode a second connection could see a later commit");
    assertTrue(one.scan().size() > 100, "the jockey's and trainer's rows: " + one.scan().size());
    assertTrue(one.byKeys().size() > 5000, "the fields of 1,200 races: " + one.byKeys().size());
    assertSameRows(one.scan(), two.scan());
    assertSameRows(one.byKeys(), two.byKeys());
    assertSameRows(one.scan(), wal.scan());
    assertSameRows(one.byKeys(), wal.byKeys());
  }
}
