package org.racefeatures.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Parsing of the {@code --from}/{@code --to} date options shared by the commands. */
final class DateOption {
  private DateOption() {}

  /** The date, or null when the option was not given; a usage error (exit 2) when malformed. */
  static LocalDate parse(CommandSpec spec, String option, String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + " wants a date YYYY-MM-DD, got '" + value + "'");
    }
  }
}
