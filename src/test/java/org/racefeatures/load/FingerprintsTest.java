package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.model.RacingData;

/**
 * A race's fingerprint follows its own rows, cell by cell: one changed cell changes that race's
 * fingerprint and no other's, and NULL is told from 0 and from the empty text.
 */
class FingerprintsTest {
  @TempDir static Path dir;
  static Path plain;
  static Map<Object, Long> original;
  /** A finished run's row (with a draw and a jockey), and its race. */
  static long runner;
  static long race;

  @BeforeAll
  static void demo() throws Exception {
    plain = dir.resolve("plain.db");
    DemoDatabase.write(new DemoSpec(300, 7, 1), plain, false);
    original = fingerprints(plain);
    try (Connection c = Sqlite.openExisting(plain, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT runner_id, race_id FROM runners WHERE status = 'FIN'"
            + " AND draw IS NOT NULL AND jockey_id IS NOT NULL ORDER BY runner_id LIMIT 1 OFFSET 500")) {
      assertTrue(rs.next());
      runner = rs.getLong(1);
      race = rs.getLong(2);
    }
  }

  /** Race id to fingerprint, as a load of {@code db} computes them. */
  private static Map<Object, Long> fingerprints(Path db) throws Exception {
    Map<Object, Long> m = new HashMap<>();
    try (Connection c = Sqlite.openExisting(db, true); BufferAllocator allocator = new RootAllocator();
        RacingData data = new Loader(db).load(c, allocator, false)) {
      for (int i = 0; i < data.races().size(); i++) {
        m.put(data.races().raceId(i), data.fingerprint(i));
      }
    }
    return m;
  }

  /** The fingerprints of a copy of the demo file after {@code sql}. */
  private static Map<Object, Long> after(String name, String sql) throws Exception {
    Path db = dir.resolve(name + ".db");
    Files.copy(plain, db);
    try (Connection c = Sqlite.openOrCreate(db); Statement st = c.createStatement()) {
      assertEquals(1, st.executeUpdate(sql), sql);
    }
    return fingerprints(db);
  }

  /** Every race but {@code race} keeps its fingerprint; {@code race}'s differs between the two. */
  private static void onlyTheRaceDiffers(Map<Object, Long> a, Map<Object, Long> b) {
    assertEquals(a.keySet(), b.keySet());
    for (Object id : a.keySet()) {
      if (id.equals(race)) {
        assertNotEquals(a.get(id), b.get(id), "race " + id);
      } else {
        assertEquals(a.get(id), b.get(id), "race " + id);
      }
    }
  }

  @Test
  void readingTwiceGivesTheSameFingerprints() throws Exception {
    assertEquals(original, fingerprints(plain));
    assertEquals(original.size(), new java.util.HashSet<>(original.values()).size(), "every race its own");
  }

  @Test
  void aChangedPositionChangesOnlyItsRace() throws Exception {
    onlyTheRaceDiffers(original, after("position", "UPDATE runners SET beaten_lengths = beaten_lengths + 0.25"
        + " WHERE runner_id = " + runner));
  }

  @Test
  void aJockeyRemovedChangesOnlyItsRace() throws Exception {
    onlyTheRaceDiffers(original, after("jockey", "UPDATE runners SET jockey_id = NULL WHERE runner_id = " + runner));
  }

  @Test
  void aNullDrawDiffersFromDrawZero() throws Exception {
    onlyTheRaceDiffers(after("draw-null", "UPDATE runners SET draw = NULL WHERE runner_id = " + runner),
        after("draw-zero", "UPDATE runners SET draw = 0 WHERE runner_id = " + runner));
  }

  @Test
  void aNullGoingDiffersFromTheEmptyText() throws Exception {
    onlyTheRaceDiffers(after("going-null", "UPDATE races SET going = NULL WHERE race_id = " + race),
        after("going-empty", "UPDATE races SET going = '' WHERE race_id = " + race));
  }

  @Test
  void aNullWeightDiffersFromWeightZero() throws Exception {
    onlyTheRaceDiffers(after("weight-null", "UPDATE runners SET weight_kg = NULL WHERE runner_id = " + runner),
        after("weight-zero", "UPDATE runners SET weight_kg = 0.0 WHERE runner_id = " + runner));
  }
}
