package org.racefeatures.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * This build against another jar (an earlier commit's, say) in one sitting: per size, whole-process
 * runs of {@code generate} and of a Parquet {@code export} of its table, the two builds alternated
 * run by run so that the machine's drift falls on both alike ({@code --against OTHER.jar}).
 */
final class Against {
  private Against() {}

  /** Medians per build: generate wall, its compute and write, export wall. */
  private record Medians(double generate, double compute, double write, double export, long peakRssKb) {}

  static String run(Harness.Options o, Path other) throws Exception {
    if (!Files.isRegularFile(other)) {
      throw new IllegalArgumentException(other + ": no such jar");
    }
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "This build (%s) against another (%s), %d alternated"
        + " run(s) each after %d warm-up, whole processes, default workers, %d cores.%n%n", o.jar(), other.getFileName(),
        o.runs(), o.warmup(), Runtime.getRuntime().availableProcessors()));
    b.append("| races | build | generate median s | compute | write | peak RSS MB | Parquet export median s |\n");
    b.append("|---:|---|---:|---:|---:|---:|---:|\n");
    List<String> ratios = new ArrayList<>();
    for (int races : o.sizes()) {
      Path db = BenchDatabases.demo(o.cache(), races);
      Medians before = null;
      Medians after = null;
      List<List<ProcessRun>> gens = List.of(new ArrayList<>(), new ArrayList<>());
      List<List<Double>> exports = List.of(new ArrayList<>(), new ArrayList<>());
      for (int i = 0; i < o.warmup() + o.runs(); i++) {
        for (int build = 0; build < 2; build++) {
          List<String> start = ProcessRun.command(build == 0 ? other : o.jar());
          Path features = o.cache().resolve("against-source.db");
          Files.deleteIfExists(features);
          List<String> gen = new ArrayList<>(start);
          gen.addAll(List.of("generate", "--db=" + db, "--out=" + features));
          ProcessRun g = ProcessRun.run(gen); // into a fresh file, as the harness's generate runs
          double e = export(o, features, start);
          Harness.log("%,d races, %s, run %d: generate %.2f s, export %.2f s%n", races, build == 0 ? "other" : "this",
              i + 1, g.wallSeconds(), e);
          if (i >= o.warmup()) {
            gens.get(build).add(g);
            exports.get(build).add(e);
          }
        }
      }
      for (int build = 0; build < 2; build++) {
        List<ProcessRun> g = gens.get(build);
        Medians m = new Medians(median(g.stream().mapToDouble(ProcessRun::wallSeconds).toArray()),
            median(g.stream().mapToDouble(ProcessRun::compute).toArray()),
            median(g.stream().mapToDouble(ProcessRun::write).toArray()),
            median(exports.get(build).stream().mapToDouble(Double::doubleValue).toArray()),
            g.stream().mapToLong(ProcessRun::peakRssKb).max().orElse(0));
        b.append(String.format(Locale.ROOT, "| %,d | %s | %.2f | %.2f | %.2f | %d | %.2f |%n", races,
            build == 0 ? "other" : "this", m.generate(), m.compute(), m.write(),
            m.peakRssKb() / 1024, m.export()));
        if (build == 0) {
          before = m;
        } else {
          after = m;
        }
      }
      ratios.add(String.format(Locale.ROOT, "%,d races: generate %.2fx, export %.2fx", races,
          after.generate() / before.generate(), after.export() / before.export()));
    }
    b.append("\nThis build over the other: ").append(String.join("; ", ratios)).append(".\n");
    return b.toString();
  }

  /** A whole-process Parquet export of {@code features}' table, by the same build; then deletes both. */
  private static double export(Harness.Options o, Path features, List<String> start) throws Exception {
    Path parquet = o.cache().resolve("against.parquet");
    List<String> cmd = new ArrayList<>(start);
    cmd.addAll(List.of("export", "--db=" + features, "--out=" + parquet, "--force"));
    double seconds = ProcessRun.run(cmd).wallSeconds();
    Files.deleteIfExists(features);
    Files.deleteIfExists(parquet);
    return seconds;
  }

  private static double median(double[] v) {
    return Harness.median(v);
  }
}
