package org.racefeatures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.testing.Cli;
import org.racefeatures.testing.FixtureDb;
import org.racefeatures.testing.ChurnWriter;
import org.racefeatures.testing.OtherProcess;

/**
 * {@code export} and {@code report} while another process rewrites a third of runner_features in a
 * loop ({@link ChurnWriter}, {@code features}): each reads one committed state of the table, never a mix, in
 * rollback-journal and WAL mode (two connections, or one, and the file read through memory mapping).
 */
class ReadingBesideAWriterTest {
  @TempDir static Path dir;
  static Path generated;
  /** Over the churned rows: their count and the sum of their h_runs before any change; all rows' sum. */
  static long churned;
  static long churnedSum;
  static long allSum;
  static long rows;

  @BeforeAll
  static void generate() throws Exception {
    Path input = dir.resolve("input.db");
    DemoDatabase.write(new DemoSpec(4_000, 5, 0), input, false);
    generated = dir.resolve("features.db");
    Cli.ok("generate", "--db=" + input, "--out=" + generated);
    try (Connection c = Sqlite.openExisting(generated, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE " + ChurnWriter.SHIFTED_ROWS + "),"
            + " total(h_runs) FILTER (WHERE " + ChurnWriter.SHIFTED_ROWS + "), total(h_runs), count(*) FROM runner_features")) {
      rs.next();
      churned = rs.getLong(1);
      churnedSum = rs.getLong(2);
      allSum = rs.getLong(3);
      rows = rs.getLong(4);
    }
    assertTrue(churned > 1000, "rows the other process changes: " + churned);
    try (FeatureTableSnapshot t = FeatureTableSnapshot.open(generated, null, null, FeatureSchema.columns(),
        FeatureTableSnapshot.RANGE_ROWS)) {
      assertEquals(2, t.connections());
      assertTrue(t.ranges() >= 2, "runner_id ranges read in turn: " + t.ranges());
    }
  }

  private static Path copy(String name, String journalMode) throws Exception {
    return FixtureDb.copyInJournalMode(generated, dir.resolve(name + ".db"), journalMode);
  }

  /** The sum of h_runs over an exported CSV's rows, and how many rows it has. */
  private static long[] csvSum(Path csv) throws Exception {
    try (BufferedReader in = Files.newBufferedReader(csv)) {
      List<String> header = List.of(in.readLine().split(","));
      int column = header.indexOf("h_runs");
      long sum = 0;
      long n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String v = line.split(",", -1)[column];
        sum += v.isEmpty() ? 0 : Long.parseLong(v);
        n++;
      }
      return new long[] {sum, n};
    }
  }

  @ParameterizedTest(name = "journal_mode = {0}")
  @ValueSource(strings = {"DELETE", "WAL"})
  void exportAndReportReadOneCommittedState(String journalMode) throws Exception {
    Path db = copy("churn-" + journalMode, journalMode);
    long shifted = allSum + (long) ChurnWriter.SHIFT * churned;
    // The report's mean of h_runs in either state, as the page prints it.
    long nonNull;
    try (Connection c = Sqlite.openExisting(generated, true); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(h_runs) FROM runner_features")) {
      rs.next();
      nonNull = rs.getLong(1);
    }
    String meanBefore = String.format(Locale.ROOT, "%.4g", (double) allSum / nonNull);
    String meanAfter = String.format(Locale.ROOT, "%.4g", (double) shifted / nonNull);
    OtherProcess other = OtherProcess.start(ChurnWriter.class, "started", db.toString(), "60000", "features");
    try {
      for (int run = 0; run < 3; run++) {
        Path csv = dir.resolve("churn-" + journalMode + "-" + run + ".csv");
        Cli.ok("export", "--db=" + db, "--out=" + csv);
        long[] got = csvSum(csv);
        assertEquals(rows, got[1], "run " + run + ": rows");
        assertTrue(got[0] == allSum || got[0] == shifted,
            "run " + run + ": sum of h_runs " + got[0] + " is neither " + allSum + " nor " + shifted);
        if (run > 0) {
          continue; // one report: its read is the export's, and it draws 170 figures
        }
        Path html = dir.resolve("churn-" + journalMode + "-" + run + ".html");
        Cli.ok("report", "--db=" + db, "--out=" + html, "--force");
        String mean = Jsoup.parse(html.toFile(), "UTF-8").select("table.features tr[data-feature=h_runs]").first()
            .child(5).text();
        assertTrue(mean.equals(meanBefore) || mean.equals(meanAfter),
            "run " + run + ": the report's mean of h_runs " + mean + " is neither " + meanBefore + " nor " + meanAfter);
      }
    } finally {
      List<String> lines = other.stop();
      long commits = Long.parseLong(lines.get(lines.size() - 1).strip());
      // In rollback-journal mode each read holds the writer off (10 commits in a slow run): it must
      // have changed the table at least once and back.
      assertTrue(commits >= 2, "the other process committed while they read: " + commits);
    }
  }
}
