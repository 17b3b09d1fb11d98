package org.racefeatures.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The end-to-end benchmark: on demo databases of several sizes, times {@code generate} as a whole
 * process (several runs after a warm-up), measures the I/O floor and the old per-race-query way on
 * the same data in the same run, {@code export} to Parquet and Arrow IPC, and {@code generate} with
 * 1 and 2 workers. Prints a Markdown
 * report (and writes it with {@code --results FILE}).
 *
 * <pre>
 *   benchmarks/run.sh                     # the full run: 4,500 / 45,000 / 450,000 races
 *   benchmarks/run.sh --quick             # 1,500 races, one run (what the test runs)
 *   benchmarks/run.sh --only-update       # only --update against a full run
 *   benchmarks/run.sh --only-report       # only report against generate, and explain
 *   benchmarks/run.sh --only-memory       # only peak memory of full and 1,000-race chunk runs
 *   benchmarks/run.sh --only-memory --full-only --sizes 4500000   # the 100x demo's full run, once
 * </pre>
 */
public final class Harness {
  /** Options of a run. */
  public record Options(List<Integer> sizes, int runs, int warmup, int baselineRaces, Path cache,
      Path jar, Path results, boolean scaling, boolean onlyUpdate) {
    /** The quick mode's one size: small, so that the test of the harness stays a few seconds. */
    public static final int QUICK_RACES = 1_500;

    public static Options quick(Path cache) {
      return new Options(List.of(QUICK_RACES), 1, 0, 10, cache, null, null, true, false);
    }
  }

  /** One size's measurements. */
  public record SizeResult(int races, List<ProcessRun> runs, double floorRead, double floorInsert,
      OldWayBaseline.Result baseline, Export export) {
    double median(ToDoubleFunction<ProcessRun> f) {
      return Harness.median(runs.stream().mapToDouble(f).toArray());
    }

    double min() {
      return runs.stream().mapToDouble(ProcessRun::wallSeconds).min().orElse(Double.NaN);
    }

    double max() {
      return runs.stream().mapToDouble(ProcessRun::wallSeconds).max().orElse(Double.NaN);
    }

    long rows() {
      return runs.get(0).rows();
    }

    double floor() {
      return floorRead + floorInsert;
    }

    /** The old way, extrapolated from its sample to every race. */
    double baselineFullSeconds() {
      return races / baseline.racesPerSecond();
    }
  }

  /** Medians of whole-process exports of one size's runner_features, and of a bare CLI start. */
  public record Export(double cliStart, double parquet, double arrow) {}

  /** Columns of the output table (keys, features, labels), as many as the floor's insert writes. */
  static final int TABLE_COLUMNS = org.racefeatures.features.FeatureCatalogue.tableColumns().size();

