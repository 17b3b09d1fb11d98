package org.racefeatures.load;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.racefeatures.model.Ids;

/**
 * The consumer of one input column, chosen once per column by its kind (the shape of Arrow's JDBC
 * adapter): it reads the column's value of each row from the result set into its own array.
 *
 * <p>The query tells each row whether the value is stored in the column's plain storage class
 * ({@link #plainClass()}); only then is it read with the cheap typed getter. Any other value is read
 * with {@code getObject}, which gives SQLite's own storage class, and either accepted by SQLite's
 * affinity rules (an integer in a REAL column, a whole REAL in an INTEGER column), taken as NULL, or
 * recorded as a {@link Problem}: never converted silently.
 */
abstract class ColumnReader {
  /** A value that does not fit its column, found while reading row {@code row}. */
  record Problem(int row, String column, String reason) {}

  final String name;
  final List<Problem> problems;
  int size;

  ColumnReader(String name, List<Problem> problems) {
    this.name = name;
    this.problems = problems;
  }

  /** {@code typeof()} of a value this reader takes with its typed getter. */
  abstract String plainClass();

  /** The SQL expressions this reader takes, given the column's quoted name (one, unless overridden). */
  List<String> select(String quoted) {
    return List.of(quoted);
  }

  /**
   * Reads the current row, which is row {@code size} of this reader, from result column {@code
   * column} on (its {@link #select} expressions).
   */
  void consume(ResultSet rs, int column, boolean plain) throws SQLException {
    ensureCapacity(size + 1);
    if (plain) {
      readPlain(rs, column, size);
    } else {
      readOther(rs.getObject(column), size);
    }
    size++;
  }

  abstract void ensureCapacity(int rows);

  abstract void readPlain(ResultSet rs, int column, int row) throws SQLException;

  /** A value not of the plain class: {@code null}, Long, Double, String or byte[]. */
  abstract void readOther(Object value, int row);

  void problem(int row, String reason) {
    problems.add(new Problem(row, name, reason));
  }

  static int grow(int length, int rows) {
    return Math.max(rows, Math.max(1024, length * 2));
  }

