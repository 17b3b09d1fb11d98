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

  ColumnReader(String name, List<Problem> problems) {
    this.name = name;
    this.problems = problems;
  }

  /** {@code typeof()} of a value this reader takes with its typed getter. */
  abstract String plainClass();

  /** How many bits of the row's mask this reader's {@link #maskTerm} takes. */
  int maskBits() {
    return 1;
  }

  /**
   * An SQL expression, evaluated by SQLite for each row, whose value ({@code 0 ..
   * 2^maskBits() - 1}) reaches {@link #consume} as {@code flags}: by default 1 where the value is
   * not of the {@link #plainClass()}.
   */
  String maskTerm(String quoted) {
    return "(typeof(" + quoted + ") <> '" + plainClass() + "')";
  }

  /** The SQL expressions this reader takes, given the column's quoted name (one, unless overridden). */
  List<String> select(String quoted) {
    return List.of(quoted);
  }

  /**
   * Reads row {@code row} from result column {@code column} on (its {@link #select} expressions),
   * given its {@link #maskTerm}'s value; the caller has made room for it ({@link #ensureCapacity}).
   */
  void consume(ResultSet rs, int column, int flags, int row) throws SQLException {
    if (flags == 0) {
      readPlain(rs, column, row);
    } else {
      readOther(rs.getObject(column), row);
    }
  }

  /** Makes room for at least {@code rows} rows. */
  abstract void ensureCapacity(int rows);

  /** Copies the first {@code rows} rows of {@code part} (a reader of the same column) to rows {@code at}. */
  abstract void append(ColumnReader part, int rows, int at);

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

    @Override
    void append(ColumnReader part, int rows, int at) {
      Longs p = (Longs) part;
      System.arraycopy(p.values, 0, values, at, rows);
      System.arraycopy(p.isNull, 0, isNull, at, rows);
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

    @Override
    void append(ColumnReader part, int rows, int at) {
      Doubles p = (Doubles) part;
      System.arraycopy(p.values, 0, values, at, rows);
      System.arraycopy(p.isNull, 0, isNull, at, rows);
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
    void append(ColumnReader part, int rows, int at) {
      System.arraycopy(((Texts) part).values, 0, values, at, rows);
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
   * read as stored, then dictionary-encoded into dense keys ({@link #encode}); -1 for NULL. A whole
   * REAL is the integer it equals (SQLite's {@code =} says {@code 5.0 = 5}); an integer and a text
   * are different ids, as {@code =} has it for two values of one column.
   */
  static final class Keys extends ColumnReader {
    long[] integers = new long[0];
    /** The id where it is text, else null. */
    String[] texts = new String[0];
    boolean[] isNull = new boolean[0];
    /** After {@link #encode}: the key of each row, -1 for NULL, -2 for an id the lookup did not find. */
    int[] keys;
    private Dictionary dictionary;

    Keys(String name, List<Problem> problems) {
      super(name, problems);
    }

    @Override
    String plainClass() {
      return "integer";
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > integers.length) {
        int n = grow(integers.length, rows);
        integers = Arrays.copyOf(integers, n);
        texts = Arrays.copyOf(texts, n);
        isNull = Arrays.copyOf(isNull, n);
      }
    }

    @Override
    void readPlain(ResultSet rs, int column, int row) throws SQLException {
      integers[row] = rs.getLong(column);
    }

    @Override
    void readOther(Object v, int row) {
      if (v == null) {
        isNull[row] = true;
      } else if (v instanceof String s) {
        texts[row] = s;
      } else if (v instanceof Number n && !(v instanceof Double)) {
        integers[row] = n.longValue();
      } else if (v instanceof Double d && d == Math.rint(d) && d >= -0x1p63 && d < 0x1p63) {
        integers[row] = d.longValue();
      } else {
        isNull[row] = true;
        problem(row, describe(v) + ", not an integer or text id");
      }
    }

    @Override
    void append(ColumnReader part, int rows, int at) {
      Keys p = (Keys) part;
      System.arraycopy(p.integers, 0, integers, at, rows);
      System.arraycopy(p.texts, 0, texts, at, rows);
      System.arraycopy(p.isNull, 0, isNull, at, rows);
    }

    /**
     * Gives each of the first {@code rows} rows its key in {@code dictionary}, adding ids it lacks
     * when {@code add}, else giving them key -2.
     */
    void encode(Dictionary dictionary, int rows, boolean add) {
      this.dictionary = dictionary;
      keys = new int[rows];
      long lastId = 0;
      int lastKey = -3; // runner rows of one race come together: their race_id is looked up once
      for (int i = 0; i < rows; i++) {
        int key;
        if (isNull[i]) {
          key = -1;
        } else if (texts[i] != null) {
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

    /** The id of row {@code row} as stored, for messages: a Long, a String, or null. */
    Object id(int row) {
      return isNull[row] ? null : texts[row] != null ? texts[row] : (Object) integers[row];
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

  /** Ids numbered 0, 1, 2... in the order first added; integers and texts apart. */
  static final class Dictionary {
    private final Long2IntOpenHashMap integers = new Long2IntOpenHashMap();
    private final Object2IntOpenHashMap<String> texts = new Object2IntOpenHashMap<>();
    private final List<Object> values = new ArrayList<>();

    Dictionary() {
      integers.defaultReturnValue(-1);
      texts.defaultReturnValue(-1);
    }

    int key(long id, boolean add) {
      int key = integers.get(id);
      if (key < 0 && add) {
        key = values.size();
        values.add(id);
        integers.put(id, key);
      }
      return key < 0 ? -2 : key;
    }

    int key(String id, boolean add) {
      int key = texts.getInt(id);
      if (key < 0 && add) {
        key = values.size();
        values.add(id);
        texts.put(id, key);
      }
      return key < 0 ? -2 : key;
    }

    int size() {
      return values.size();
    }

    Object value(int key) {
      return values.get(key);
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
    int maskBits() {
      return 2;
    }

    /** The code comes with the row's mask, so only codes other than NULL, FIN and NR cost a getter. */
    @Override
    String maskTerm(String quoted) {
      return "CASE WHEN " + quoted + " IS NULL THEN 0 WHEN " + quoted + " = 'FIN' COLLATE BINARY THEN 1"
          + " WHEN " + quoted + " = 'NR' COLLATE BINARY THEN 2 ELSE 3 END";
    }

    @Override
    void consume(ResultSet rs, int column, int code, int row) throws SQLException {
      switch (code) {
        case 0 -> racecards++;
        case 1 -> finished++;
        case 2 -> nonRunners++;
        default -> other(rs.getObject(column), row);
      }
      codes[row] = (byte) code;
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

    @Override
    void append(ColumnReader part, int rows, int at) {
      Statuses p = (Statuses) part;
      System.arraycopy(p.codes, 0, codes, at, rows);
      racecards += p.racecards;
      finished += p.finished;
      nonRunners += p.nonRunners;
      p.counts.forEach((code, n) -> counts.merge(code, n, Integer::sum));
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
