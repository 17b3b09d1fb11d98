package org.racefeatures.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;
import org.racefeatures.testing.LockHolder;
import org.racefeatures.testing.OtherProcess;

/**
 * Files another program holds or left behind: a lock held past the busy timeout is a message naming
 * the file, a hot journal of a killed writer is rolled back as SQLite does, and a malformed file is
 * an error naming it, never a run that exits 0.
 */
class LockedAndDamagedFilesTest {
  @TempDir static Path dir;
  static Path base;

  @BeforeAll
  static void database() throws Exception {
    base = dir.resolve("base.db");
    DemoDatabase.write(new DemoSpec(400, 8, 0), base, false);
  }

  private static Path copy(String name) throws Exception {
    Path db = dir.resolve(name + ".db");
    Files.copy(base, db);
    return db;
  }

  private static OtherProcess hold(Path db, String how) throws Exception {
    return OtherProcess.start(LockHolder.class, "ready", db.toString(), how);
  }

  @Test
  void aLockHeldPastTheBusyTimeoutNamesTheFileAndTheWait() throws Exception {
    Path db = copy("locked");
    try (OtherProcess holder = hold(db, "exclusive")) {
      long start = System.nanoTime();
      Cli.Result r = Cli.run("generate", "--db=" + db, "--out=" + dir.resolve("locked-out.db"), "--busy-timeout=1");
      double waited = (System.nanoTime() - start) / 1e9;
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains(db + ": another program holds the database locked"), r.err());
      assertTrue(r.err().contains("after waiting 1.0 s (--busy-timeout)"), r.err());
      assertTrue(waited >= 0.9, "waited " + waited + " s");
      assertFalse(r.err().contains("\tat "), r.err());
    }
  }

  @Test
  void aHotJournalOfAKilledWriterIsRolledBack() throws Exception {
    Path expectedOut = dir.resolve("clean-out.db");
    Cli.ok("generate", "--db=" + base, "--out=" + expectedOut);
    Path db = copy("hot");
    hold(db, "hot-journal").kill(); // killed mid-transaction
    Path journal = dir.resolve("hot.db-journal");
    assertTrue(Files.exists(journal) && Files.size(journal) > 0, "a hot journal is left");
    Path out = dir.resolve("hot-out.db");
    Cli.ok("generate", "--db=" + db, "--out=" + out);
    assertEquals(FeatureTables.read(expectedOut), FeatureTables.read(out));
    try (Connection c = Sqlite.openExisting(db, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM runners WHERE draw = 99")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getInt(1), "the killed transaction's changes are gone");
    }
  }

  @Test
  void aMalformedFileIsAnErrorNamingItNeverExitZero() throws Exception {
    Path db = copy("malformed");
    long pages = Files.size(db) / 4096;
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      byte[] junk = new byte[4096];
      java.util.Arrays.fill(junk, (byte) 0x5A);
      for (long p = 2; p < pages; p += 3) { // every third page from the second on
        f.seek(p * 4096);
        f.write(junk);
      }
    }
    Cli.Result r = Cli.run("generate", "--db=" + db, "--out=" + dir.resolve("malformed-out.db"));
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains(db.toString()), r.err());
    assertTrue(r.err().contains("malformed"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
