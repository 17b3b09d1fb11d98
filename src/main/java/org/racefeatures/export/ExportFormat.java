package org.racefeatures.export;

import java.nio.file.Path;
import java.util.Locale;
import org.racefeatures.db.InputException;

/** The file formats of {@code export}, and how a file name chooses one. */
public enum ExportFormat {
  PARQUET,
  ARROW,
  CSV;

  /** The format a file's extension names (.parquet, .arrow or .feather, .csv), or null for none. */
  public static ExportFormat named(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".arrow") || name.endsWith(".feather")) {
      return ARROW;
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    return null;
  }

  /** The format a file's extension names: .parquet, .arrow or .feather, .csv. */
  public static ExportFormat of(Path file) {
    ExportFormat format = named(file);
    if (format == null) {
      throw new InputException("cannot tell the format of " + file
          + " from its extension (.parquet, .arrow, .feather, .csv): give --format");
    }
    return format;
  }
}
