package org.racefeatures.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness in its quick mode, so it cannot rot: it runs and reports every part. */
class HarnessQuickTest {
  @TempDir Path cache;

  @Test
  void quickModeMeasuresGenerateTheFloorTheOldWayExportWorkersAndUpdate() throws Exception {
    String report = Harness.run(Harness.Options.quick(cache));
    assertTrue(report.contains("| 1,500 |"), report);
    assertTrue(report.contains("generate / floor"), report);
    assertTrue(report.contains("speed-up"), report);
    assertTrue(report.matches("(?s).*\\| 1,500 \\| 10 \\| 2 \\| [0-9.]+ \\|.*"), "the old way ran: " + report);
    assertTrue(report.contains("| 1,500 | 1 |") && report.contains("| 1,500 | 2 |"), report);
    assertTrue(report.matches("(?s).*Parquet beyond start s.*\\| 1,500 \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\|.*"),
        "export was timed: " + report);
    assertTrue(report.matches("(?s).*update / full.*\\| 1,500 \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]+ \\| [0-9]+% \\|.*"),
        "--update was timed against a full run: " + report);
  }
}
