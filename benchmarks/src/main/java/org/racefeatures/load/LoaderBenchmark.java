package org.racefeatures.load;

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
import org.racefeatures.model.RacingData;
import org.racefeatures.bench.BenchDatabases;

/** The loader's read and column fill: a 45,000-race database into Arrow columns. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED",
    "-Darrow.enable_unsafe_memory_access=true", "-Darrow.enable_null_check_for_get=false"})
public class LoaderBenchmark {
  private Path db;
  private BufferAllocator allocator;
  private Connection conn;

  @Setup(Level.Trial)
  public void open() throws Exception {
    db = BenchDatabases.demo(BenchDatabases.CACHE, 45_000);
    allocator = new RootAllocator();
    conn = Sqlite.openExisting(db, true);
  }

  @Benchmark
  public int loadIntoArrow() throws Exception {
    try (RacingData data = new Loader(db).load(conn, allocator, false)) {
      return data.runners().size();
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    conn.close();
    allocator.close();
  }
}
