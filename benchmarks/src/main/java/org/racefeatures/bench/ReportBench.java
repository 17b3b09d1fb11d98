package org.racefeatures.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * {@code report} against {@code generate} on the same database, and {@code explain --runner}
 * against {@code --version} (the JVM and CLI start), whole processes alternated run by run.
 */
final class ReportBench {
  record Result(int races, double generate, double report, double start, double explain) {}

  private ReportBench() {}

  static Result run(Harness.Options o, Path db, int races) throws Exception {
    Path features = o.cache().resolve("report-source.db");
    Path out = o.cache().resolve("report-out.db");
    Path html = o.cache().resolve("report.html");
    Files.deleteIfExists(features);
    List<String> gen = ProcessRun.command(o.jar());
    gen.addAll(List.of("generate", "--db=" + db, "--out=" + features));
    ProcessRun.run(gen);
    long runner;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + features); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT runner_id FROM runner_features ORDER BY runner_id DESC LIMIT 1"
            + " OFFSET (SELECT count(*) / 100 FROM runner_features)")) {
      rs.next();
      runner = rs.getLong(1); // a runner near the end: a long history for horse, jockey and trainer
    }
    int n = Math.max(1, o.runs());
    double[][] t = new double[4][n];
    for (int i = 0; i < o.warmup() + n; i++) {
      Files.deleteIfExists(out);
      double[] run = {
          time(o, "generate", "--db=" + db, "--out=" + out),
          time(o, "report", "--db=" + features, "--out=" + html, "--force"),
          time(o, "--version"),
          time(o, "explain", "--db=" + db, "--features=" + features, "--runner=" + runner)};
      Harness.log("report %,d races, run %d: generate %.2f s, report %.2f s, start %.2f s, explain %.2f s%n", races,
          i + 1, run[0], run[1], run[2], run[3]);
      if (i >= o.warmup()) {
        for (int k = 0; k < 4; k++) {
          t[k][i - o.warmup()] = run[k];
        }
      }
    }
    for (Path p : List.of(features, out, html)) {
      Files.deleteIfExists(p);
    }
    return new Result(races, Harness.median(t[0]), Harness.median(t[1]), Harness.median(t[2]), Harness.median(t[3]));
  }

  private static double time(Harness.Options o, String... args) throws Exception {
    List<String> cmd = ProcessRun.command(o.jar());
    cmd.addAll(List.of(args));
    return ProcessRun.run(cmd).wallSeconds();
  }

  static String report(List<Result> results, int runs) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n`report` against `generate` on the same"
        + " database, and `explain --runner` (a runner 1%% of the rows from the end) against `--version`, whole"
        + " processes, %d of each, alternated (medians):%n%n| races | generate s | report s | report / generate"
        + " | start s | explain s | explain beyond start s |%n|---:|---:|---:|---:|---:|---:|---:|%n", runs));
    for (Result r : results) {
      b.append(String.format(Locale.ROOT, "| %,d | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2f |%n", r.races(),
          r.generate(), r.report(), r.report() / r.generate(), r.start(), r.explain(), r.explain() - r.start()));
    }
    return b.toString();
  }
}
