package org.racefeatures.load;

import java.sql.SQLException;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.Arrays;
import java.util.BitSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
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
  /** The id where it is an integer (see {@link #id}). */
  final WideInts integers;
  /**
   * The id where it is text, else null; null itself until a text id is read (most files' ids are
   * integers, and a reference per row is 4-8 bytes of every runner row held at load).
   */
  String[] texts;
  BitSet isNull = new BitSet(0);
  /**
   * After {@link #encode}: the key of each row, -1 for NULL, -2 for an id the lookup did not find,
   * in the array that held the integer ids (the dictionary gives any id back from its key).
   */
  private IntVector keys;
  /** After {@link #encode}: the ids the lookup did not find (key -2), by row, for messages. */
  private final Int2ObjectOpenHashMap<Object> unmatched = new Int2ObjectOpenHashMap<>();
  private IdDictionary dictionary;

  IdReader(String name, List<Problem> problems, BufferAllocator allocator) {
    super(name, problems);
    integers = new WideInts(name, allocator);
  }

  @Override
  int plainType() {
    return Cells.INTEGER;
  }

  @Override
  void ensureCapacity(int rows) {
    if (rows > integers.capacity()) {
      int n = grow(integers.capacity(), rows);
      integers.ensureCapacity(n);
      texts = texts == null ? null : Arrays.copyOf(texts, n);
    }
  }

  @Override
  void readPlain(Cells cells, int column, int row) throws SQLException {
    integers.set(row, cells.integer(column));
  }

  @Override
  void readOther(Object v, int row) {
    if (v == null) {
      isNull.set(row);
    } else if (v instanceof String s) {
      if (texts == null) {
        texts = new String[integers.capacity()];
      }
      texts[row] = s;
    } else if (Sqlite.integerValue(v) != null) {
      integers.set(row, Sqlite.integerValue(v));
    } else {
      isNull.set(row);
      problem(row, describe(v) + ", not an integer or text id");
    }
  }

  @Override
  void share(ColumnReader whole, int firstRow, int rows) {
    IdReader w = (IdReader) whole;
    integers.share(w.integers); // wide integers, NULL flags and texts: a part keeps its own, merged when absorbed
    isNull = new BitSet(integers.capacity());
  }

  @Override
  void merge(ColumnReader part) {
    IdReader p = (IdReader) part;
    integers.merge(p.integers);
    isNull.or(p.isNull);
    String[] theirs = p.texts;
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
    // The keys overwrite the integer ids in place: each row's id is read before its key is written.
    long lastId = 0;
    int lastKey = -3; // runner rows of one race come together: their race_id is looked up once
    for (int i = 0; i < rows; i++) {
      int key;
      if (isNull.get(i)) {
        key = -1;
      } else if (texts != null && texts[i] != null) {
        key = dictionary.key(texts[i], add);
      } else {
        long id = integers.get(i);
        if (id == lastId && lastKey != -3) {
          key = lastKey;
        } else {
          key = dictionary.key(id, add);
          lastId = id;
          lastKey = key;
        }
      }
      if (key == -2) {
        unmatched.put(i, id(i));
      }
      integers.overwrite(i, key);
    }
    keys = integers.release();
  }

  /**
   * Lets the dictionary look this column's integer ids up by index where their span is at most
   * {@link #DIRECT_SPAN_PER_ROW} times the rows (ids numbered 1, 2, 3... by a database, as most are).
   */
  private void expectSpan(IdDictionary dictionary, int rows) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < rows; i++) {
      if (!isNull.get(i) && (texts == null || texts[i] == null)) {
        long id = integers.get(i);
        min = Math.min(min, id);
        max = Math.max(max, id);
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
    if (keys != null) {
      int key = key(row);
      return key >= 0 ? dictionary.value(key) : key == -1 ? null : unmatched.get(row);
    }
    return isNull.get(row) ? null : texts != null && texts[row] != null ? texts[row] : (Object) integers.get(row);
  }

  /** The integer id of row {@code row}, which is neither NULL nor text. */
  long integerId(int row) {
    if (keys != null) {
      int key = key(row);
      return key >= 0 ? dictionary.integer(key) : (Long) unmatched.get(row);
    }
    return integers.get(row);
  }

  /** After {@link #encode}: the key of row {@code row}, -1 for NULL, -2 for an id the lookup did not find. */
  int key(int row) {
    return keys.getDataBuffer().getInt((long) row << 2);
  }

  /**
   * After {@link #encode}: the keys' vector (values only; its validity and count are the taker's to
   * set), which the caller now owns.
   */
  IntVector takeKeys() {
    IntVector k = keys;
    keys = new IntVector(k.getName(), k.getAllocator());
    return k;
  }

  @Override
  void close() {
    integers.close();
    if (keys != null) {
      keys.close();
    }
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
