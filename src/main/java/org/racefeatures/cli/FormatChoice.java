package org.racefeatures.cli;

import java.nio.file.Path;
import org.racefeatures.export.ExportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The format of an export file: {@code --format}, or the file's extension; never both disagreeing. */
final class FormatChoice {
  private FormatChoice() {}

  /**
   * @param given the {@code --format} value, or null
   * @throws ParameterException when neither names a format, or the two name different ones
   */
  static ExportFormat of(CommandSpec spec, Path file, ExportFormat given) {
    ExportFormat named = ExportFormat.named(file);
    if (given == null && named == null) {
      throw new ParameterException(spec.commandLine(), "cannot tell the format of " + file
          + " from its extension (.parquet, .arrow, .feather, .csv): give --format");
    }
    if (given != null && named != null && given != named) {
      throw new ParameterException(spec.commandLine(), "--format " + given.name().toLowerCase() + " contradicts the"
          + " extension of " + file + " (" + named.name().toLowerCase() + ")");
    }
    return given != null ? given : named;
  }
}
