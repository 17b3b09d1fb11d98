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
 * order; NULL is a validity bit, never a value. The caller owns the returned vector.
 * One scratch array per width serves every column, so a load makes little garbage (whose early,
 * large allocations would otherwise make the collector grow the heap for the rest of the run).
 */
final class Columns {
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

  /** A column without nulls. */
  BigIntVector bigInt(String name, long[] src, int[] order, int rows) {
    long[] values = longs(rows);
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      values[i] = src[order == null ? i : order[i]];
      valid[i >>> 3] |= (byte) (1 << (i & 7));
    }
    return build(new BigIntVector(name, allocator), rows, valid,
        v -> data(v, rows, 8).asLongBuffer().put(values, 0, rows));
  }

  /** Values known to fit 32 bits, null where {@code isNull} says so. */
  IntVector int32(String name, int[] src, boolean[] isNull, int[] order, int rows) {
    int[] values = ints(rows);
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      int s = order == null ? i : order[i];
      if (!isNull[s]) {
        values[i] = src[s];
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    return int32(name, values, valid, rows);
  }

  /** Keys or codes: null where the value is negative when {@code negativeIsNull}. */
  IntVector int32(String name, int[] src, int[] order, int rows, boolean negativeIsNull) {
    int[] values = ints(rows);
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      int v = src[order == null ? i : order[i]];
      if (v >= 0 || !negativeIsNull) {
        values[i] = v;
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        values[i] = 0;
      }
    }
    return int32(name, values, valid, rows);
  }

  private IntVector int32(String name, int[] values, byte[] valid, int rows) {
    return build(new IntVector(name, allocator), rows, valid,
        v -> data(v, rows, 4).asIntBuffer().put(values, 0, rows));
  }

  Float8Vector float8(String name, double[] src, boolean[] isNull, int[] order, int rows) {
    long[] bits = longs(rows); // the doubles' exact bits, so one scratch array serves both widths
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      int s = order == null ? i : order[i];
      if (!isNull[s]) {
        bits[i] = Double.doubleToRawLongBits(src[s]);
        valid[i >>> 3] |= (byte) (1 << (i & 7));
      } else {
        bits[i] = 0;
      }
    }
    return build(new Float8Vector(name, allocator), rows, valid,
        v -> data(v, rows, 8).asLongBuffer().put(bits, 0, rows));
  }

  /** A column without nulls. */
  TinyIntVector int8(String name, byte[] src, int[] order, int rows) {
    byte[] values = new byte[rows];
    byte[] valid = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      values[i] = src[order == null ? i : order[i]];
      valid[i >>> 3] |= (byte) (1 << (i & 7));
    }
    return build(new TinyIntVector(name, allocator), rows, valid,
        v -> v.getDataBuffer().setBytes(0, values));
  }

  /** Allocates {@code vector}, writes its values and validity; closes it again if any step fails. */
  private static <V extends BaseFixedWidthVector> V build(V vector, int rows, byte[] valid,
      java.util.function.Consumer<V> values) {
    try {
      vector.allocateNew(Math.max(rows, 1));
      values.accept(vector);
      vector.getValidityBuffer().setBytes(0, valid);
      vector.setValueCount(rows);
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
}
