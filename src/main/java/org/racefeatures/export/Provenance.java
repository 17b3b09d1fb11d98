package org.racefeatures.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.racefeatures.db.Schema;
import org.racefeatures.features.FeatureCatalogue;

/** Where an exported file came from, as key-value metadata (keys prefixed {@code racefeatures.}). */
public final class Provenance {
  private Provenance() {}

  /**
   * @param source the database the rows come from (its path, size and modification time are kept);
   *     for a features-only file (no races), the input and selection its {@code feature_runs} name
   * @param conn an open connection to it, to read its last race date (from its races, else from
   *     runner_features)
   * @param selection the rows' selection, as text
   */
  public static Map<String, String> of(String toolVersion, Path source, Connection conn, String selection)
      throws IOException, SQLException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("racefeatures.tool_version", toolVersion);
    m.put("racefeatures.catalogue_version", Integer.toString(FeatureCatalogue.VERSION));
    Path input = source;
    String inputSelection = null;
    if (!Schema.hasTable(conn, "races") && Schema.hasTable(conn, "feature_runs")) {
      // A features-only file (generate --out): the input and selection of the run that wrote it.
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT source_db, parameters"
          + " FROM feature_runs ORDER BY finished DESC, run_id DESC LIMIT 1")) {
        if (rs.next() && rs.getString(1) != null) {
          input = Path.of(rs.getString(1));
          inputSelection = rs.getString(2);
        }
      }
      m.put("racefeatures.features_db", source.toAbsolutePath().toString());
    }
    m.put("racefeatures.source_db", input.toAbsolutePath().toString());
    if (Files.isRegularFile(input)) {
      m.put("racefeatures.source_db_size", Long.toString(Files.size(input)));
      m.put("racefeatures.source_db_modified", Files.getLastModifiedTime(input).toInstant().toString());
    }
    String lastRace = Schema.hasColumn(conn, "races", "race_date") ? "SELECT max(race_date) FROM races"
        : Schema.hasTable(conn, "runner_features") ? "SELECT max(race_date) FROM runner_features" : null;
    if (lastRace != null) {
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(lastRace)) {
        if (rs.next() && rs.getString(1) != null) {
          m.put("racefeatures.last_race_date", rs.getString(1));
        }
      }
    }
    m.put("racefeatures.selection", inputSelection == null ? selection : selection + "; generate " + inputSelection);
    m.put("racefeatures.created", Instant.now().toString());
    return m;
  }
}
