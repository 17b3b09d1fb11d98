package org.racefeatures.load;

import java.sql.SQLException;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.racefeatures.db.Cells;
import org.racefeatures.db.Sqlite;

/**
 * The consumer of one input column, chosen once per column by its kind (the shape of Arrow's JDBC
 * adapter): it reads the column's value of each row from the result set into its own storage.
 *
 * <p>Numbers and codes go straight into the data buffer of an Arrow vector, outside the Java heap,
 * their NULL flags into {@link BitSet}: the vectors of the runners' columns become the engine's
 * own once put in race-time order ({@link EngineTables}), so a load never holds a column twice, and
 * the heap never grows to hold every input row (memory it would keep for the rest of the run).
 *
 * <p>Each value's storage class is asked of SQLite ({@link Cells#type}); a value in the column's
 * plain class ({@link #plainType()}) is read with one more native call and nothing else. Any other
 * value is read as stored and either accepted by SQLite's affinity rules (an integer in a REAL
 * column, a whole REAL in an INTEGER column), taken as NULL, or recorded as a {@link Problem}:
 * never converted silently.
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

  /** The storage class ({@link Cells#INTEGER}, ...) of a value this reader takes without a check. */
  abstract int plainType();

  /** The SQL expressions this reader takes, given the column's quoted name (one, unless overridden). */
  List<String> select(String quoted) {
    return List.of(quoted);
  }

  /**
   * Reads row {@code row} from result column {@code column} on (its {@link #select} expressions);
   * the caller has made room for it ({@link #ensureCapacity}).
   */
  void consume(Cells cells, int column, int row) throws SQLException {
    if (cells.type(column) == plainType()) {
      readPlain(cells, column, row);
    } else {
      readOther(cells.object(column), row);
    }
  }

  /** Makes room for at least {@code rows} rows. */
  abstract void ensureCapacity(int rows);

  /**
   * Reads rows {@code firstRow .. firstRow + rows - 1} of {@code whole}'s column (a reader of the
   * same column, already sized for every row) from now on, so that two threads can each fill their
   * own rows of one set of columns: into {@code whole}'s storage where a value's slot is its own,
   * into storage of its own where a value may widen its column ({@link NarrowValues}); what shares
   * a word between neighbouring rows, such as NULL bits, is kept apart too until {@link #merge}.
   */
  abstract void share(ColumnReader whole, int firstRow, int rows);

  /**
   * Frees the storage a reader that {@link #share}d another's holds of its own, where it was not
   * {@link #merge}d (a part whose read failed); never the shared storage.
   */
  void closePart() {}

  /** Adds what {@code part}, a reader that {@link #share}d this one's storage, kept apart from it. */
  void merge(ColumnReader part) {}

  /** A value of the plain class. */
  abstract void readPlain(Cells cells, int column, int row) throws SQLException;

  /** A value not of the plain class: {@code null}, Long, Double, String or byte[]. */
  abstract void readOther(Object value, int row);

  void problem(int row, String reason) {
    problems.add(new Problem(row, name, reason));
  }

  static int grow(int length, int rows) {
    return Math.max(rows, Math.max(1024, length * 2));
  }

  /** Gives {@code vector} room for at least {@code rows} values, new ones zero. */
  static void room(BaseFixedWidthVector vector, int rows) {
    if (vector.getValueCapacity() == 0) {
      vector.allocateNew(rows); // zeroed
    }
    while (vector.getValueCapacity() < rows) {
      vector.reAlloc(); // doubles; the new part zeroed
    }
  }

  /** Frees what the reader holds outside the heap (a vector it has not handed over). */
  void close() {}

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

  /**
   * An INTEGER column: a null flag per row, the values kept by the subclass. A whole REAL is the
   * integer it equals; text or a BLOB is a problem.
   */
  abstract static class Integers extends ColumnReader {
    BitSet isNull = new BitSet(0);

    Integers(String name, List<Problem> problems) {
      super(name, problems);
    }

    @Override
    int plainType() {
      return Cells.INTEGER;
    }

    /** Stores an integer read for row {@code row}. */
    abstract void set(int row, long v);

    @Override
    void readPlain(Cells cells, int column, int row) throws SQLException {
      set(row, cells.integer(column));
    }

    @Override
    void readOther(Object v, int row) {
      Long integer = Sqlite.integerValue(v);
      if (integer != null) {
        set(row, integer);
      } else {
        isNull.set(row);
        if (v != null) {
          problem(row, describe(v) + ", not an integer");
        }
      }
    }

    /** Starts NULL flags of its own for {@code rows} rows, when sharing another reader's values. */
    void shareNulls(int rows) {
      isNull = new BitSet(rows);
    }

    @Override
    void merge(ColumnReader part) {
      isNull.or(((Integers) part).isNull);
    }
  }

  /** An INTEGER column of 64-bit values ({@code runner_id}), held in 32 bits where they fit. */
  static final class Longs extends Integers {
    final WideInts values;

    Longs(String name, List<Problem> problems, BufferAllocator allocator) {
      super(name, problems);
      values = new WideInts(name, allocator);
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > values.capacity()) {
        values.ensureCapacity(grow(values.capacity(), rows));
      }
    }

    @Override
    void share(ColumnReader whole, int firstRow, int rows) {
      values.share(((Longs) whole).values);
      shareNulls(values.capacity());
    }

    @Override
    void merge(ColumnReader part) {
      super.merge(part);
      values.merge(((Longs) part).values);
    }

    @Override
    void set(int row, long v) {
      values.set(row, v);
    }

    long get(int row) {
      return values.get(row);
    }

    @Override
    void close() {
      values.close();
    }
  }

  /**
   * An INTEGER column the engine keeps in 32 bits ({@code draw}, {@code age}, ...), read into the
   * narrowest width that holds its values ({@link NarrowValues}). A value outside the int range is a
   * problem naming it.
   */
  static final class Ints extends Integers {
    NarrowValues values;
    private int partRows;

    Ints(String name, List<Problem> problems, BufferAllocator allocator) {
      super(name, problems);
      values = new NarrowValues(name, allocator, false, 0);
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > values.capacity()) {
        values.ensureCapacity(grow(values.capacity(), rows));
      }
    }

    @Override
    void share(ColumnReader whole, int firstRow, int rows) {
      Ints w = (Ints) whole;
      values.close(); // empty: a part's own storage replaces it
      values = new NarrowValues(name, w.values.allocator(), false, firstRow);
      values.ensureCapacity(rows);
      partRows = rows;
      shareNulls(w.values.capacity());
    }

    @Override
    void merge(ColumnReader part) {
      super.merge(part);
      Ints p = (Ints) part;
      values.append(p.values, p.partRows);
    }

    @Override
    void closePart() {
      values.close();
    }

    @Override
    void set(int row, long v) {
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        isNull.set(row);
        problem(row, v + " is outside the range the engine stores (" + Integer.MIN_VALUE + ".."
            + Integer.MAX_VALUE + ")");
      } else {
        values.setInt(row, (int) v);
      }
    }

    /** The value of row {@code row} (0 where NULL). */
    int get(int row) {
      return values.getInt(row);
    }

    @Override
    void close() {
      values.close();
    }
  }

  /**
   * A REAL column: finite doubles, in 4 bytes while each is exactly a float ({@link NarrowValues}),
   * and a null flag per row.
   */
  static final class Doubles extends ColumnReader {
    NarrowValues values;
    BitSet isNull = new BitSet(0);
    private int partRows;

    Doubles(String name, List<Problem> problems, BufferAllocator allocator) {
      super(name, problems);
      values = new NarrowValues(name, allocator, true, 0);
    }

    @Override
    int plainType() {
      return Cells.REAL;
    }

    @Override
    void ensureCapacity(int rows) {
      if (rows > values.capacity()) {
        values.ensureCapacity(grow(values.capacity(), rows));
      }
    }

    @Override
    void readPlain(Cells cells, int column, int row) throws SQLException {
      set(row, cells.real(column));
    }

    @Override
    void share(ColumnReader whole, int firstRow, int rows) {
      Doubles w = (Doubles) whole;
      values.close(); // empty: a part's own storage replaces it
      values = new NarrowValues(name, w.values.allocator(), true, firstRow);
      values.ensureCapacity(rows);
      partRows = rows;
      isNull = new BitSet(w.values.capacity());
    }

    @Override
    void merge(ColumnReader part) {
      Doubles p = (Doubles) part;
      isNull.or(p.isNull);
      values.append(p.values, p.partRows);
    }

    @Override
    void closePart() {
      values.close();
    }

    private void set(int row, double v) {
      if (!Double.isFinite(v)) {
        isNull.set(row);
        problem(row, v + " is not a finite number");
      } else {
        values.setReal(row, v);
      }
    }

    /** The value of row {@code row} (0.0 where NULL). */
    double get(int row) {
      return values.getReal(row);
    }

    @Override
    void readOther(Object v, int row) {
      if (v == null) {
        isNull.set(row);
      } else if (v instanceof Number n) {
        set(row, n.doubleValue()); // an integer: what REAL affinity would have stored
      } else {
        isNull.set(row);
        problem(row, describe(v) + ", not a number");
      }
    }

    @Override
    void close() {
      values.close();
    }
  }
}
