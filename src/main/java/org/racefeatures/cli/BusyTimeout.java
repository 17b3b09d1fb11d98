package org.racefeatures.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --busy-timeout SECONDS} option's value, checked. */
final class BusyTimeout {
  private BusyTimeout() {}

  static int millis(CommandSpec spec, int seconds) {
    if (seconds < 0 || seconds > Integer.MAX_VALUE / 1000) {
      throw new ParameterException(spec.commandLine(), "--busy-timeout must be 0.." + Integer.MAX_VALUE / 1000
          + " seconds, got " + seconds);
    }
    return seconds * 1000;
  }
}
