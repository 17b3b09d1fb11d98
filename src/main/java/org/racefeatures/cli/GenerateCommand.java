package org.racefeatures.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.db.Sqlite;
import org.racefeatures.demo.DemoDatabase;
import org.racefeatures.export.ExportFormat;
import org.racefeatures.export.Exporter;
import org.racefeatures.load.Layout;
import org.racefeatures.demo.DemoSpec;
import org.racefeatures.model.InvalidRow;
import org.racefeatures.pipeline.Generate;
import org.racefeatures.pipeline.Progress;
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
      "Compute the per-runner features of features.md into the table runner_features.",
      "History always comes from the whole database; each race sees only races strictly before it."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "Input database (default: data/demo.db, created with demo-db if missing).")
  Path db;

  @Option(names = "--out", paramLabel = "PATH", description = "Write the feature tables to this SQLite file instead of --db.")
  Path out;

  @Option(names = "--workers", paramLabel = "N", description = "Compute threads (default: cores minus one, at least one).")
  Integer workers;

  @Option(names = "--limit", paramLabel = "N", description = "Compute at most N races (after --offset).")
  Integer limit;

  @Option(names = "--offset", paramLabel = "N", description = "Skip the first N selected races (default: 0).")
  int offset;

  @Option(names = "--from", paramLabel = "DATE", description = "First race date, YYYY-MM-DD (inclusive).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last race date, YYYY-MM-DD (inclusive).")
  String to;

  @Option(names = "--test", description = "A quick run: the same as --limit 100.")
  boolean test;

  @Option(names = "--batch-races", paramLabel = "N", description = "Races per batch and per write transaction (default: ${DEFAULT-VALUE}).")
  int batchRaces = 500;

  @Option(names = "--resume", description = "Skip races whose rows an earlier run of this catalogue wrote completely.")
  boolean resume;

  @Option(names = "--skip-invalid", description = "Leave invalid races out (and list them) instead of failing.")
  boolean skipInvalid;

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

  @Option(names = "--busy-timeout", paramLabel = "SECONDS",
      description = "How long to wait for another program that holds a database locked (default: ${DEFAULT-VALUE}).")
  int busyTimeout = Sqlite.DEFAULT_BUSY_TIMEOUT_MS / 1000;

  @picocli.CommandLine.Mixin LayoutOption layoutOption;

  @Spec CommandSpec spec;

  /** Status codes that schema.sql lists; any other counts as ran, did not finish, with a warning. */
  private static final java.util.Set<String> KNOWN_STATUS =
      java.util.Set.of("NULL", "FIN", "NR", "PU", "F", "UR", "BD", "RO", "SU", "DSQ", "DNF");

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
    Sqlite.setBusyTimeout(BusyTimeout.millis(spec, busyTimeout));
    ExportFormat exportFormat = null;
    if (export != null) {
      if ((db != null && AtomicFile.sameFile(export, db)) || (out != null && AtomicFile.sameFile(export, out))) {
        throw new ParameterException(spec.commandLine(), "--export " + export
            + " names the database this run reads or writes");
      }
      exportFormat = format != null ? format : ExportFormat.of(export);
      AtomicFile.checkWritable(export, force);
      Exporter.checkCanWrite(exportFormat);
    } else if (format != null) {
      throw new ParameterException(spec.commandLine(), "--format goes with --export");
    }
    Path input = db;
    if (input == null) {
      input = DemoDbCommand.DEFAULT_DB;
      if (!Files.exists(input)) {
        err.println("No --db given and " + input + " does not exist: creating the demo database first.");
        err.flush();
        Files.createDirectories(input.toAbsolutePath().getParent());
        DemoDatabase.Summary s = DemoDatabase.write(DemoSpec.defaults(), input, false);
        err.printf("Created %s: %,d races, %,d runners.%n", input, s.races(), s.runners());
        err.flush();
      }
    }
    Layout.Choice layout = layoutOption.choose(input);
    String firstLine = LayoutOption.firstLine(input, layout);
    if (firstLine != null) {
      outText.println(firstLine);
      outText.flush();
    }
    String parameters = String.format("workers=%d %s batch_races=%d resume=%b skip_invalid=%b layout=%s",
        threads, selection, batchRaces, resume, skipInvalid, layout.layout().name());
    boolean terminal = System.console() != null && !"true".equals(System.getenv("CI"));
    Generate.Options options = new Generate.Options(input, layout.layout(), out, threads, selection, batchRaces, resume,
        skipInvalid, parameters, export, exportFormat, writer == WriterChoice.jdbc);
    Generate.Summary s = Generate.run(options, Main.Version.version(), total -> Progress.of(terminal, total, err));
    if (!s.skippedInvalid().isEmpty()) {
      long races = s.skippedInvalid().stream().map(InvalidRow::raceId).filter(java.util.Objects::nonNull)
          .distinct().count();
      err.printf("Left out %d invalid race(s) (--skip-invalid):%n", races);
      for (InvalidRow r : s.skippedInvalid()) {
        err.println("  " + (r.raceId() == null ? "no race" : "race_id=" + r.raceId()) + ": " + r);
      }
    }
    StringBuilder statuses = new StringBuilder();
    s.statusCounts().forEach((code, n) -> {
      if (n > 0 || !KNOWN_STATUS.contains(code)) {
        statuses.append(statuses.length() == 0 ? "" : ", ").append(code).append(' ').append(String.format("%,d", n));
      }
    });
    outText.printf("runner rows by status: %s%n", statuses);
    s.statusCounts().forEach((code, n) -> {
      if (!KNOWN_STATUS.contains(code)) {
        err.printf("warning: status '%s' is not a code of schema.sql: %,d rows counted as ran, did not finish%n",
            code, n);
      }
    });
    outText.printf("%s: %,d races selected", out == null ? input : out, s.racesSelected());
    if (resume) {
      outText.printf(" (%,d already done, skipped)", s.racesSkippedResume());
    }
    outText.printf(", %,d races and %,d runner rows written with %d worker(s), rows inserted by %s%n",
        s.racesWritten(), s.rowsWritten(), s.workers(), s.inserter());
    outText.printf("load %.2f s, prepare %.2f s, compute %.2f s, write %.2f s (overlapped), total %.2f s,"
            + " %,.0f rows/s%n", s.loadSeconds(), s.prepareSeconds(), s.computeSeconds(), s.writeSeconds(),
        s.totalSeconds(), s.rowsWritten() / Math.max(1e-9, s.totalSeconds()));
    if (export != null) {
      outText.printf("exported %,d rows to %s (%s)%n", s.rowsWritten(), export, exportFormat.name().toLowerCase());
    }
    outText.flush();
    return 0;
  }

  private Selection selection() {
    if (offset < 0) {
      throw new ParameterException(spec.commandLine(), "--offset must not be negative");
    }
    if (limit != null && limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must not be negative");
    }
    if (test && limit != null) {
      throw new ParameterException(spec.commandLine(), "--test means --limit 100; give one or the other");
    }
    LocalDate fromDate = DateOption.parse(spec, "--from", from);
    LocalDate toDate = DateOption.parse(spec, "--to", to);
    if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
      throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
    }
    return new Selection(fromDate, toDate, offset, test ? Integer.valueOf(100) : limit);
  }

}
