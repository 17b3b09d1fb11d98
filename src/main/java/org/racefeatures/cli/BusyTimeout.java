package org.racefeatures.cli;

import org.racefeatures.db.Sqlite;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --busy-timeout SECONDS} option of every command that opens a database. */
final class BusyTimeout {
  @Option(names = "--busy-timeout", paramLabel = "SECONDS",
      description = "How long to wait for another program that holds a database locked (default: ${DEFAULT-VALUE}).")
  int seconds = Sqlite.DEFAULT_BUSY_TIMEOUT_MS / 1000;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  /** Checks the value and makes it the wait of every connection opened from now on. */
  void apply() {
    if (seconds < 0 || seconds > Integer.MAX_VALUE / 1000) {
      throw new ParameterException(spec.commandLine(), "--busy-timeout must be 0.." + Integer.MAX_VALUE / 1000
          + " seconds, got " + seconds);
    }
    Sqlite.setBusyTimeout(seconds * 1000);
  }
}
