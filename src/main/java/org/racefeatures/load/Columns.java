package org.racefeatures.load;

import java.nio.ByteOrder;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * Builds the loader's Arrow vectors from its plain arrays in bulk: values are gathered into a Java
 * array in the requested row order, then copied into the vector's data buffer in one call, and the
 * validity bits are written as one byte array. The loader runs once per process, in a cold JVM,
 * where a {@code setSafe} call per value costs more than the reading itself.
 *
 * <p>Every method takes {@code order}, the source index of each output row, or null for the source
 * order; a value equal to the given null sentinel becomes null. The caller owns the returned vector.
 * One scratch array per width serves every column, so a load makes little garbage (whose early,
 * large allocations would otherwise make the collector grow the heap for the rest of the run).
 */
final class Columns {
  /** A null sentinel that no {@code int} source uses. */
  static final long NEVER_NULL = Long.MIN_VALUE;

  private final BufferAllocator allocator;
  private long[] longs = new long[0];
  private int[] ints = new int[0];

  Columns(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  private long[] longs(int rows) {
    if (longs.length < rows) {
      longs = new long[rows];
    }
    return longs;
  }

  private int[] ints(int rows) {
    if (ints.length < rows) {
      ints = new int[rows];
    }
    return ints;
  }

  BigIntVector bigInt(String name, long[] src, int[] order, int rows, long nullValue) {
    long[] values = longs(rows);
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      long v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    BigIntVector vector = allocate(new BigIntVector(name, allocator), rows);
    data(vector, rows, 8).asLongBuffer().put(values, 0, rows);
    return finish(vector, valid, rows);
  }

  IntVector int32(String name, long[] src, int[] order, int rows, long nullValue) {
    int[] values = ints(rows);
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      long v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = (int) v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    return int32(name, values, valid, rows);
  }

  IntVector int32(String name, int[] src, int[] order, int rows, long nullValue) {
    int[] values = ints(rows);
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      int v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    return int32(name, values, valid, rows);
  }

  private IntVector int32(String name, int[] values, byte[] valid, int rows) {
    IntVector vector = allocate(new IntVector(name, allocator), rows);
    data(vector, rows, 4).asIntBuffer().put(values, 0, rows);
    return finish(vector, valid, rows);
  }

  Float8Vector float8(String name, double[] src, int[] order, int rows, double nullValue) {
    long[] bits = longs(rows); // the doubles' exact bits, so one scratch array serves both widths
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      double v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        bits[i] = Double.doubleToRawLongBits(v);
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        bits[i] = 0;
      }
    }
    Float8Vector vector = allocate(new Float8Vector(name, allocator), rows);
    data(vector, rows, 8).asLongBuffer().put(bits, 0, rows);
    return finish(vector, valid, rows);
  }

  /** A column without nulls. */
  TinyIntVector int8(String name, byte[] src, int[] order, int rows) {
    byte[] values = new byte[rows];
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      values[i] = src[order == null ? i : order[i]];
      valid[i >>> 3] |= (byte) (1 << (i & 7));
    }
    TinyIntVector vector = allocate(new TinyIntVector(name, allocator), rows);
    vector.getDataBuffer().setBytes(0, values);
    return finish(vector, valid, rows);
  }

  private static <V extends BaseFixedWidthVector> V allocate(V vector, int rows) {
    try {
      vector.allocateNew(Math.max(rows, 1));
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }

  /** The vector's data buffer as a native-order NIO view of its first {@code rows} values. */
  private static java.nio.ByteBuffer data(BaseFixedWidthVector vector, int rows, int width) {
    ArrowBuf data = vector.getDataBuffer();
    return data.nioBuffer(0, rows * width).order(ByteOrder.nativeOrder());
  }

  private static <V extends BaseFixedWidthVector> V finish(V vector, byte[] valid, int rows) {
    vector.getValidityBuffer().setBytes(0, valid);
    vector.setValueCount(rows);
    return vector;
  }
}
