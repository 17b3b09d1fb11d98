package org.racefeatures.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.racefeatures.explain.Explain;
import org.racefeatures.load.Layout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code racefeatures explain --runner ID}: one row of runner_features with its sources, checked. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {"Show one runner's row of runner_features: its race, every feature grouped by family, and the"
        + " input rows each came from (the horse's runs, the jockey's and trainer's windows, the pairs, the rating,"
        + " the field). Every value is recomputed from those rows by the plain reference path: exit 0 when all"
        + " match the table, 1 naming each that differs."})
public final class ExplainCommand implements Callable<Integer> {
  enum Format { text, json }

  @Option(names = "--runner", required = true, paramLabel = "ID", description = "The runner_id to explain.")
  long runner;

  @Option(names = "--db", paramLabel = "PATH",
      description = "Input database (races, runners) (default: the demo database, data/demo.db of the project or beside the jar).")
  Path db;

  @Option(names = "--features", paramLabel = "PATH",
      description = "Database holding runner_features, when generate wrote it elsewhere (--out) (default: --db).")
  Path features;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @picocli.CommandLine.Mixin BusyTimeout busyTimeout;

  @picocli.CommandLine.Mixin LayoutOption layoutOption;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (db == null) {
      db = DemoDbCommand.defaultDb();
    }
    busyTimeout.apply();
    Layout layout = layoutOption.choose(db).layout();
    Explain.Result r = Explain.run(db, layout, features == null ? db : features, runner, format == Format.json);
    spec.commandLine().getOut().print(r.output());
    spec.commandLine().getOut().flush();
    return r.matches() ? 0 : Main.EXIT_FAILURE;
  }
}
