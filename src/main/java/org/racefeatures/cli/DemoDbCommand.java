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
  /**
   * Where the demo database lives when no path is given: {@code data/demo.db} in the project when
   * the program runs from its {@code target/} folder (the jar or {@code target/classes}), else in a
   * {@code data/} folder beside the jar; never relative to the current folder.
   */
  public static Path defaultDb() {
    Path code;
    try {
      code = Path.of(DemoDbCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return Path.of("data", "demo.db").toAbsolutePath();
    }
    Path dir = java.nio.file.Files.isRegularFile(code) ? code.getParent() : code;
    if (dir.getFileName() != null && dir.getFileName().toString().equals("classes") && dir.getParent() != null) {
      dir = dir.getParent();
    }
    Path base = dir.getFileName() != null && dir.getFileName().toString().equals("target") && dir.getParent() != null
        ? dir.getParent() : dir;
    return base.resolve("data").resolve("demo.db");
  }

  @Option(names = "--races", paramLabel = "N", description = "Number of races (default: ${DEFAULT-VALUE}).")
  int races = DemoSpec.DEFAULT_RACES;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
  long seed = DemoSpec.DEFAULT_SEED;

  @Option(names = "--racecards", paramLabel = "K", description = "The last K racing days are racecards, not yet run (default: ${DEFAULT-VALUE}).")
  int racecards = DemoSpec.DEFAULT_RACECARD_DAYS;

  @Option(names = "--out", paramLabel = "PATH",
      description = "Database to write (default: data/demo.db of the project, or beside the jar).")
  Path out;

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
    if (out == null) {
      out = defaultDb();
      java.nio.file.Files.createDirectories(out.getParent());
    }
    long start = System.nanoTime();
    DemoDatabase.Summary s = DemoDatabase.write(new DemoSpec(races, seed, racecards), out, force, tables);
    double seconds = (System.nanoTime() - start) / 1e9;
    spec.commandLine().getOut().printf(
        "wrote %s: %,d races, %,d runners, %,d horses, %,d jockeys, %,d trainers, %,d courses in %.1f s%n",
        out, s.races(), s.runners(), s.horses(), s.jockeys(), s.trainers(), s.courses(), seconds);
    return 0;
  }
}
