package org.racefeatures.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak memory of the runs a small machine makes: a full {@code generate}, 1,000-race chunks
 * ({@code --limit 1000}) at the start, middle and end of the races, and the last 45,000 races by
 * date ({@code --from}); whole processes, peak RSS from /proc, each into a fresh output file.
 */
final class MemoryBench {
  record Row(int races, String run, int selected, double wallSeconds, long peakRssKb, long inputRows) {}

  private static final Pattern SELECTED = Pattern.compile("([0-9,]+) races selected");

  private MemoryBench() {}

  /** The runs above, or with {@code fullOnly} the full run alone (the 100x demo's, say). */
  static List<Row> run(Harness.Options o, Path db, int races, boolean fullOnly) throws Exception {
    long inputRows = count(db, "SELECT count(*) FROM runners");
    List<List<String>> runs = fullOnly ? List.of(List.of()) : List.of(List.of(), List.of("--limit=1000", "--offset=0"),
        List.of("--limit=1000", "--offset=" + (races / 2)), List.of("--limit=1000", "--offset=" + (races - 1000)),
        List.of("--from=" + lastRacesFrom(db, Math.min(45_000, races))));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < Math.max(1, o.runs()); i++) {
      for (List<String> args : runs) {
        Path out = o.cache().resolve("memory-out.db");
        Files.deleteIfExists(out);
        List<String> cmd = ProcessRun.command(o.jar());
        cmd.addAll(List.of("generate", "--db=" + db, "--out=" + out));
        cmd.addAll(args);
        ProcessRun r = ProcessRun.run(cmd);
        Files.deleteIfExists(out);
        Matcher m = SELECTED.matcher(r.output());
        int selected = m.find() ? Integer.parseInt(m.group(1).replace(",", "")) : -1;
        String name = args.isEmpty() ? "full" : String.join(" ", args).replace("=", " ");
        Harness.log("memory %,d races, %s: %.2f s, peak RSS %,d MB%n", races, name, r.wallSeconds(),
            r.peakRssKb() / 1024);
        rows.add(new Row(races, name, selected, r.wallSeconds(), r.peakRssKb(), inputRows));
      }
    }
    return rows;
  }

  /** The race date from which about the last {@code n} races (in race-time order) are selected. */
  private static String lastRacesFrom(Path db, int n) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); PreparedStatement ps = c.prepareStatement(
        "SELECT race_date FROM races ORDER BY race_date DESC, off_time DESC, race_id DESC LIMIT 1 OFFSET ?")) {
      ps.setInt(1, n - 1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "0000-00-00";
      }
    }
  }

  private static long count(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  static String report(List<Row> rows) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nPeak memory (`--only-memory`): whole"
        + " `generate` processes into a fresh file, peak RSS from /proc; bytes per input row = peak RSS over"
        + " the runner rows of the input (all of which a run loads today).%n%n| races | run | races selected"
        + " | wall s | peak RSS MB | bytes per input runner row |%n|---:|---|---:|---:|---:|---:|%n"));
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %,d | %s | %,d | %.2f | %,d | %.0f |%n", r.races(), r.run(),
          r.selected(), r.wallSeconds(), r.peakRssKb() / 1024, r.peakRssKb() * 1024.0 / r.inputRows()));
    }
    return b.toString();
  }
}
