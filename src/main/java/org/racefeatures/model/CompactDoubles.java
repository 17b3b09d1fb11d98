package org.racefeatures.model;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;

/**
 * A REAL column held in 4 bytes per value when every value it has is exactly a 32-bit float (a
 * weight of 61.5 kg, a length of 2.25, say), else in 8: chosen once, when the column is built.
 * Either way {@link #get} returns the very double that was read, bit for bit. Owns its vector.
 */
public final class CompactDoubles implements AutoCloseable {
  private final Float8Vector wide;
  private final Float4Vector narrow;
  private final ArrowBuf data;

  private CompactDoubles(Float8Vector wide, Float4Vector narrow) {
    this.wide = wide;
    this.narrow = narrow;
    this.data = wide != null ? wide.getDataBuffer() : narrow.getDataBuffer();
  }

  /**
   * {@code column}: a {@link Float4Vector} as it is, a {@link Float8Vector} in 4 bytes per value if
   * that keeps every value; {@code column} is closed (taken or copied).
   */
  public static CompactDoubles of(BaseFixedWidthVector column, BufferAllocator allocator) {
    if (column instanceof Float4Vector narrow) {
      return new CompactDoubles(null, narrow);
    }
    if (!(column instanceof Float8Vector)) {
      column.close();
      throw new IllegalArgumentException(column.getName() + ": not a real vector");
    }
    return of((Float8Vector) column, allocator);
  }

  /** {@code column} in 4 bytes per value if that keeps every value; {@code column} is closed (taken or copied). */
  public static CompactDoubles of(Float8Vector column, BufferAllocator allocator) {
    int rows = column.getValueCount();
    ArrowBuf from = column.getDataBuffer();
    for (int i = 0; i < rows; i++) {
      double v = from.getDouble((long) i << 3); // 0 under a NULL
      if (Double.doubleToRawLongBits((float) v) != Double.doubleToRawLongBits(v)) {
        return new CompactDoubles(column, null);
      }
    }
    try (column) {
      Float4Vector narrow = new Float4Vector(column.getName(), allocator);
      try {
        narrow.allocateNew(rows);
        ArrowBuf to = narrow.getDataBuffer();
        for (int i = 0; i < rows; i++) {
          to.setFloat((long) i << 2, (float) from.getDouble((long) i << 3));
        }
        narrow.getValidityBuffer().setBytes(0, column.getValidityBuffer(), 0, (rows + 7) >>> 3);
        narrow.setValueCount(rows);
        return new CompactDoubles(null, narrow);
      } catch (RuntimeException | Error e) {
        narrow.close();
        throw e;
      }
    }
  }

  public boolean isNull(int row) {
    return wide != null ? wide.isNull(row) : narrow.isNull(row);
  }

  /** The value of row {@code row} as read; 0 where NULL. */
  public double get(int row) {
    return wide != null ? data.getDouble((long) row << 3) : data.getFloat((long) row << 2);
  }

  /** Bytes per value: 4 or 8. */
  public int width() {
    return wide != null ? 8 : 4;
  }

  @Override
  public void close() {
    if (wide != null) {
      wide.close();
    } else {
      narrow.close();
    }
  }
}
