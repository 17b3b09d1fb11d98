package org.racefeatures.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code generate --update} after one day's changes against a full regeneration of the same changed
 * database, whole processes alternated run by run in one sitting. The change: on the last day with
 * results, every finisher behind the winner is a quarter length further back (a corrected result
 * for each of that day's races); the racecards after it are recomputed too. Each update starts from
 * a copy of the table as a full run wrote it before the change, and each timed run starts after
 * the harness's own writes are on disk ({@link ProcessRun#flushWrites}).
 */
final class UpdateBench {
  /** Medians for one size. */
  record Result(int races, int recomputed, double full, double update) {}

  private static final Pattern RECOMPUTING = Pattern.compile("recomputing ([0-9,]+) race");

  private UpdateBench() {}

  static Result run(Harness.Options o, Path db, int races) throws Exception {
    Path input = o.cache().resolve("update-input.db");
    Path before = o.cache().resolve("update-before.db");
    Path out = o.cache().resolve("update-out.db");
    Files.copy(db, input, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(before);
    List<String> gen = ProcessRun.command(o.jar());
    gen.addAll(List.of("generate", "--db=" + input, "--out=" + before));
    ProcessRun.run(gen);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + input); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE runners SET beaten_lengths = beaten_lengths + 0.25 WHERE status = 'FIN'"
          + " AND finish_position > 1 AND race_id IN (SELECT race_id FROM races WHERE race_date = (SELECT"
          + " max(race_date) FROM races JOIN runners USING (race_id) WHERE status = 'FIN'))");
    }
    int n = Math.max(1, o.runs());
    double[] full = new double[n];
    double[] update = new double[n];
    int recomputed = -1;
    for (int i = 0; i < n; i++) {
      Files.deleteIfExists(out);
      List<String> cmd = ProcessRun.command(o.jar());
      cmd.addAll(List.of("generate", "--db=" + input, "--out=" + out));
      ProcessRun.flushWrites();
      full[i] = ProcessRun.run(cmd).wallSeconds();
      Files.copy(before, out, StandardCopyOption.REPLACE_EXISTING);
      ProcessRun.flushWrites();
      cmd = ProcessRun.command(o.jar());
      cmd.addAll(List.of("generate", "--db=" + input, "--out=" + out, "--update"));
      ProcessRun u = ProcessRun.run(cmd);
      update[i] = u.wallSeconds();
      Matcher m = RECOMPUTING.matcher(u.output());
      recomputed = m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : -1;
      System.err.printf("update %,d races, run %d: full %.2f s, --update %.2f s (%d races)%n", races, i + 1,
          full[i], update[i], recomputed);
    }
    for (Path p : new ArrayList<>(List.of(input, before, out))) {
      Files.deleteIfExists(p);
    }
    return new Result(races, recomputed, median(full), median(update));
  }

  static String report(List<Result> results, int runs) {
    StringBuilder b = new StringBuilder(String.format("%n`generate --update` after the last day's results"
        + " were corrected, against a full regeneration of the same database (whole processes, %d of each,"
        + " alternated):%n%n| races | races recomputed | full s | --update s | update / full |%n"
        + "|---:|---:|---:|---:|---:|%n", runs));
    for (Result r : results) {
      b.append(String.format("| %,d | %,d | %.2f | %.2f | %.0f%% |%n", r.races(), r.recomputed(), r.full(), r.update(),
          100 * r.update() / r.full()));
    }
    return b.toString();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
