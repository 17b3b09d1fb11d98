package org.racefeatures.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;

/** The demo databases the benchmarks run on, built once (seed 42) and cached between runs. */
public final class BenchDatabases {
  /** The cache folder, relative to the repository root. */
  public static final Path CACHE = Path.of("benchmarks", "cache");

  private BenchDatabases() {}

  /** The cached demo database of {@code races} races in {@code cache}, built if missing. */
  public static Path demo(Path cache, int races) throws IOException, SQLException {
    Path db = cache.resolve("demo-" + races + ".db");
    if (!Files.exists(db)) {
      Files.createDirectories(cache);
      System.err.printf("building %s%n", db);
      DemoDatabase.write(new DemoSpec(races, DemoSpec.DEFAULT_SEED, DemoSpec.DEFAULT_RACECARD_DAYS), db, false);
    }
    return db;
  }
}
