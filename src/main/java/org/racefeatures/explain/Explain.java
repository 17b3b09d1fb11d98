package org.racefeatures.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "racefeatures-explain-read");
      t.setDaemon(true);
      return t;
    });
    try (Connection in = Sqlite.openExisting(input, true)) {
      layout.apply(in);
      in.setAutoCommit(false); // every read below in one transaction: one state of the file
      Sources sources = new Sources(in, input, layout.isNative(), helper, runnerId);
      if (AtomicFile.sameFile(input, features)) {
        e = Explanation.of(sources, in, input.toString());
      } else {
        try (Connection out = Sqlite.openExisting(features, true)) {
          out.setAutoCommit(false);
          e = Explanation.of(sources, out, features.toString());
        }
      }
    } finally {
      helper.shutdownNow();
    }
    boolean matches = (Boolean) e.get("matches");
    String output = json ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e) + "\n"
        : ExplainText.of(e);
    return new Result(output, matches);
  }
}
