package org.racefeatures.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.db.Sqlite;
import org.racefeatures.export.ExportFormat;
import org.racefeatures.export.Exporter;
import org.racefeatures.export.Provenance;
import org.racefeatures.load.Layout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code racefeatures export}: writes runner_features to Parquet, Arrow IPC or CSV. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the runner_features rows (optionally a date range) to one Parquet, Arrow IPC or CSV file.")
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH",
      description = "Database holding runner_features (default: the demo database, data/demo.db of the project or beside the jar).")
  Path db;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
  Path out;

  @Option(names = "--format", paramLabel = "FORMAT", description = "parquet, arrow or csv (default: from the extension of --out).")
  ExportFormat format;

  @picocli.CommandLine.Mixin DateRange dates;

  @Option(names = "--force", description = "Replace the file if it exists.")
  boolean force;

  @picocli.CommandLine.Mixin BusyTimeout busyTimeout;

  @picocli.CommandLine.Mixin LayoutOption layoutOption;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (db == null) {
      db = DemoDbCommand.defaultDb();
    }
    if (AtomicFile.sameFile(out, db)) {
      throw new ParameterException(spec.commandLine(), "--out " + out + " is the database being exported (--db)");
    }
    busyTimeout.apply();
    LocalDate fromDate = dates.from();
    LocalDate toDate = dates.to();
    ExportFormat fmt = FormatChoice.of(spec, out, format);
    AtomicFile.checkWritable(out, force);
    Exporter.checkCanWrite(fmt);
    long start = System.nanoTime();
    long rows;
    Layout.Choice layout = layoutOption.choose(db);
    try (Connection conn = Sqlite.openExisting(db, true);
        BufferAllocator allocator = new RootAllocator()) {
      layout.layout().apply(conn); // the source's last race date is read from its races as mapped
      String selection = "from=" + (fromDate == null ? "-" : fromDate) + " to=" + (toDate == null ? "-" : toDate);
      Map<String, String> metadata = Provenance.of(Main.Version.version(), db, conn, selection);
      rows = Exporter.writeTable(allocator, db, fromDate, toDate, out, fmt, metadata);
    }
    spec.commandLine().getOut().printf("exported %,d rows to %s (%s) in %.2f s%n", rows, out,
        fmt.name().toLowerCase(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
