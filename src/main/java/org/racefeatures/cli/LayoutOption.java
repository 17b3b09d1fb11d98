package org.racefeatures.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.load.Layout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --layout} option of the jobs that read the input tables, and the choice it makes. */
final class LayoutOption {
  @Option(names = "--layout", paramLabel = "NAME|FILE.sql",
      description = "How the database's tables are read as races and runners: native (schema.sql's tables),"
          + " racing-api (The Racing API's racing_pro.db), or a mapping file of CREATE TEMP VIEW statements"
          + " (see the layout command). Default: racing-api where the database has its tables, else native.")
  String layout;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  /** The layout given, or the one detected for {@code db}. */
  Layout.Choice choose(Path db) throws SQLException {
    if (layout != null) {
      boolean builtIn = Layout.isBuiltIn(layout);
      if (!builtIn && !Files.isRegularFile(Path.of(layout))) {
        throw new ParameterException(spec.commandLine(), "--layout " + layout + ": neither a built-in layout ("
            + Layout.builtInNames() + ") nor a file");
      }
      return new Layout.Choice(Layout.of(layout), false);
    }
    try (Connection conn = Sqlite.openExisting(db, true)) {
      return Layout.detect(conn);
    }
  }

  /** The line a run starts with when its input is read through a layout; null for native. */
  static String firstLine(Path db, Layout.Choice choice) {
    Layout l = choice.layout();
    if (l.isNative()) {
      return null;
    }
    if (choice.detected()) {
      return db + ": read in The Racing API's layout (detected: its races, runners and results tables;"
          + " --layout native reads the tables as schema.sql's)";
    }
    return db + ": read through " + l.describe();
  }
}
