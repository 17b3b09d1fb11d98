package org.racefeatures.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code racefeatures report}: one HTML page describing every feature of runner_features. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {"Write one self-contained HTML page about the runner_features rows: per feature its NULL share,"
        + " range, AUC against won, drift (PSI) from the first to the last 12 months, a histogram and NULL share by"
        + " month, and flags (constant or all NULL, a NULL share that jumps by over 20 points, an AUC above 0.9);"
        + " and the market's calibration."})
public final class ReportCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH",
      description = "Database holding runner_features (default: the demo database, data/demo.db of the project or beside the jar).")
  Path db;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "HTML file to write.")
  Path out;

  @picocli.CommandLine.Mixin DateRange dates;

  @Option(names = "--force", description = "Replace the file if it exists.")
  boolean force;

  @picocli.CommandLine.Mixin BusyTimeout busyTimeout;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (db == null) {
      db = DemoDbCommand.defaultDb();
    }
    if (AtomicFile.sameFile(out, db)) {
      throw new ParameterException(spec.commandLine(), "--out " + out + " is the database (--db)");
    }
    busyTimeout.apply();
    LocalDate fromDate = dates.from();
    LocalDate toDate = dates.to();
    AtomicFile.checkWritable(out, force);
    System.setProperty("java.awt.headless", "true"); // charts are drawn to SVG; no display is needed
    long start = System.nanoTime();
    Report.Result r = Report.write(db, fromDate, toDate, out, Main.Version.version());
    spec.commandLine().getOut().printf("report of %,d rows (%,d races) written to %s in %.2f s: %d feature%s flagged%n",
        r.rows(), r.races(), out, (System.nanoTime() - start) / 1e9, r.flagged(), r.flagged() == 1 ? "" : "s");
    return 0;
  }
}
