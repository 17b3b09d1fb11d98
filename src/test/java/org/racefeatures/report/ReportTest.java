package org.racefeatures.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.testing.Cli;

/** {@code report} read back as a browser reads it (jsoup), on a generated database. */
class ReportTest {
  @TempDir static Path dir;
  private static Path generated;

  @BeforeAll
  static void generate() throws Exception {
    generated = dir.resolve("demo.db");
    DemoDatabase.write(new DemoSpec(9000, 5, 2), generated, false); // 27 months: PSI needs 24
    Cli.ok("generate", "--db=" + generated);
  }

  private static Document report(Path db, String name, String... extra) throws Exception {
    Path out = dir.resolve(name);
    String[] args = new String[3 + extra.length];
    args[0] = "report";
    args[1] = "--db=" + db;
    args[2] = "--out=" + out;
    System.arraycopy(extra, 0, args, 3, extra.length);
    Cli.Result r = Cli.ok(args);
    assertTrue(r.out().contains("report of "), r.out());
    return Jsoup.parse(out.toFile(), "UTF-8");
  }

  private static Path copy(String name) throws Exception {
    Path db = dir.resolve(name);
    Files.copy(generated, db);
    return db;
  }

  private static void execute(Path db, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  /** A column of the table in runner_id order, NULL as NaN. */
  private static double[] column(Path db, String name) throws Exception {
    List<Double> values = new java.util.ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT " + name + " FROM runner_features ORDER BY runner_id")) {
      while (rs.next()) {
        double v = rs.getDouble(1);
        values.add(rs.wasNull() ? Double.NaN : v);
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * The report's columns are the table's, row for row in runner_id order, however they are read:
   * 97-id ranges shared by two connections (rollback journal) or one connection (WAL).
   */
  @Test
  void columnsReadInRangesOnTwoConnectionsEqualTheTableAndOneConnectionsRead() throws Exception {
    Path wal = copy("wal.db");
    execute(wal, "PRAGMA journal_mode=WAL");
    try (var shared = org.racefeatures.export.FeatureTableSnapshot.open(generated, null, null,
        FeatureColumns.columnsRead(), 97);
        var alone = org.racefeatures.export.FeatureTableSnapshot.open(wal, null, null, FeatureColumns.columnsRead(),
            97)) {
      assertEquals(2, shared.connections());
      assertTrue(shared.ranges() > 100, "ranges: " + shared.ranges());
      assertEquals(1, alone.connections());
    }
    FeatureColumns ranges = FeatureColumns.read(generated, null, null, 97);
    FeatureColumns one = FeatureColumns.read(wal, null, null);
    assertEquals(one.rows(), ranges.rows());
    assertEquals(one.races(), ranges.races());
    assertEquals(one.firstDate(), ranges.firstDate());
    assertEquals(one.lastDate(), ranges.lastDate());
    assertTrue(java.util.Arrays.equals(one.won(), ranges.won()));
    assertTrue(java.util.Arrays.equals(one.months(), ranges.months()));
    for (int f = 0; f < one.features.size(); f++) {
      String name = one.features.get(f).name();
      assertTrue(java.util.Arrays.equals(PlainScores.column(one, f), PlainScores.column(ranges, f)), name);
      assertTrue(java.util.Arrays.equals(one.codes(f), ranges.codes(f)), name);
      assertEquals(one.values(f), ranges.values(f), name);
    }
    for (String name : List.of("h_runs", "h_elo", "h_days_since_win", "won")) {
      double[] want = column(generated, name);
      assertEquals(want.length, ranges.rows());
      for (int i = 0; i < want.length; i++) {
        double got = name.equals("won") ? (ranges.won()[i] < 0 ? Double.NaN : ranges.won()[i])
            : PlainScores.column(ranges, ranges.indexOf(name))[i];
        assertEquals(want[i], got, 0.0, name + " row " + i);
      }
    }
    int going = ranges.indexOf("going");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + generated); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT going FROM runner_features ORDER BY runner_id")) {
      for (int i = 0; rs.next(); i++) {
        int code = ranges.codes(going)[i];
        assertEquals(rs.getString(1), code < 0 ? null : ranges.values(going).get(code), "going row " + i);
      }
    }
  }

  @Test
  void textInANumberColumnIsAnErrorNamingItsRowColumnAndValue() throws Exception {
    Path db = copy("text.db");
    execute(db, "UPDATE runner_features SET h_runs = 'abc' WHERE runner_id = (SELECT max(runner_id) - 5"
        + " FROM runner_features)");
    long id;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT runner_id FROM runner_features WHERE typeof(h_runs) = 'text'")) {
      assertTrue(rs.next());
      id = rs.getLong(1);
    }
    Path out = dir.resolve("text.html");
    Cli.Result r = Cli.run("report", "--db=" + db, "--out=" + out);
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("runner_features row runner_id=" + id + ", column h_runs: 'abc' (text) is not an"
        + " integer"), r.err());
    assertFalse(Files.exists(out), "no page written");
    Path label = copy("label.db");
    execute(label, "UPDATE runner_features SET won = 256 WHERE runner_id = " + id);
    Cli.Result l = Cli.run("report", "--db=" + label, "--out=" + out);
    assertEquals(1, l.exit(), l.out() + l.err());
    assertTrue(l.err().contains("runner_id=" + id + ", column won: 256 is not 0, 1 or NULL"), l.err());
  }

  @Test
  void everyFeatureHasItsSectionFiguresAndPlotsAndThePageNeedsNothingFromOutside() throws Exception {
    Document doc = report(generated, "all.html");
    List<Feature> features = FeatureCatalogue.features();
    List<Element> sections = doc.select("section.feature");
    assertEquals(features.size(), sections.size());
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      Element s = sections.get(i);
      assertEquals(f.name(), s.attr("data-feature"));
      assertEquals("f-" + f.name(), s.id());
      assertTrue(s.select("dt").eachText().containsAll(List.of("rows", "NULL", "PSI")), f.name());
      assertEquals(2, s.select("svg").size(), f.name() + ": a histogram and a NULL strip");
    }
    // The NULL strip's axis names months of the span (27 months from 2015-01): quarters or years.
    List<String> ticks = doc.select("#f-h_runs svg").get(1).select("text").eachText();
    assertTrue(ticks.stream().anyMatch(t -> t.matches("2015(-(01|04|07|10))?|2016(-(01|04|07|10))?")), ticks.toString());
    assertTrue(ticks.stream().filter(t -> t.matches("\\d{4}(-\\d{2})?")).allMatch(t -> t.compareTo("2015") >= 0
        && t.compareTo("2017-04") < 0), ticks.toString());
    assertEquals(features.size(), doc.select("table.features tbody tr").size());
    assertEquals(1, doc.select("#calibration svg").size());
    Element runs = doc.select("table.features tr[data-feature=h_runs]").first();
    assertFalse(runs.child(10).text().isEmpty(), "a PSI over 27 months");
    assertTrue(Double.parseDouble(runs.child(10).text()) > 0.25, "history counts grow as the database fills: drift");
    assertTrue(doc.select("script, link, img, iframe, object").isEmpty(), "nothing loaded from elsewhere");
    assertFalse(doc.html().contains("url(http"), "no remote style");
    // The header: rows and races as the table holds them.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + generated); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT race_id) FROM runner_features")) {
      rs.next();
      String header = doc.select("header").text();
      assertTrue(header.contains(String.format("rows %,d", rs.getLong(1))), header);
      assertTrue(header.contains(String.format("races %,d", rs.getLong(2))), header);
    }
    // Sorted by predictive power: the AUC's distance from 0.5 never grows down the table.
    double previous = Double.MAX_VALUE;
    for (Element row : doc.select("table.features tbody tr")) {
      String auc = row.child(8).text();
      double power = auc.isEmpty() ? -1 : Math.abs(Double.parseDouble(auc) - 0.5);
      assertTrue(power <= previous + 1e-3, row.text());
      previous = power;
    }
  }

  @Test
  void aColumnEqualToWonIsFlaggedAsALeak() throws Exception {
    Path db = copy("leak.db");
    execute(db, "UPDATE runner_features SET h_win_rate = won");
    Document doc = report(db, "leak.html");
    Element s = doc.getElementById("f-h_win_rate");
    assertTrue(s.select("p.flag").text().contains("AUC 1.000"), s.text());
    assertTrue(doc.select("#flags").text().contains("h_win_rate"));
    assertEquals("h_win_rate", doc.select("table.features tbody tr").first().attr("data-feature"),
        "the strongest feature heads the table");
    Element clean = report(generated, "clean.html").getElementById("f-h_win_rate");
    assertFalse(clean.select("p.flag").text().contains("AUC"), "the real column is not flagged");
  }

  @Test
  void aMonthOfNullsIsFlaggedWithItsMonth() throws Exception {
    Path db = copy("nulls.db");
    execute(db, "UPDATE runner_features SET h_runs = NULL WHERE substr(race_date, 1, 7) = '2015-06'");
    Element s = report(db, "nulls.html").getElementById("f-h_runs");
    String flags = s.select("p.flag").text();
    assertTrue(flags.contains("NULL % jumps by more than 20 points 2 times"), flags);
    assertTrue(flags.contains("to 100% in 2015-06"), flags);
    assertTrue(flags.contains("2015-07"), flags);
  }

  @Test
  void aConstantColumnIsFlaggedAndADateRangeNarrowsTheRows() throws Exception {
    Path db = copy("constant.db");
    execute(db, "UPDATE runner_features SET draw_pct = 0.5");
    Document doc = report(db, "constant.html", "--from=2015-03-01", "--to=2015-12-31");
    assertTrue(doc.getElementById("f-draw_pct").select("p.flag").text().contains("constant"));
    String header = doc.select("header").text();
    assertTrue(header.contains("2015-03-") && header.contains("(10 months)"), header);
    assertNotEquals("", doc.getElementById("f-going").select("svg").first().text(), "category values drawn");
  }
}
