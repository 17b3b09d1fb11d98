package org.racefeatures.load;

import java.util.List;
import org.racefeatures.model.InvalidRow;
import org.racefeatures.db.InputException;

/**
 * The database breaks the input contract. The message counts the invalid rows per table and column
 * and shows the first {@value #SHOWN}; {@link #rows()} holds them all.
 */
public final class InvalidInputException extends InputException {
  private final List<InvalidRow> rows;

  public InvalidInputException(String source, List<InvalidRow> rows) {
    super(message(source, rows));
    this.rows = List.copyOf(rows);
  }

  public List<InvalidRow> rows() {
    return rows;
  }

  /** How many rows a message shows. */
  public static final int SHOWN = 20;

  private static String message(String source, List<InvalidRow> rows) {
    return String.format("%s: %,d invalid row(s); nothing was written (--skip-invalid leaves their races out,"
        + " --invalid-report FILE lists every row)", source, rows.size()) + System.lineSeparator()
        + summary(rows, SHOWN);
  }

  /**
   * The rows counted per table and column, then the first {@code shown} of them, one per line,
   * each line indented.
   */
  public static String summary(List<InvalidRow> rows, int shown) {
    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    for (InvalidRow r : rows) {
      counts.merge(r.table() + "." + r.column(), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder("  by column:");
    counts.forEach((column, n) -> b.append(String.format(" %s %,d;", column, n)));
    b.setLength(b.length() - 1);
    String nl = System.lineSeparator();
    b.append(nl).append(rows.size() > shown ? "  the first " + shown + ":" : "  rows:");
    for (InvalidRow r : rows.subList(0, Math.min(shown, rows.size()))) {
      b.append(nl).append("    ").append(r);
    }
    return b.toString();
  }
}
