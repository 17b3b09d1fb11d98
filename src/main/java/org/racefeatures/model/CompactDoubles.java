package org.racefeatures.model;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * A REAL column in the fewest bytes per value that keep every value it has, bit for bit, chosen
 * once when the column is built: a code of 1 or 2 bytes into a table of the column's distinct
 * values where it has at most 256 or 65,536 of them (a field's starting prices, weights and
 * lengths repeat: the demo's prices take 2 bytes instead of 8); else 4 bytes when every value is
 * exactly a 32-bit float (a weight of 61.5 kg, a length of 2.25), else 8. Either way {@link #get}
 * returns the very double that was read. Owns its vector.
 */
public final class CompactDoubles implements AutoCloseable {
  /** The most distinct values a column keeps as codes (2 bytes each). */
  private static final int MAX_CODES = 1 << 16;

  private final BaseFixedWidthVector vector;
  private final ArrowBuf data;
  /** 1 or 2: a code into {@link #table}; 4: a float; 8: a double. */
  private final int width;
  /** The distinct values by code, where the column holds codes; else null. */
  private final double[] table;

  private CompactDoubles(BaseFixedWidthVector vector, int width, double[] table) {
    this.vector = vector;
    this.data = vector.getDataBuffer();
    this.width = width;
    this.table = table;
  }

  /**
   * {@code column} (a {@link Float4Vector} or {@link Float8Vector}, its values and validity set) in
   * the fewest bytes that keep every value; {@code column} is closed (taken or copied).
   */
  public static CompactDoubles of(BaseFixedWidthVector column, BufferAllocator allocator) {
    int from = column instanceof Float4Vector ? 4 : column instanceof Float8Vector ? 8 : 0;
    if (from == 0) {
      column.close();
      throw new IllegalArgumentException(column.getName() + ": not a real vector");
    }
    try (column) {
      int rows = column.getValueCount();
      ArrowBuf values = column.getDataBuffer();
      Long2IntOpenHashMap codes = distinct(values, from, rows);
      if (codes != null) {
        return coded(column, from, codes, allocator);
      }
      if (from == 4 || !allFloats(values, rows)) {
        return new CompactDoubles(take(column, allocator), from, null); // no narrower width keeps them
      }
      Float4Vector narrow = new Float4Vector(column.getName(), allocator);
      try {
        narrow.allocateNew(rows);
        ArrowBuf to = narrow.getDataBuffer();
        for (int i = 0; i < rows; i++) {
          to.setFloat((long) i << 2, (float) values.getDouble((long) i << 3));
        }
        copyValidity(column, narrow, rows);
        return new CompactDoubles(narrow, 4, null);
      } catch (RuntimeException | Error e) {
        narrow.close();
        throw e;
      }
    }
  }

  private static double read(ArrowBuf values, int width, int row) {
    return width == 4 ? values.getFloat((long) row << 2) : values.getDouble((long) row << 3);
  }

  /** Each distinct value's bits and its code (in order of first row), or null when there are too many. */
  private static Long2IntOpenHashMap distinct(ArrowBuf values, int width, int rows) {
    Long2IntOpenHashMap codes = new Long2IntOpenHashMap();
    codes.defaultReturnValue(-1);
    long last = 0;
    boolean any = false;
    for (int i = 0; i < rows; i++) {
      long bits = Double.doubleToRawLongBits(read(values, width, i)); // 0 under a NULL
      if (any && bits == last) {
        continue;
      }
      any = true;
      last = bits;
      if (codes.putIfAbsent(bits, codes.size()) == -1 && codes.size() > MAX_CODES) {
        return null;
      }
    }
    return codes;
  }

  private static CompactDoubles coded(BaseFixedWidthVector column, int width, Long2IntOpenHashMap codes,
      BufferAllocator allocator) {
    int rows = column.getValueCount();
    double[] table = new double[codes.size()];
    codes.long2IntEntrySet().fastForEach(e -> table[e.getIntValue()] = Double.longBitsToDouble(e.getLongKey()));
    int codeWidth = table.length <= 256 ? 1 : 2;
    BaseFixedWidthVector out = codeWidth == 1 ? new TinyIntVector(column.getName(), allocator)
        : new SmallIntVector(column.getName(), allocator);
    try {
      out.allocateNew(Math.max(rows, 1));
      ArrowBuf values = column.getDataBuffer();
      ArrowBuf to = out.getDataBuffer();
      for (int i = 0; i < rows; i++) {
        int code = codes.get(Double.doubleToRawLongBits(read(values, width, i)));
        if (codeWidth == 1) {
          to.setByte(i, (byte) code);
        } else {
          to.setShort((long) i << 1, (short) code);
        }
      }
      copyValidity(column, out, rows);
      return new CompactDoubles(out, codeWidth, table);
    } catch (RuntimeException | Error e) {
      out.close();
      throw e;
    }
  }

  private static boolean allFloats(ArrowBuf values, int rows) {
    for (int i = 0; i < rows; i++) {
      double v = values.getDouble((long) i << 3); // 0 under a NULL
      if (Double.doubleToRawLongBits((float) v) != Double.doubleToRawLongBits(v)) {
        return false;
      }
    }
    return true;
  }

  private static void copyValidity(BaseFixedWidthVector from, BaseFixedWidthVector to, int rows) {
    to.getValidityBuffer().setBytes(0, from.getValidityBuffer(), 0, (rows + 7) >>> 3);
    to.setValueCount(rows);
  }

  /** A vector holding {@code column}'s buffers, which is left empty. */
  private static BaseFixedWidthVector take(BaseFixedWidthVector column, BufferAllocator allocator) {
    org.apache.arrow.vector.util.TransferPair transfer = column.getTransferPair(allocator);
    transfer.transfer();
    return (BaseFixedWidthVector) transfer.getTo();
  }

  public boolean isNull(int row) {
    return vector.isNull(row);
  }

  /** The value of row {@code row} as read; 0 where NULL. */
  public double get(int row) {
    return switch (width) {
      case 1 -> table[data.getByte(row) & 0xFF];
      case 2 -> table[data.getShort((long) row << 1) & 0xFFFF];
      case 4 -> data.getFloat((long) row << 2);
      default -> data.getDouble((long) row << 3);
    };
  }

  /** Bytes per value: 1 or 2 (a code into the column's distinct values), 4 or 8. */
  public int width() {
    return width;
  }

  @Override
  public void close() {
    vector.close();
  }
}
