package org.racefeatures.load;

import java.util.List;
import org.racefeatures.model.InvalidRow;
import org.racefeatures.db.InputException;

/** The database breaks the input contract; the message lists every invalid row. */
public final class InvalidInputException extends InputException {
  private final List<InvalidRow> rows;

  public InvalidInputException(String source, List<InvalidRow> rows) {
    super(message(source, rows));
    this.rows = List.copyOf(rows);
  }

  public List<InvalidRow> rows() {
    return rows;
  }

  private static String message(String source, List<InvalidRow> rows) {
    StringBuilder b = new StringBuilder();
    b.append(source).append(": ").append(rows.size()).append(" invalid row(s); nothing was written")
        .append(" (--skip-invalid leaves their races out):");
    for (InvalidRow r : rows) {
      b.append(System.lineSeparator()).append("  ").append(r);
    }
    return b.toString();
  }
}
