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
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.FeatureCatalogue;

/** Where an exported file came from, as key-value metadata (keys prefixed {@code racefeatures.}). */
public final class Provenance {
  private Provenance() {}

  /**
   * @param source the database the rows came from (its path, size and modification time are kept)
   * @param conn an open connection to it, to read its last race date (absent when it has no races.race_date)
   * @param selection the rows' selection, as text
   */
  public static Map<String, String> of(String toolVersion, Path source, Connection conn, String selection)
      throws IOException, SQLException {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("racefeatures.tool_version", toolVersion);
    m.put("racefeatures.catalogue_version", Integer.toString(FeatureCatalogue.VERSION));
    m.put("racefeatures.source_db", source.toAbsolutePath().toString());
    m.put("racefeatures.source_db_size", Long.toString(Files.size(source)));
    m.put("racefeatures.source_db_modified", Files.getLastModifiedTime(source).toInstant().toString());
    if (Sqlite.hasColumn(conn, "races", "race_date")) {
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT max(race_date) FROM races")) {
        if (rs.next() && rs.getString(1) != null) {
          m.put("racefeatures.last_race_date", rs.getString(1));
        }
      }
    }
    m.put("racefeatures.selection", selection);
    m.put("racefeatures.created", Instant.now().toString());
    return m;
  }
}