  private Harness() {}

  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(4_500, 45_000, 450_000);
    int runs = 3;
    int warmup = 1;
    int baseline = 300;
    Path cache = BenchDatabases.CACHE;
    Path jar = Path.of("target", "racefeatures.jar");
    Path results = null;
    boolean quick = false;
    boolean onlyUpdate = false;
    boolean onlyReport = false;
    boolean onlyMemory = false;
    boolean fullOnly = false;
    Path against = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--against" -> against = Path.of(args[++i]);
        case "--quick" -> quick = true;
        case "--only-update" -> onlyUpdate = true;
        case "--only-report" -> onlyReport = true;
        case "--only-memory" -> onlyMemory = true;
        case "--full-only" -> fullOnly = true;
        case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--baseline-races" -> baseline = Integer.parseInt(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        case "--results" -> results = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (--quick, --only-update, --only-report, --only-memory [--full-only], --sizes A,B, --runs N, --warmup N, --baseline-races N, --cache DIR,"
            + " --results FILE, --against OTHER.jar)");
      }
    }
    Options o = quick ? new Options(List.of(Options.QUICK_RACES), 1, 0, 10, cache, jar, results, true, false)
        : new Options(sizes, runs, warmup, baseline, cache, jar, results, !onlyUpdate, onlyUpdate);
    String report = against != null ? Against.run(o, against) : onlyReport ? reportAndExplain(o)
        : onlyMemory ? memory(o, fullOnly) : run(o);
    System.out.println(report);
    if (o.results() != null) {
      Files.writeString(o.results(), report);
    }
  }

  /** Only {@code report} against {@code generate}, and {@code explain}, per size. */
  private static String reportAndExplain(Options o) throws Exception {
    Files.createDirectories(o.cache());
    List<ReportBench.Result> results = new ArrayList<>();
    for (int races : o.sizes()) {
      results.add(ReportBench.run(o, BenchDatabases.demo(o.cache(), races), races));
    }
    return ReportBench.report(results, o.runs());
  }

  /** Only the peak memory of full and chunked runs, per size ({@link MemoryBench}). */
  private static String memory(Options o, boolean fullOnly) throws Exception {
    Files.createDirectories(o.cache());
    List<MemoryBench.Row> rows = new ArrayList<>();
    for (int races : o.sizes()) {
      rows.addAll(MemoryBench.run(o, BenchDatabases.demo(o.cache(), races), races, fullOnly));
    }
    return MemoryBench.report(rows);
  }

  /** Runs everything and returns the Markdown report. */
  public static String run(Options o) throws Exception {
    Files.createDirectories(o.cache());
    List<UpdateBench.Result> updates = new ArrayList<>();
    for (int races : o.sizes()) {
      updates.add(UpdateBench.run(o, BenchDatabases.demo(o.cache(), races), races));
    }
    if (o.onlyUpdate()) {
      return UpdateBench.report(updates, o.runs());
    }
    List<SizeResult> results = new ArrayList<>();
    for (int races : o.sizes()) {
      Path db = BenchDatabases.demo(o.cache(), races);
      List<ProcessRun> runs = new ArrayList<>();
      for (int i = 0; i < o.warmup() + o.runs(); i++) {
        ProcessRun r = generate(o, db, 0, ProcessRun.command(o.jar()));
        if (i >= o.warmup()) {
          runs.add(r);
        }
        log("generate %,d races, run %d: %.2f s%n", races, i + 1, r.wallSeconds());
      }
      double read = Floor.read(db);
      double insert = Floor.insert(o.cache().resolve("floor.db"), runs.get(0).rows(), TABLE_COLUMNS);
      log("floor %,d races: read %.2f s, insert %.2f s%n", races, read, insert);
      OldWayBaseline.Result base = OldWayBaseline.run(db, o.cache(), Math.min(o.baselineRaces(), races),
          Math.max(2, Runtime.getRuntime().availableProcessors()));
      log("old way %,d races: %d races in %.2f s%n", races, base.races(), base.seconds());
      Export export = export(o, db);
      log("export %,d races: parquet %.2f s, arrow %.2f s (CLI start %.2f s)%n", races, export.parquet(),
          export.arrow(), export.cliStart());
      results.add(new SizeResult(races, runs, read, insert, base, export));
    }
    List<double[]> scaling = new ArrayList<>();
    Launch launch = null;
    if (o.scaling()) {
      int races = o.sizes().contains(45_000) ? 45_000 : o.sizes().get(0);
      Path db = BenchDatabases.demo(o.cache(), races);
      for (int workers : List.of(1, 2)) {
        double[] walls = new double[Math.max(1, o.runs())];
        double[] compute = new double[walls.length];
        for (int i = 0; i < walls.length; i++) {
          ProcessRun r = generate(o, db, workers, ProcessRun.command(o.jar()));
          walls[i] = r.wallSeconds();
          compute[i] = r.compute();
        }
        scaling.add(new double[] {races, workers, median(walls), median(compute)});
        log("%d worker(s): %.2f s%n", workers, median(walls));
      }
      if (ProcessRun.hasLauncher(o.jar())) {
        launch = launchers(o, db, races);
      }
    }
    return report(o, results, scaling, launch) + UpdateBench.report(updates, o.runs());
  }

  /**
   * One whole-process generate into a fresh output file, so every run starts from the same state.
   *
   * @param workers compute threads, or 0 for generate's default
   */
  static ProcessRun generate(Options o, Path db, int workers, List<String> start) throws Exception {
    Path out = o.cache().resolve("generate-out.db");
    Files.deleteIfExists(out);
    List<String> cmd = new ArrayList<>(start);
    cmd.addAll(List.of("generate", "--db=" + db, "--out=" + out));
    if (workers > 0) {
      cmd.add("--workers=" + workers);
    }
    ProcessRun r = ProcessRun.run(cmd);
    Files.deleteIfExists(out);
    return r;
  }

  /** Medians of the same generate started by the launcher and by plain {@code java -jar}. */
  public record Launch(int races, double launcher, double plainJava) {}

  /** The launcher against plain {@code java -jar}, the same generate alternated run by run. */
  private static Launch launchers(Options o, Path db, int races) throws Exception {
    double[] launcher = new double[Math.max(1, o.runs())];
    double[] plain = new double[launcher.length];
    for (int i = 0; i < launcher.length; i++) {
      launcher[i] = generate(o, db, 0, ProcessRun.command(o.jar())).wallSeconds();
      plain[i] = generate(o, db, 0, ProcessRun.plainJava(o.jar())).wallSeconds();
    }
    log("launcher %.2f s, java -jar %.2f s%n", median(launcher), median(plain));
    return new Launch(races, median(launcher), median(plain));
  }

  /**
   * Times {@code export} to Parquet and to Arrow IPC (whole process, after the warm-ups) from one
   * generated output, and {@code --version} as the cost of starting the JVM and the CLI.
   */
  private static Export export(Options o, Path db) throws Exception {
    Path features = o.cache().resolve("export-source.db");
    Files.deleteIfExists(features);
    List<String> gen = ProcessRun.command(o.jar());
    gen.addAll(List.of("generate", "--db=" + db, "--out=" + features));
    ProcessRun.run(gen);
    double[] medians = new double[3];
    String[] targets = {null, "export.parquet", "export.arrow"};
    for (int t = 0; t < targets.length; t++) {
      List<String> cmd = ProcessRun.command(o.jar());
      if (targets[t] == null) {
        cmd.add("--version");
      } else {
        cmd.addAll(List.of("export", "--db=" + features, "--out=" + o.cache().resolve(targets[t]), "--force"));
      }
      double[] walls = new double[Math.max(1, o.runs())];
      for (int i = 0; i < o.warmup() + walls.length; i++) {
        double wall = ProcessRun.run(cmd).wallSeconds();
        if (i >= o.warmup()) {
          walls[i - o.warmup()] = wall;
        }
      }
      medians[t] = median(walls);
      if (targets[t] != null) {
        Files.deleteIfExists(o.cache().resolve(targets[t]));
      }
    }
    Files.deleteIfExists(features);
    return new Export(medians[0], medians[1], medians[2]);
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static void log(String format, Object... args) {
    System.err.printf(Locale.ROOT, format, args);
  }

  private static String report(Options o, List<SizeResult> results, List<double[]> scaling, Launch launch) {
    StringBuilder b = new StringBuilder();
    Runtime rt = Runtime.getRuntime();
    b.append(String.format(Locale.ROOT, "Machine: %d cores, %.0f GiB memory, %s %s, %s %s.%n%n",
        rt.availableProcessors(), totalMemoryGib(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch")));
    b.append(String.format(Locale.ROOT, "generate: %d timed run(s) after %d warm-up, whole process (JVM start to exit), started as %s,"
        + " default workers, into a fresh --out file.%n%n", o.runs(), o.warmup(), startedAs(o)));
    b.append("| races | runner rows | median s | min s | max s | load | prepare | compute | write | peak RSS MB | rows/s |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      b.append(String.format(Locale.ROOT, "| %,d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f | %,.0f |%n",
          r.races(), r.rows(), r.median(ProcessRun::wallSeconds), r.min(), r.max(), r.median(ProcessRun::load),
          r.median(ProcessRun::prepare), r.median(ProcessRun::compute), r.median(ProcessRun::write),
          r.runs().stream().mapToLong(ProcessRun::peakRssKb).max().orElse(0) / 1024.0,
          r.rows() / r.median(ProcessRun::wallSeconds)));
    }
    b.append("\nThe floor: a plain sqlite-jdbc loop reading the same input columns, plus inserting the same number"
        + " of rows of " + TABLE_COLUMNS + " columns in one batched transaction (measured in this process, no JVM start).\n\n");
    b.append("| races | floor read s | floor insert s | floor s | generate / floor | load / floor read |\n"
        + "|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      b.append(String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", r.races(), r.floorRead(),
          r.floorInsert(), r.floor(), r.median(ProcessRun::wallSeconds) / r.floor(),
          r.median(ProcessRun::load) / r.floorRead()));
    }
    b.append("\nThe old way: per-race SQL queries for each runner's history, worker threads each writing their"
        + " own rows (one transaction per race), on a sample of races from the middle of the history,"
        + " extrapolated to every race.\n\n");
    b.append("| races | sample races | workers | sample s | races/s | old way, all races s | speed-up |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      b.append(String.format(Locale.ROOT, "| %,d | %d | %d | %.2f | %.1f | %.0f | %.0fx |%n", r.races(),
          r.baseline().races(), r.baseline().workers(), r.baseline().seconds(), r.baseline().racesPerSecond(),
          r.baselineFullSeconds(), r.baselineFullSeconds() / r.median(ProcessRun::wallSeconds)));
    }
    b.append("\nexport: whole process, the same runs after warm-up, from the runner_features of one generate;"
        + " \"beyond start\" subtracts the median of `racefeatures --version` (JVM and CLI start).\n\n");
    b.append("| races | runner rows | CLI start s | Parquet s | Parquet beyond start s | Arrow IPC s | Arrow beyond start s |\n"
        + "|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SizeResult r : results) {
      Export e = r.export();
      b.append(String.format(Locale.ROOT, "| %,d | %,d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", r.races(), r.rows(),
          e.cliStart(), e.parquet(), e.parquet() - e.cliStart(), e.arrow(), e.arrow() - e.cliStart()));
    }
    if (!scaling.isEmpty()) {
      b.append("\nWorkers (compute threads; the writer is one more thread):\n\n"
          + "| races | workers | median wall s | median compute s |\n|---:|---:|---:|---:|\n");
      for (double[] s : scaling) {
        b.append(String.format(Locale.ROOT, "| %,d | %d | %.2f | %.2f |%n", (long) s[0], (long) s[1], s[2], s[3]));
      }
    }
    if (launch != null) {
      b.append(String.format(Locale.ROOT, "%nHow it is started, the same generate alternated run by run, default"
          + " workers:%n%n| races | `target/racefeatures` (launcher) median s | `java -jar` median s |%n"
          + "|---:|---:|---:|%n| %,d | %.2f | %.2f |%n", launch.races(), launch.launcher(), launch.plainJava()));
    }
    return b.toString();
  }

  /** How {@link ProcessRun#command} starts racefeatures in this run, for the report. */
  private static String startedAs(Options o) {
    return ProcessRun.hasLauncher(o.jar()) ? "`target/racefeatures` (the launcher)"
        : ProcessRun.plainJava(o.jar()).contains("-jar") ? "`java -jar target/racefeatures.jar`"
        : "`java -cp` the build's classes";
  }

  private static double totalMemoryGib() {
    try {
      var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      return os.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    } catch (ClassCastException e) {
      return Double.NaN;
    }
  }
}
