package org.racefeatures.export;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.racefeatures.db.Cells;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.ValueType;

/**
 * Reads one row of a {@link FeatureTableSnapshot}'s select into a {@link Sink}, checking every
 * value's storage class against its column's type. Each value's storage class is asked of SQLite
 * ({@link Cells}); a value in its column's plain class is read directly, any other is checked: NULL
 * is a NULL (never a stand-in value), a whole REAL in an INTEGER column is that integer, an integer in
 * a REAL column is that number, and anything else (text in a number column, a REAL with a fraction
 * in an INTEGER column, a BLOB, a NULL key) is an error naming the runner_id and column.
 *
 * <p>One decoder per reading thread: it remembers the last date it parsed.
 */
public final class FeatureRowDecoder {
  /**
   * Where a row's values go, one call per column and row, columns numbered from 0 in select order
   * (runner_id is column 0).
   */
  public interface Sink {
    void nullValue(int column);

    /** An INTEGER column's value, or an id stored as an integer. */
    void integer(int column, long value);

    void real(int column, double value);

    /** A category's value, or an id stored as text. */
    void text(int column, String value);

    /** {@code race_date}, as days since 1970-01-01. */
    void day(int column, int epochDay);
  }

  private final String source;
  private final List<Feature> columns;
  private final ValueType[] types;
  /** Per column: the storage class read without a check, and whether it is a key (never NULL). */
  private final int[] plainClass;
  private final boolean[] key;
  private String lastText;
  private int lastDay;

  /** @param columns the snapshot's columns, runner_id first */
  public FeatureRowDecoder(String source, List<Feature> columns) {
    this.source = source;
    this.columns = List.copyOf(columns);
    int n = columns.size();
    types = new ValueType[n];
    plainClass = new int[n];
    key = new boolean[n];
    for (int c = 0; c < n; c++) {
      Feature f = columns.get(c);
      types[c] = f.type();
      plainClass[c] = switch (f.type()) {
        case INTEGER, ID -> Cells.INTEGER;
        case REAL -> Cells.REAL;
        case TEXT, CATEGORY -> Cells.TEXT;
      };
      key[c] = FeatureCatalogue.KEYS.contains(f);
    }
  }

  /**
   * Reads the current row of {@code cells} into {@code sink}, every column once.
   *
   * @return the row's runner_id
   * @throws InputException naming the runner_id, column and value, for a value its column cannot hold
   */
  public long decode(Cells cells, Sink sink) throws SQLException {
    long runnerId = cells.integer(1); // the key: an INTEGER PRIMARY KEY, or checked as column 0 below
    for (int c = 0; c < types.length; c++) {
      int column = c + 1;
      int type = cells.type(column);
      if (type == plainClass[c]) {
        switch (types[c]) {
          case INTEGER, ID -> sink.integer(c, cells.integer(column));
          case REAL -> sink.real(c, cells.real(column));
          case CATEGORY -> sink.text(c, cells.text(column));
          case TEXT -> sink.day(c, day(runnerId, c, cells.text(column)));
        }
        continue;
      }
      if (type == Cells.NULL) {
        if (key[c] || types[c] == ValueType.TEXT) {
          throw wrongType(runnerId, c, null);
        }
        sink.nullValue(c);
        continue;
      }
      Object other = cells.object(column);
      switch (types[c]) {
        case INTEGER -> {
          Long integer = Sqlite.integerValue(other);
          if (integer == null) {
            throw wrongType(runnerId, c, other);
          }
          sink.integer(c, integer);
        }
        case REAL -> {
          if (!(other instanceof Long integer)) {
            throw wrongType(runnerId, c, other);
          }
          sink.real(c, integer.doubleValue());
        }
        case ID -> {
          if (!(other instanceof String text)) {
            throw wrongType(runnerId, c, other);
          }
          sink.text(c, text);
        }
        case CATEGORY, TEXT -> throw wrongType(runnerId, c, other);
      }
    }
    return runnerId;
  }

  private int day(long runnerId, int c, String text) {
    if (!text.equals(lastText)) { // rows of a race share one date
      try {
        lastDay = (int) LocalDate.parse(text).toEpochDay();
      } catch (DateTimeParseException e) {
        throw wrongType(runnerId, c, text);
      }
      lastText = text;
    }
    return lastDay;
  }

  private InputException wrongType(long runnerId, int c, Object v) {
    Feature f = columns.get(c);
    String expected = switch (f.type()) {
      case INTEGER -> "an integer";
      case REAL -> "a number";
      case ID -> "an integer or text id";
      case CATEGORY -> "text";
      case TEXT -> "a date 'YYYY-MM-DD'";
    };
    String value = v == null ? "NULL" : v instanceof String s ? "'" + s + "' (text)"
        : v instanceof byte[] ? "a blob" : v instanceof Double ? v + " (a real)" : v + " (an integer)";
    return new InputException(source + ": runner_features row runner_id=" + runnerId + ", column " + f.name()
        + ": " + value + " is not " + expected);
  }
}
