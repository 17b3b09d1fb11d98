package org.racefeatures.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.demo.DemoSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code racefeatures demo-db}: writes a realistic generated racing database. */
@Command(
    name = "demo-db",
    mixinStandardHelpOptions = true,
    description = "Write a realistic generated racing database in the input layout (schema.sql) or The Racing API's.")
public final class DemoDbCommand implements Callable<Integer> {
  /** Where the embedded default database lives, relative to the working folder. */
  public static final Path DEFAULT_DB = Path.of("data", "demo.db");

  @Option(names = "--races", paramLabel = "N", description = "Number of races (default: ${DEFAULT-VALUE}).")
  int races = DemoSpec.DEFAULT_RACES;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
  long seed = DemoSpec.DEFAULT_SEED;

  @Option(names = "--racecards", paramLabel = "K", description = "The last K racing days are racecards, not yet run (default: ${DEFAULT-VALUE}).")
  int racecards = DemoSpec.DEFAULT_RACECARD_DAYS;

  @Option(names = "--out", paramLabel = "PATH", description = "Database to write (default: ${DEFAULT-VALUE}).")
  Path out = DEFAULT_DB;

  @Option(names = "--force", description = "Replace the file if it exists.")
  boolean force;

  @Option(names = "--layout", paramLabel = "LAYOUT",
      description = "Table layout: native (schema.sql) or racing-api (The Racing API's racing_pro.db, read by"
          + " generate's built-in layout of that name). Default: ${DEFAULT-VALUE}.")
  String layout = "native";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (races < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--races must be at least 1");
    }
    if (racecards < 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--racecards must not be negative");
    }
    DemoDatabase.Layout tables = switch (layout) {
      case "native" -> DemoDatabase.Layout.NATIVE;
      case "racing-api" -> DemoDatabase.Layout.RACING_API;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--layout must be native or racing-api, got " + layout);
    };
    long start = System.nanoTime();
    DemoDatabase.Summary s = DemoDatabase.write(new DemoSpec(races, seed, racecards), out, force, tables);
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf(
        "wrote %s: %,d races, %,d runners, %,d horses, %,d jockeys, %,d trainers, %,d courses in %.1f s%n",
        out, s.races(), s.runners(), s.horses(), s.jockeys(), s.trainers(), s.courses(), seconds);
    return 0;
  }
}
