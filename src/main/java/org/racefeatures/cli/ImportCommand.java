package org.racefeatures.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.racefeatures.imports.BadRow;
import org.racefeatures.imports.HkKaggleImporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code racefeatures import}: converts public results data sets into the input layout. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Convert a results data set into a database in the input layout (schema.sql).",
    subcommands = {ImportCommand.HkKaggle.class})
public final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name the data set, e.g. 'import hk-kaggle'");
  }

  /** {@code import hk-kaggle}: the Hong Kong 1997-2005 races.csv and runs.csv. */
  @Command(
      name = "hk-kaggle",
      mixinStandardHelpOptions = true,
      description = {
        "Import the 'Horse Racing in HK' data set (HKJC 1997-2005): races.csv and runs.csv.",
        "Says what it changed to make the data valid input (prices of 1.0, unknown lengths, missing rows)."
      })
  public static final class HkKaggle implements Callable<Integer> {
    @Option(names = "--races", required = true, paramLabel = "PATH", description = "races.csv")
    Path races;

    @Option(names = "--runs", required = true, paramLabel = "PATH", description = "runs.csv")
    Path runs;

    @Option(names = "--out", required = true, paramLabel = "PATH", description = "Database to write.")
    Path out;

    @Option(names = "--force", description = "Replace the database if it exists.")
    boolean force;

    @Option(names = "--skip-bad-rows", description = "Import the rest when some CSV rows are bad, and list them.")
    boolean skipBadRows;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      HkKaggleImporter.Report r = new HkKaggleImporter(races, runs).importTo(out, force, skipBadRows);
      PrintWriter text = spec.commandLine().getOut();
      text.printf("wrote %s: %,d races, %,d runners, %,d horses, %,d jockeys, %,d trainers%n", out, r.races(),
          r.runners(), r.horses(), r.jockeys(), r.trainers());
      if (!r.skipped().isEmpty()) {
        text.printf("left out %,d bad row(s) (--skip-bad-rows):%n", r.skipped().size());
        for (BadRow b : r.skipped()) {
          text.println("  " + b);
        }
      }
      for (String change : r.changes()) {
        text.println("changed: " + change);
      }
      text.flush();
      return 0;
    }
  }
}
