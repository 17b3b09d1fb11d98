package org.racefeatures.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.racefeatures.model.InvalidRow;

/** {@code --invalid-report FILE}: every invalid row of the input, as CSV (commons-csv quotes the fields). */
final class InvalidReport {
  private InvalidReport() {}

  static void write(Path file, List<InvalidRow> rows) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setHeader("table", "key", "id", "column", "reason", "race_id").get();
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, format)) {
      for (InvalidRow r : rows) {
        csv.printRecord(r.table(), r.table().equals("races") ? "race_id" : "runner_id", r.id(), r.column(),
            r.reason(), r.raceId());
      }
    }
  }
}
