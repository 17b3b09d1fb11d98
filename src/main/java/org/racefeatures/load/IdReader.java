package org.racefeatures.load;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.racefeatures.db.Cells;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.Ids;

/**
 * An id column ({@code race_id}, {@code course_id}, {@code horse_id}, ...): integers and text,
 * read as stored, then dictionary-encoded into dense keys ({@link #encode}); -1 for NULL. A whole
 * REAL is the integer it equals (SQLite's {@code =} says {@code 5.0 = 5}); an integer and a text
 * are different ids, as {@code =} has it for two values of one column.
 */
final class IdReader extends ColumnReader {
  long[] integers = new long[0];
  /**
   * The id where it is text, else null; null itself until a text id is read (most files' ids are
   * integers, and a reference per row is 4-8 bytes of every runner row held at load).
   */
  String[] texts;
  boolean[] isNull = new boolean[0];
  /** After {@link #encode}: the key of each row, -1 for NULL, -2 for an id the lookup did not find. */
  int[] keys;
  private IdDictionary dictionary;

  IdReader(String name, List<Problem> problems) {
    super(name, problems);
  }

  @Override
  int plainType() {
    return Cells.INTEGER;
  }

  @Override
  void ensureCapacity(int rows) {
    if (rows > integers.length) {
      int n = grow(integers.length, rows);
      integers = Arrays.copyOf(integers, n);
      texts = texts == null ? null : Arrays.copyOf(texts, n);
      isNull = Arrays.copyOf(isNull, n);
    }
  }

  @Override
  void readPlain(Cells cells, int column, int row) throws SQLException {
    integers[row] = cells.integer(column);
  }

  @Override
  void readOther(Object v, int row) {
    if (v == null) {
      isNull[row] = true;
    } else if (v instanceof String s) {
      if (texts == null) {
        texts = new String[integers.length];
      }
      texts[row] = s;
    } else if (Sqlite.integerValue(v) != null) {
      integers[row] = Sqlite.integerValue(v);
    } else {
      isNull[row] = true;
      problem(row, describe(v) + ", not an integer or text id");
    }
  }

  @Override
  void share(ColumnReader whole) {
    IdReader w = (IdReader) whole;
    integers = w.integers;
    isNull = w.isNull; // texts: a part makes its own array at its first text, merged when absorbed
  }

  @Override
  void merge(ColumnReader part) {
    String[] theirs = ((IdReader) part).texts;
    if (theirs == null) {
      return;
    }
    if (texts == null) {
      texts = theirs;
      return;
    }
    for (int i = 0; i < theirs.length; i++) {
      if (theirs[i] != null) {
        texts[i] = theirs[i];
      }
    }
  }

  /**
   * Gives each of the first {@code rows} rows its key in {@code dictionary}, adding ids it lacks
   * when {@code add}, else giving them key -2.
   */
  void encode(IdDictionary dictionary, int rows, boolean add) {
    this.dictionary = dictionary;
    if (add && dictionary.size() == 0) {
      expectSpan(dictionary, rows);
    }
    keys = new int[rows];
    long lastId = 0;
    int lastKey = -3; // runner rows of one race come together: their race_id is looked up once
    for (int i = 0; i < rows; i++) {
      int key;
      if (isNull[i]) {
        key = -1;
      } else if (texts != null && texts[i] != null) {
        key = dictionary.key(texts[i], add);
      } else if (integers[i] == lastId && lastKey != -3) {
        key = lastKey;
      } else {
        key = dictionary.key(integers[i], add);
        lastId = integers[i];
        lastKey = key;
      }
      keys[i] = key;
    }
  }

  /**
   * Lets the dictionary look this column's integer ids up by index where their span is at most
   * {@link #DIRECT_SPAN_PER_ROW} times the rows (ids numbered 1, 2, 3... by a database, as most are).
   */
  private void expectSpan(IdDictionary dictionary, int rows) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < rows; i++) {
      if (!isNull[i] && (texts == null || texts[i] == null)) {
        min = Math.min(min, integers[i]);
        max = Math.max(max, integers[i]);
      }
    }
    // max - min overflows (goes negative) for ids across most of the 64-bit range: no span then.
    if (min <= max && max - min >= 0 && max - min < (long) DIRECT_SPAN_PER_ROW * rows + 1024) {
      dictionary.expectIntegers(min, max);
    }
  }

  /** The widest span of integer ids, per row, looked up by index: at most 8 bytes per row. */
  private static final int DIRECT_SPAN_PER_ROW = 2;

  /** The id of row {@code row} as stored, for messages: a Long, a String, or null. */
  Object id(int row) {
    return isNull[row] ? null : texts != null && texts[row] != null ? texts[row] : (Object) integers[row];
  }

  /** Whether any id of this column is text (after {@link #encode}). */
  boolean anyText() {
    return dictionary.anyText();
  }

  /** Whether some text ids could be equal under a collation of SQLite (after {@link #encode}). */
  boolean textsMayCollide() {
    return dictionary.textsMayCollide();
  }

  /** Number of distinct ids (after {@link #encode}). */
  int distinct() {
    return dictionary.size();
  }

  /** The id of a key, as stored. */
  Object value(int key) {
    return dictionary.value(key);
  }

  Ids ids() {
    return dictionary.ids();
  }
}
