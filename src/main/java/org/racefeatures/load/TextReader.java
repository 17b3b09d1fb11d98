package org.racefeatures.load;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.racefeatures.db.Cells;

/** A TEXT column: strings, null for NULL. A value of another class is a problem. */
final class TextReader extends ColumnReader {
  /** Beyond this many distinct texts a column keeps every value as read: sharing would save little. */
  private static final int MAX_SHARED = 1 << 16;

  String[] values = new String[0];
  /**
   * The distinct texts read so far, while there are few: a race's date, time and codes repeat
   * across races, and one shared String per value spares the heap (and the collector's copying)
   * about 50 bytes per value. Null once the column proves mostly distinct.
   */
  private java.util.HashMap<String, String> shared = new java.util.HashMap<>();

  TextReader(String name, List<Problem> problems) {
    super(name, problems);
  }

  @Override
  int plainType() {
    return Cells.TEXT;
  }

  @Override
  void ensureCapacity(int rows) {
    if (rows > values.length) {
      values = Arrays.copyOf(values, grow(values.length, rows));
    }
  }

  @Override
  void readPlain(Cells cells, int column, int row) throws SQLException {
    values[row] = shared(cells.text(column));
  }

  private String shared(String text) {
    if (shared == null) {
      return text;
    }
    String known = shared.putIfAbsent(text, text);
    if (known != null) {
      return known;
    }
    if (shared.size() > MAX_SHARED) {
      shared = null;
    }
    return text;
  }

  @Override
  void share(ColumnReader whole, int firstRow, int rows) {
    values = ((TextReader) whole).values;
  }

  @Override
  void readOther(Object v, int row) {
    if (v != null) {
      problem(row, describe(v) + ", not text");
    }
  }
}