  /** A value as stored, for messages: text quoted, a BLOB as X'..', with its storage class. */
  static String describe(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof String s) {
      return "'" + s + "' is text";
    }
    if (v instanceof byte[] b) {
      StringBuilder hex = new StringBuilder("X'");
      for (int i = 0; i < Math.min(b.length, 16); i++) {
        hex.append(String.format("%02X", b[i]));
      }
      return hex.append(b.length > 16 ? "...'" : "'").append(" is a blob").toString();
    }
    if (v instanceof Double d) {
      return d + " is a real";
    }
    return v + " is an integer";
  }

  /** An INTEGER column: 64-bit values and a null flag per row. */
  static final class Longs extends ColumnReader {
    long[] values = new long[0];
    boolean[] isNull = new boolean[0];
    private final long min;
    private final long max;

    /** Accepts values in {@code min..max}; others are problems naming the range. */
    Longs(String name, List<Problem> problems, long min, long max) {
      super(name, problems);
      this.min = min;
      this.max = max;
    }

    @Override
    String plainClass() {
      return "integer";
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > values.length) {
        values = Arrays.copyOf(values, grow(values.length, rows));
        isNull = Arrays.copyOf(isNull, values.length);
      }
    }

    @Override
    void readPlain(ResultSet rs, int column, int row) throws SQLException {
      set(row, rs.getLong(column));
    }

    private void set(int row, long v) {
      values[row] = v;
      if (v < min || v > max) {
        isNull[row] = true;
        problem(row, v + " is outside the range the engine stores (" + min + ".." + max + ")");
      }
    }

    @Override
    void readOther(Object v, int row) {
      if (v == null) {
        isNull[row] = true;
      } else if (v instanceof Number n && !(v instanceof Double)) {
        set(row, n.longValue());
      } else if (v instanceof Double d && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
        set(row, d.longValue()); // a whole REAL: what INTEGER affinity would have stored
      } else {
        isNull[row] = true;
        problem(row, describe(v) + ", not an integer");
      }
    }
  }

  /** A REAL column: finite doubles and a null flag per row. */
  static final class Doubles extends ColumnReader {
    double[] values = new double[0];
    boolean[] isNull = new boolean[0];

    Doubles(String name, List<Problem> problems) {
      super(name, problems);
    }

    @Override
    String plainClass() {
      return "real";
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > values.length) {
        values = Arrays.copyOf(values, grow(values.length, rows));
        isNull = Arrays.copyOf(isNull, values.length);
      }
    }

    @Override
    void readPlain(ResultSet rs, int column, int row) throws SQLException {
      set(row, rs.getDouble(column));
    }

    private void set(int row, double v) {
      values[row] = v;
      if (!Double.isFinite(v)) {
        isNull[row] = true;
        problem(row, v + " is not a finite number");
      }
    }

    @Override
    void readOther(Object v, int row) {
      if (v == null) {
        isNull[row] = true;
      } else if (v instanceof Number n) {
        set(row, n.doubleValue()); // an integer: what REAL affinity would have stored
      } else {
        isNull[row] = true;
        problem(row, describe(v) + ", not a number");
      }
    }
  }

  /** A TEXT column: strings, null for NULL. A value of another class is a problem. */
  static final class Texts extends ColumnReader {
    String[] values = new String[0];

    Texts(String name, List<Problem> problems) {
      super(name, problems);
    }

    @Override
    String plainClass() {
      return "text";
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > values.length) {
        values = Arrays.copyOf(values, grow(values.length, rows));
      }
    }

    @Override
    void readPlain(ResultSet rs, int column, int row) throws SQLException {
      values[row] = rs.getString(column);
    }

    @Override
    void readOther(Object v, int row) {
      if (v != null) {
        problem(row, describe(v) + ", not text");
      }
    }
  }

  /**
   * An id column ({@code race_id}, {@code course_id}, {@code horse_id}, ...): integers and text,
   * dictionary-encoded into dense keys in the order first seen; -1 for NULL. An integer and a text
   * are different ids, as SQLite's {@code =} has it for two values of one column. With {@code
   * known} given, ids are looked up there instead (a runner's race_id among the races), and an
   * unknown one gets key -2.
   */
  static final class Keys extends ColumnReader {
    int[] keys = new int[0];
    private final Long2IntOpenHashMap integers;
    private final Object2IntOpenHashMap<String> texts;
    private final List<Object> values;
    private final boolean lookupOnly;
    /** The ids a lookup did not find, by row (for messages). */
    final java.util.Map<Integer, Object> unknown = new java.util.HashMap<>();

    Keys(String name, List<Problem> problems) {
      super(name, problems);
      integers = new Long2IntOpenHashMap();
      integers.defaultReturnValue(-1);
      texts = new Object2IntOpenHashMap<>();
      texts.defaultReturnValue(-1);
      values = new ArrayList<>();
      lookupOnly = false;
    }

    /** Looks ids up in {@code known}'s dictionary; adds none. */
    Keys(String name, List<Problem> problems, Keys known) {
      super(name, problems);
      integers = known.integers;
      texts = known.texts;
      values = known.values;
      lookupOnly = true;
    }

    @Override
    String plainClass() {
      return "integer";
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > keys.length) {
        keys = Arrays.copyOf(keys, grow(keys.length, rows));
      }
    }

    @Override
    void readPlain(ResultSet rs, int column, int row) throws SQLException {
      long id = rs.getLong(column);
      int key = integers.get(id);
      if (key < 0) {
        key = lookupOnly ? unknown(row, id) : add(id);
        if (!lookupOnly) {
          integers.put(id, key);
        }
      }
      keys[row] = key;
    }

    private int unknown(int row, Object id) {
      unknown.put(row, id);
      return -2;
    }

    @Override
    void readOther(Object v, int row) {
      if (v == null) {
        keys[row] = -1;
      } else if (v instanceof String s) {
        int key = texts.getInt(s);
        if (key < 0) {
          key = lookupOnly ? unknown(row, s) : add(s);
          if (!lookupOnly) {
            texts.put(s, key);
          }
        }
        keys[row] = key;
      } else if (v instanceof Number n && !(v instanceof Double)) {
        long id = n.longValue();
        int key = integers.get(id);
        if (key < 0) {
          key = lookupOnly ? unknown(row, id) : add(id);
          if (!lookupOnly) {
            integers.put(id, key);
          }
        }
        keys[row] = key;
      } else {
        keys[row] = -1;
        problem(row, describe(v) + ", not an integer or text id");
      }
    }

    private int add(Object id) {
      values.add(id);
      return values.size() - 1;
    }

    /** Number of distinct ids seen. */
    int distinct() {
      return values.size();
    }

    /** The id of a key, as stored. */
    Object value(int key) {
      return values.get(key);
    }

    /** Whether any id of this column is text. */
    boolean anyText() {
      return !texts.isEmpty();
    }

    Ids ids() {
      return new Ids(values);
    }
  }

  /**
   * {@code runners.status} as a code ({@code STATUS_*} of the runner table), compared exactly (the
   * column's collation plays no part): NULL, {@code 'FIN'}, {@code 'NR'}, any other upper-case code.
   * A code not in upper case, or not text, is a problem. Counts the rows of each code.
   */
  static final class Statuses extends ColumnReader {
    byte[] codes = new byte[0];
    final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
    private int racecards;
    private int finished;
    private int nonRunners;

    Statuses(String name, List<Problem> problems) {
      super(name, problems);
    }

    @Override
    String plainClass() {
      return "text";
    }

    @Override
    List<String> select(String quoted) {
      // The code comes from SQLite, so most rows cost one getter; only other codes are read as text.
      return List.of("CASE WHEN " + quoted + " IS NULL THEN 0 WHEN " + quoted + " = 'FIN' COLLATE BINARY THEN 1"
          + " WHEN " + quoted + " = 'NR' COLLATE BINARY THEN 2 ELSE 3 END", quoted);
    }

    @Override
    void consume(ResultSet rs, int column, boolean plain) throws SQLException {
      ensureCapacity(size + 1);
      int code = rs.getInt(column);
      switch (code) {
        case 0 -> racecards++;
        case 1 -> finished++;
        case 2 -> nonRunners++;
        default -> other(rs.getObject(column + 1), size);
      }
      codes[size] = (byte) code;
      size++;
    }

    private void other(Object v, int row) {
      if (v instanceof String s) {
        if (s.isBlank() || !s.equals(s.toUpperCase(java.util.Locale.ROOT))) {
          problem(row, "'" + s + "' is not an upper-case status code");
        } else {
          counts.merge(s, 1, Integer::sum);
        }
      } else {
        problem(row, describe(v) + ", not a status code");
      }
    }

    /** Rows per status code: NULL (racecards), 'FIN', 'NR', then the other codes in order. */
    java.util.Map<String, Integer> countsByCode() {
      java.util.Map<String, Integer> all = new java.util.LinkedHashMap<>();
      all.put("NULL", racecards);
      all.put("FIN", finished);
      all.put("NR", nonRunners);
      all.putAll(counts);
      return all;
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > codes.length) {
        codes = Arrays.copyOf(codes, grow(codes.length, rows));
      }
    }

    @Override
    void readPlain(ResultSet rs, int column, int row) {
      throw new UnsupportedOperationException("read in consume");
    }

    @Override
    void readOther(Object value, int row) {
      throw new UnsupportedOperationException("read in consume");
    }
  }
}
