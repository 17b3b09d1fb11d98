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
 */
final class Columns {
  /** A null sentinel that no {@code int} source uses. */
  static final long NEVER_NULL = Long.MIN_VALUE;

  private Columns() {}

  static BigIntVector bigInt(String name, long[] src, int[] order, int rows, long nullValue,
      BufferAllocator allocator) {
    long[] values = new long[rows];
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      long v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    BigIntVector vector = allocate(new BigIntVector(name, allocator), rows);
    data(vector, rows, 8).asLongBuffer().put(values);
    return finish(vector, valid, rows);
  }

  static IntVector int32(String name, long[] src, int[] order, int rows, long nullValue,
      BufferAllocator allocator) {
    int[] values = new int[rows];
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      long v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = (int) v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return int32(name, values, valid, rows, allocator);
  }

  static IntVector int32(String name, int[] src, int[] order, int rows, long nullValue,
      BufferAllocator allocator) {
    int[] values = new int[rows];
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      int v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return int32(name, values, valid, rows, allocator);
  }

  private static IntVector int32(String name, int[] values, byte[] valid, int rows,
      BufferAllocator allocator) {
    IntVector vector = allocate(new IntVector(name, allocator), rows);
    data(vector, rows, 4).asIntBuffer().put(values);
    return finish(vector, valid, rows);
  }

  static Float8Vector float8(String name, double[] src, int[] order, int rows, double nullValue,
      BufferAllocator allocator) {
    double[] values = new double[rows];
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      double v = src[order == null ? i : order[i]];
      if (v != nullValue) {
        values[i] = v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    Float8Vector vector = allocate(new Float8Vector(name, allocator), rows);
    data(vector, rows, 8).asDoubleBuffer().put(values);
    return finish(vector, valid, rows);
  }

  /** A column without nulls. */
  static TinyIntVector int8(String name, byte[] src, int[] order, int rows, BufferAllocator allocator) {
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
