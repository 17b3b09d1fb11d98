package org.racefeatures.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.FeatureCatalogue;

/**
 * {@code racefeatures report}: reads {@code runner_features} (a date range of it) in one state of
 * the file, summarises every feature, and writes one self-contained HTML page.
 *
 * <p>All selected rows are held at once, 8 bytes per row and numeric feature (about 700 bytes per
 * runner row), because the AUC sorts each feature's values; the features are then summarised in
 * parallel, one task per feature.
 */
public final class Report {
  /** What a report found: its rows and races, and how many features it flagged. */
  public record Result(long rows, long races, int flagged) {}

  private Report() {}

  /**
   * Writes the report of {@code db}'s rows with race dates from {@code from} to {@code to}
   * (inclusive; null for no bound) to {@code out}, replacing it atomically.
   */
  public static Result write(Path db, LocalDate from, LocalDate to, Path out, String toolVersion)
      throws IOException, SQLException {
    Charts.preload(); // headless: the command sets java.awt.headless before this
    Map<String, String> facts = new LinkedHashMap<>();
    FeatureColumns columns = FeatureColumns.read(db, from, to);
    Months span = Months.of(columns);
    long[] rowsByMonth = FeatureSummary.rowsByMonth(columns.months(), columns.rows(), span);
    List<FeatureSummary> summaries = IntStream.range(0, columns.features.size()).parallel()
        .mapToObj(f -> FeatureSummary.of(columns, f, span, rowsByMonth)).toList();
    facts.put("rows", String.format(Locale.ROOT, "%,d", columns.rows()));
    facts.put("races", String.format(Locale.ROOT, "%,d", columns.races()));
    facts.put("race dates", columns.rows() == 0 ? "none"
        : columns.firstDate() + " to " + columns.lastDate() + " (" + span.count() + " months)");
    facts.put("selection", "from " + (from == null ? "the first race" : from) + " to "
        + (to == null ? "the last" : to));
    facts.put("database", db.toAbsolutePath().toString());
    facts.putAll(lastRun(db));
    facts.put("report by", "racefeatures " + toolVersion + ", catalogue version " + FeatureCatalogue.VERSION);
    String html = HtmlPage.render(facts, summaries, Calibration.of(columns), span);
    Path tmp = AtomicFile.temporaryFor(out);
    try {
      Files.writeString(tmp, html, StandardCharsets.UTF_8);
      AtomicFile.commit(tmp, out);
    } catch (IOException | RuntimeException e) {
      AtomicFile.discard(tmp);
      throw e;
    }
    int flagged = (int) summaries.stream().filter(s -> !s.flags().isEmpty()).count();
    return new Result(columns.rows(), columns.races(), flagged);
  }

  /** The latest run of {@code generate} that wrote the table, from {@code feature_runs}. */
  private static Map<String, String> lastRun(Path db) throws SQLException {
    Map<String, String> m = new LinkedHashMap<>();
    try (Connection conn = Sqlite.openExisting(db, true)) {
      if (!Schema.hasTable(conn, "feature_runs")) {
        return m;
      }
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT run_id, started, ended,"
          + " catalogue_version, tool_version, source_db, parameters, rows_written, finished FROM feature_runs"
          + " ORDER BY run_id DESC LIMIT 1")) {
        if (rs.next()) {
          m.put("last run", "run " + rs.getLong(1) + ", " + rs.getString(2) + " to "
              + (rs.getString(3) == null ? "(not ended)" : rs.getString(3))
              + (rs.getInt(9) == 1 ? ", finished" : ", did not finish") + ", "
              + String.format(Locale.ROOT, "%,d rows written", rs.getLong(8)));
          m.put("its catalogue and tool", "catalogue version " + rs.getInt(4) + ", racefeatures "
              + rs.getString(5));
          m.put("its input", rs.getString(6) == null ? "" : rs.getString(6));
          m.put("its parameters", rs.getString(7) == null ? "" : rs.getString(7));
        }
      }
    }
    return m;
  }
}
