package org.racefeatures.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.export.ExportFormat;
import org.racefeatures.export.Exporter;
import org.racefeatures.load.InvalidInputException;
import org.racefeatures.load.Layout;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.pipeline.Generate;
import org.racefeatures.pipeline.Progress;
import org.racefeatures.pipeline.RunControl;
import org.racefeatures.pipeline.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code racefeatures generate}: computes the feature table. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Compute the per-runner features of the catalogue (racefeatures features, docs/features.md) into the table runner_features.",
      "History always comes from the whole database; each race sees only races strictly before it."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH",
      description = "Input database (default: the demo database, data/demo.db of the project or beside the jar,"
          + " created if missing).")
  Path db;

  @Option(names = "--out", paramLabel = "PATH", description = "Write the feature tables to this SQLite file instead of --db.")
  Path out;

  @Option(names = "--workers", paramLabel = "N", description = "Compute threads (default: cores minus one, at least one).")
  Integer workers;

  @Option(names = "--limit", paramLabel = "N", description = "Compute at most N races (after --offset).")
  Integer limit;

  @Option(names = "--offset", paramLabel = "N", description = "Skip the first N selected races (default: 0).")
  int offset;

  @picocli.CommandLine.Mixin DateRange dates;

  @Option(names = "--test", description = "A quick run: the same as --limit 100.")
  boolean test;

  @Option(names = "--batch-races", paramLabel = "N", description = "Races per batch and per write transaction (default: ${DEFAULT-VALUE}).")
  int batchRaces = 500;

  @Option(names = "--history-rows", paramLabel = "N", description = "Runner rows per history: a run over more is"
      + " computed in chunks of races of at most this many rows, each with a history of its own (default:"
      + " ${DEFAULT-VALUE}). Lower bounds memory more; each chunk reads the rows before it once more.")
  int historyRows = Generate.HISTORY_ROWS;

  @Option(names = "--resume", description = "Skip races whose rows an earlier run of this catalogue wrote completely.")
  boolean resume;

  @Option(names = "--update", description = "Recompute only what changed since the table was written: every race"
      + " at or after the earliest new or changed one (history makes later races depend on earlier ones), and"
      + " remove races no longer in the input. Equals a full run of the changed database.")
  boolean update;

  @Option(names = "--skip-invalid", description = "Leave invalid races out (and list them) instead of failing.")
  boolean skipInvalid;

  @Option(names = "--invalid-report", paramLabel = "FILE",
      description = "Write every invalid input row to FILE (CSV: table, key, id, column, reason, race_id).")
  Path invalidReport;

  @Option(names = "--export", paramLabel = "FILE", description = "Also write the computed rows to FILE (.parquet, .arrow/.feather, .csv) in the same run.")
  Path export;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Format of --export: parquet, arrow or csv (default: from the extension).")
  ExportFormat format;

  @Option(names = "--force", description = "Replace the --export file if it exists.")
  boolean force;

  @Option(names = "--writer", paramLabel = "HOW",
      description = "How rows are inserted: auto (page images built by the workers where the output is UTF-8,"
          + " else jdbc) or jdbc (every value bound through the driver; slower). Default: ${DEFAULT-VALUE}.")
  WriterChoice writer = WriterChoice.auto;

  /** The values of {@code --writer}. */
  enum WriterChoice { auto, jdbc }

  @picocli.CommandLine.Mixin BusyTimeout busyTimeout;

  @picocli.CommandLine.Mixin LayoutOption layoutOption;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outText = spec.commandLine().getOut();
    Selection selection = selection();
    int threads = workers == null ? Generate.defaultWorkers() : workers;
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--workers must be at least 1");
    }
    if (batchRaces < 1) {
      throw new ParameterException(spec.commandLine(), "--batch-races must be at least 1");
    }
    if (historyRows < 1) {
      throw new ParameterException(spec.commandLine(), "--history-rows must be at least 1");
    }
    busyTimeout.apply();
    ExportFormat exportFormat = null;
    if (export != null) {
      if ((db != null && AtomicFile.sameFile(export, db)) || (out != null && AtomicFile.sameFile(export, out))) {
        throw new ParameterException(spec.commandLine(), "--export " + export
            + " names the database this run reads or writes");
      }
      exportFormat = FormatChoice.of(spec, export, format);
      AtomicFile.checkWritable(export, force);
      Exporter.checkCanWrite(exportFormat);
    } else if (format != null) {
      throw new ParameterException(spec.commandLine(), "--format goes with --export");
    } else if (force) {
      throw new ParameterException(spec.commandLine(), "--force goes with --export (it replaces the export file)");
    }
    if (out != null) {
      AtomicFile.checkCanWrite(out);
    }
    if (invalidReport != null) {
      AtomicFile.checkCanWrite(invalidReport);
    }
    Path input = db;
    if (input == null) {
      input = DemoDbCommand.defaultDb();
      outText.println("No --db given: the demo database " + input);
      outText.flush();
      if (!Files.exists(input)) {
        err.printf("creating it first (%,d races)%n", DemoSpec.defaults().races());
        err.flush();
        Files.createDirectories(input.getParent());
        DemoDatabase.Summary s = DemoDatabase.write(DemoSpec.defaults(), input, false);
        err.printf("created %s: %,d races, %,d runners%n", input, s.races(), s.runners());
        err.flush();
      }
    }
    if (out == null && Files.exists(input)) {
      AtomicFile.checkCanWrite(input); // the feature tables go into it
    }
    Layout.Choice layout = layoutOption.choose(input);
    String firstLine = LayoutOption.firstLine(input, layout);
    if (firstLine != null) {
      outText.println(firstLine);
      outText.flush();
    }
    String parameters = String.format("workers=%d %s batch_races=%d resume=%b update=%b skip_invalid=%b layout=%s",
        threads, selection, batchRaces, resume, update, skipInvalid, layout.layout().name());
    boolean terminal = Terminal.isStderr() && !"true".equals(System.getenv("CI"));
    Generate.Options options = new Generate.Options(input, layout.layout(), out, threads, selection, batchRaces,
        resume, update, skipInvalid, parameters, export, exportFormat, writer == WriterChoice.jdbc, historyRows);
    RunControl control = new RunControl();
    Generate.Summary s;
    try (StopOnInterrupt stop = new StopOnInterrupt(control, err)) {
      s = Generate.run(options, Main.Version.version(), total -> Progress.of(terminal, total, err),
          new StageLines(outText, err, terminal), control);
    } catch (InvalidInputException e) {
      if (invalidReport != null) {
        InvalidReport.write(invalidReport, e.rows());
        err.printf("every invalid row is listed in %s%n", invalidReport);
        err.flush();
      }
      throw e;
    } catch (Exception | Error e) {
      if (control.racesToWrite() > 0) {
        err.printf("%,d of %,d races written before the failure; run again with %s%n", control.racesWritten(),
            control.racesToWrite(), update ? "--update" : "--resume");
        err.flush();
      }
      throw e;
    }
    if (invalidReport != null) {
      InvalidReport.write(invalidReport, s.skippedInvalid());
    }
    new GenerateReport(outText, err).print(s, input, out, resume, update, export, exportFormat);
    if (s.stopped()) {
      err.printf("interrupted: %,d of %,d races written; run again with %s%n", s.racesWritten(),
          s.racesSelected() - s.racesSkippedResume(), update ? "--update" : "--resume");
      err.flush();
      return StopOnInterrupt.EXIT_INTERRUPTED;
    }
    return 0;
  }

  private Selection selection() {
    if (offset < 0) {
      throw new ParameterException(spec.commandLine(), "--offset must not be negative");
    }
    if (limit != null && limit < 1) {
      throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
    }
    if (test && limit != null) {
      throw new ParameterException(spec.commandLine(), "--test means --limit 100; give one or the other");
    }
    if (update && (resume || test || limit != null || offset != 0 || dates.given())) {
      throw new ParameterException(spec.commandLine(), "--update chooses its races itself; it goes without"
          + " --resume, --test, --limit, --offset, --from and --to");
    }
    LocalDate fromDate = dates.from();
    LocalDate toDate = dates.to();
    if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
      throw new ParameterException(spec.commandLine(), "--from " + dates.from + " is after --to " + dates.to);
    }
    return new Selection(fromDate, toDate, offset, test ? Integer.valueOf(100) : limit);
  }

}
