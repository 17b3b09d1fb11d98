package org.racefeatures.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.db.Sqlite;
import org.racefeatures.load.Layout;

/**
 * {@code racefeatures explain}: one runner's features with the input rows that produced them, each
 * value recomputed by the reference path and compared with {@code runner_features}.
 */
public final class Explain {
  /** The explanation as printed, and whether every checked value matched the table. */
  public record Result(String output, boolean matches) {}

  private Explain() {}

  /**
   * Explains runner {@code runnerId}.
   *
   * @param input the input database (races, runners), read with {@code layout}
   * @param features the database holding runner_features: {@code input} itself, or a generate's
   *     {@code --out} file
   */
  public static Result run(Path input, Layout layout, Path features, long runnerId, boolean json)
      throws SQLException, JsonProcessingException {
    Map<String, Object> e;
    try (Connection in = Sqlite.openExisting(input, true)) {
      layout.apply(in);
      in.setAutoCommit(false); // every read below in one transaction: one state of the file
      if (AtomicFile.sameFile(input, features)) {
        e = Explanation.of(in, input.toString(), in, input.toString(), runnerId);
      } else {
        try (Connection out = Sqlite.openExisting(features, true)) {
          out.setAutoCommit(false);
          e = Explanation.of(in, input.toString(), out, features.toString(), runnerId);
        }
      }
    }
    boolean matches = (Boolean) e.get("matches");
    String output = json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e) + "\n"
        : ExplainText.of(e);
    return new Result(output, matches);
  }
}
