package org.racefeatures.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --from}/{@code --to} race-date options shared by the commands. */
final class DateRange {
  @Option(names = "--from", paramLabel = "DATE", description = "First race date, YYYY-MM-DD (inclusive).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last race date, YYYY-MM-DD (inclusive).")
  String to;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  /** {@code --from}, or null when not given; a usage error (exit 2) when malformed. */
  LocalDate from() {
    return parse("--from", from);
  }

  /** {@code --to}, or null when not given; a usage error (exit 2) when malformed. */
  LocalDate to() {
    return parse("--to", to);
  }

  /** Whether either option was given. */
  boolean given() {
    return from != null || to != null;
  }

  private LocalDate parse(String option, String value) {
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
