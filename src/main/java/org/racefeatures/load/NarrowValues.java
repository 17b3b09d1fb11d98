package org.racefeatures.load;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * The values of one number column as read, in an Arrow vector of the narrowest width that has held
 * every value so far: whole numbers in 1, 2 or 4 bytes, reals in 4 bytes while each is exactly a
 * float, else 8. A value that does not fit widens the vector (one copy, at most three times per
 * column). So a load holds a column of ages or stall numbers in a byte per row from the start,
 * not in the 4 or 8 bytes of its type; what is read is never cut.
 *
 * <p>Row {@code r} is at position {@code r - firstRow}: a part read by a second thread has storage
 * of its own for its rows ({@link #append}ed to the whole's afterwards), since widening a vector
 * that another thread writes would lose its writes.
 */
final class NarrowValues implements AutoCloseable {
  private final String name;
  private final BufferAllocator allocator;
  private final boolean real;
  private final int firstRow;
  private BaseFixedWidthVector vector;
  private ArrowBuf data;
  private int width;

  /**
   * @param real whether the values are reals (else whole numbers in the int range)
   * @param firstRow the first row this holds
   */
  NarrowValues(String name, BufferAllocator allocator, boolean real, int firstRow) {
    this.name = name;
    this.allocator = allocator;
    this.real = real;
    this.firstRow = firstRow;
    this.width = real ? 4 : 1;
    this.vector = newVector(width);
    this.data = vector.getDataBuffer();
  }

  BufferAllocator allocator() {
    return allocator;
  }

  /** Bytes per value: 1, 2 or 4 for whole numbers, 4 or 8 for reals. */
  int width() {
    return width;
  }

  /** Rows held, from {@code firstRow}. */
  int capacity() {
    return vector.getValueCapacity();
  }

  /** Makes room for rows up to {@code firstRow + rows - 1}, new ones zero. */
  void ensureCapacity(int rows) {
    if (rows > capacity()) {
      ColumnReader.room(vector, rows);
      data = vector.getDataBuffer();
    }
  }

  /** Stores a whole number. */
  void setInt(int row, int v) {
    int need = v == (byte) v ? 1 : v == (short) v ? 2 : 4;
    if (need > width) {
      widen(need);
    }
    long at = row - firstRow;
    switch (width) {
      case 1 -> data.setByte(at, (byte) v);
      case 2 -> data.setShort(at << 1, (short) v);
      default -> data.setInt(at << 2, v);
    }
  }

  /** Stores a real, kept to the bit. */
  void setReal(int row, double v) {
    long at = row - firstRow;
    if (width == 4) {
      float f = (float) v;
      if (Double.doubleToRawLongBits(f) == Double.doubleToRawLongBits(v)) {
        data.setFloat(at << 2, f);
        return;
      }
      widen(8);
    }
    data.setDouble(at << 3, v);
  }

  /** The whole number of row {@code row} (0 where nothing was stored). */
  int getInt(int row) {
    long at = row - firstRow;
    return switch (width) {
      case 1 -> data.getByte(at);
      case 2 -> data.getShort(at << 1);
      default -> data.getInt(at << 2);
    };
  }

  /** The real of row {@code row}, as stored (0 where nothing was stored). */
  double getReal(int row) {
    long at = row - firstRow;
    return width == 4 ? data.getFloat(at << 2) : data.getDouble(at << 3);
  }

  /** Copies the values of {@code part} (rows from its {@code firstRow}, read meanwhile) in, and closes it. */
  void append(NarrowValues part, int rows) {
    try (part) {
      if (part.width > width) {
        widen(part.width);
      }
      for (int i = 0; i < rows; i++) {
        int row = part.firstRow + i;
        if (real) {
          setReal(row, part.getReal(row));
        } else {
          setInt(row, part.getInt(row));
        }
      }
    }
  }

  /**
   * The vector ({@link TinyIntVector}, {@link SmallIntVector}, {@link IntVector}, {@link
   * Float4Vector} or {@link Float8Vector}, values only): the caller owns it, and this holds nothing
   * afterwards.
   */
  BaseFixedWidthVector release() {
    BaseFixedWidthVector v = vector;
    vector = newVector(width);
    data = vector.getDataBuffer();
    return v;
  }

  /** Copies every value into a vector {@code to} bytes wide. */
  private void widen(int to) {
    BaseFixedWidthVector wider = newVector(to);
    try {
      int rows = capacity();
      if (rows > 0) {
        wider.allocateNew(rows); // zeroed
      }
      ArrowBuf from = data;
      ArrowBuf into = wider.getDataBuffer();
      for (int i = 0; i < rows; i++) {
        if (real) {
          into.setDouble((long) i << 3, from.getFloat((long) i << 2)); // only 4 to 8 widens a real
        } else {
          int v = switch (width) {
            case 1 -> from.getByte(i);
            case 2 -> from.getShort((long) i << 1);
            default -> from.getInt((long) i << 2);
          };
          switch (to) {
            case 2 -> into.setShort((long) i << 1, (short) v);
            default -> into.setInt((long) i << 2, v);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      wider.close();
      throw e;
    }
    vector.close();
    vector = wider;
    data = wider.getDataBuffer();
    width = to;
  }

  private BaseFixedWidthVector newVector(int w) {
    if (real) {
      return w == 4 ? new Float4Vector(name, allocator) : new Float8Vector(name, allocator);
    }
    return switch (w) {
      case 1 -> new TinyIntVector(name, allocator);
      case 2 -> new SmallIntVector(name, allocator);
      default -> new IntVector(name, allocator);
    };
  }

  @Override
  public void close() {
    vector.close();
  }
}
