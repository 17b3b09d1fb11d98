package org.racefeatures.features;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.racefeatures.db.Sqlite;
import org.racefeatures.bench.BenchDatabases;
import org.racefeatures.load.Loader;
import org.racefeatures.model.RacingData;

/** The feature kernel: one batch of 500 races from the middle of a 45,000-race history. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Darrow.enable_unsafe_memory_access=true", "-Darrow.enable_null_check_for_get=false"})
public class FeatureEngineBenchmark {
  private BufferAllocator allocator;
  private RacingData data;
  private FeatureEngine engine;
  private int[] races;

  @Setup(Level.Trial)
  public void load() throws Exception {
    Path db = BenchDatabases.demo(BenchDatabases.CACHE, 45_000);
    allocator = new RootAllocator();
    try (Connection c = Sqlite.openExisting(db, true)) {
      data = new Loader(db).load(c, allocator, false);
    }
    engine = new FeatureEngine(new History(data));
    races = new int[500];
    for (int i = 0; i < races.length; i++) {
      races[i] = data.races().size() / 2 + i;
    }
  }

  @Benchmark
  public FeatureRows computeOneBatch() {
    return engine.compute(races, 0, races.length);
  }

  @TearDown(Level.Trial)
  public void close() {
    data.close();
    allocator.close();
  }
}
