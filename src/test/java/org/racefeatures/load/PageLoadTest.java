package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FeatureTables;

/**
 * The loader reads races and runners straight from the file's pages where it can, and through the
 * driver where it must (a database in WAL mode, a value not stored plainly); both give the same
 * features.
 */
class PageLoadTest {
  @TempDir static Path dir;
  static Path db;

  @BeforeAll
  static void demo() throws Exception {
    db = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(500, 3, 2), db, false);
  }

  /** A copy of the demo database in WAL mode: the loader must read it through the driver. */
  private static Path walCopy(String name) throws Exception {
    Path wal = dir.resolve(name);
    Files.copy(db, wal);
    sql(wal, "PRAGMA journal_mode=WAL");
    return wal;
  }

  private static void sql(Path file, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }

  private static Map<Long, Map<String, Object>> generate(Path input, String name) throws Exception {
    Path out = dir.resolve(name);
    Cli.ok("generate", "--db=" + input, "--out=" + out);
    return FeatureTables.read(out);
  }

  @Test
  void pagesAndTheDriverLoadTheSameFeatures() throws Exception {
    Map<Long, Map<String, Object>> fromPages = generate(db, "pages.db");
    assertTrue(fromPages.size() > 4_000);
    assertEquals(generate(walCopy("wal.db"), "driver.db"), fromPages);
  }

  /**
   * A REAL in an INTEGER column: the driver truncates it; the page read must not guess. Among the
   * first runners and among the last: two threads share out the parts of the runners' b-tree, and
   * the thread that does not read the races first usually takes the last parts, so both threads'
   * way of giving up on the pages is exercised.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ORDER BY runner_id LIMIT 50 OFFSET 1000", "ORDER BY runner_id DESC LIMIT 50"})
  void aValueNotStoredPlainlyIsLeftToTheDriversConversion(String which) throws Exception {
    Path odd = Files.createTempFile(dir, "odd", ".db");
    Files.copy(db, odd, StandardCopyOption.REPLACE_EXISTING);
    String update = "UPDATE runners SET draw = 3.5, official_rating = '77' WHERE runner_id IN"
        + " (SELECT runner_id FROM runners " + which + ")";
    sql(odd, update);
    Path oddWal = walCopy("odd-wal-" + odd.getFileName());
    sql(oddWal, update);
    assertEquals(generate(oddWal, "driver-" + odd.getFileName()), generate(odd, "pages-" + odd.getFileName()));
  }
}
