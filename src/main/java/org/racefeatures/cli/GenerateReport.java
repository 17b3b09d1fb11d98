package org.racefeatures.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.racefeatures.export.ExportFormat;
import org.racefeatures.load.InvalidInputException;
import org.racefeatures.model.InvalidRow;
import org.racefeatures.pipeline.Generate;

/** What {@code generate} prints when a run ends: what it read, wrote, left out, and what remains. */
final class GenerateReport {
  /** Status codes that schema.sql lists; any other counts as ran, did not finish, with a warning. */
  private static final java.util.Set<String> KNOWN_STATUS =
      java.util.Set.of("NULL", "FIN", "NR", "PU", "F", "UR", "BD", "RO", "SU", "DSQ", "DNF");

  private final PrintWriter out;
  private final PrintWriter err;

  GenerateReport(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  void print(Generate.Summary s, Path input, Path target, boolean resume, boolean update, Path export,
      ExportFormat exportFormat) {
    if (!s.skippedInvalid().isEmpty()) {
      long races = s.skippedInvalid().stream().map(InvalidRow::raceId).filter(java.util.Objects::nonNull)
          .distinct().count();
      err.printf("Left out %,d invalid race(s) (--skip-invalid) for %,d invalid row(s):%n", races,
          s.skippedInvalid().size());
      err.println(InvalidInputException.summary(s.skippedInvalid(), InvalidInputException.SHOWN));
    }
    StringBuilder statuses = new StringBuilder();
    s.statusCounts().forEach((code, n) -> {
      if (n > 0 || !KNOWN_STATUS.contains(code)) {
        statuses.append(statuses.length() == 0 ? "" : ", ").append(code).append(' ').append(String.format("%,d", n));
      }
    });
    out.printf("runner rows by status: %s%n", statuses);
    s.statusCounts().forEach((code, n) -> {
      if (!KNOWN_STATUS.contains(code)) {
        err.printf("warning: status '%s' is not a code of schema.sql: %,d rows counted as ran, did not finish%n",
            code, n);
      }
    });
    if (update && s.racesSelected() == 0) {
      out.printf("%s: the table holds all %,d races%n", target == null ? input : target, s.racesInTable());
      out.flush();
      return;
    }
    out.printf("%s: %,d races selected", target == null ? input : target, s.racesSelected());
    if (resume) {
      out.printf(" (%,d already done, skipped)", s.racesSkippedResume());
    }
    out.printf(", %,d races and %,d runner rows written with %d worker(s), rows inserted by %s%n",
        s.racesWritten(), s.rowsWritten(), s.workers(), s.inserter());
    long notComputed = s.racesInInput() - s.racesWritten();
    if (update) {
      out.printf("%,d of %,d races unchanged and kept; the table holds %,d%n", s.racesInInput() - s.racesSelected(),
          s.racesInInput(), s.racesInTable());
    } else if (notComputed > 0 && !s.stopped()) {
      out.printf("%,d of %,d races not computed by this run; the table holds %,d%n", notComputed,
          s.racesInInput(), s.racesInTable());
    }
    out.printf("load %.2f s, prepare %.2f s, compute %.2f s, write %.2f s (overlapped), total %.2f s,"
            + " %,.0f rows/s%n", s.loadSeconds(), s.prepareSeconds(), s.computeSeconds(), s.writeSeconds(),
        s.totalSeconds(), s.rowsWritten() / Math.max(1e-9, s.totalSeconds()));
    if (export != null && s.stopped()) {
      out.printf("no export written to %s: the run stopped before its last race%n", export);
    } else if (export != null) {
      out.printf("exported %,d rows to %s (%s)%n", s.rowsExported() >= 0 ? s.rowsExported() : s.rowsWritten(), export,
          exportFormat.name().toLowerCase());
    }
    out.flush();
  }
}
