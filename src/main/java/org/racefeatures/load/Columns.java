package org.racefeatures.load;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntUnaryOperator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * Builds Arrow vectors in a given row order in bulk (the races' columns, the runners' runner_id and
 * race, which the loader computes or narrows): values are gathered into a Java
 * array in the requested row order, a block of {@link #BLOCK} rows at a time, and each block is
 * copied into the vector's data buffer in one call; the validity bits are written as one byte array.
 * The loader runs once per process, in a cold JVM, where a {@code setSafe} call per value costs more
 * than the reading itself.
 *
 * <p>Every method takes {@code order}, the source index of each output row, or null for the source
 * order; NULL is a validity bit, never a value. The caller owns the returned vector. The scratch
 * arrays are one block each, whatever the table's size.
 */
final class Columns {
  /** Rows gathered per bulk copy. */
  static final int BLOCK = 1 << 16;

  private final BufferAllocator allocator;
  private final long[] longs = new long[BLOCK];
  private final int[] ints = new int[BLOCK];

  Columns(BufferAllocator allocator) {
    this.allocator = allocator;
  }

  /** Writes rows {@code from .. from + n - 1}: gathers them into scratch, sets their validity, copies. */
  @FunctionalInterface
  private interface BlockWriter {
    void write(ByteBuffer data, byte[] valid, int from, int n);
  }

  /** A column without nulls. */
  BigIntVector bigInt(String name, WideInts src, int[] order, int rows) {
    return build(new BigIntVector(name, allocator), rows, 8, (data, valid, from, n) -> {
      for (int i = 0; i < n; i++) {
        int row = from + i;
        longs[i] = src.get(order == null ? row : order[row]);
        valid[row >>> 3] |= (byte) (1 << (row & 7));
      }
      data.asLongBuffer().put(longs, 0, n);
    });
  }

  /** Values known to fit 32 bits, by source row, null where {@code isNull} says so. */
  IntVector int32(String name, IntUnaryOperator src, IntPredicate isNull, int[] order, int rows) {
    return build(new IntVector(name, allocator), rows, 4, (data, valid, from, n) -> {
      for (int i = 0; i < n; i++) {
        int row = from + i;
        int s = order == null ? row : order[row];
        if (!isNull.test(s)) {
          ints[i] = src.applyAsInt(s);
          valid[row >>> 3] |= (byte) (1 << (row & 7));
        } else {
          ints[i] = 0;
        }
      }
      data.asIntBuffer().put(ints, 0, n);
    });
  }

  /** Keys or codes: null where the value is negative when {@code negativeIsNull}. */
  IntVector int32(String name, int[] src, int[] order, int rows, boolean negativeIsNull) {
    return build(new IntVector(name, allocator), rows, 4, (data, valid, from, n) -> {
      for (int i = 0; i < n; i++) {
        int row = from + i;
        int v = src[order == null ? row : order[row]];
        if (v >= 0 || !negativeIsNull) {
          ints[i] = v;
          valid[row >>> 3] |= (byte) (1 << (row & 7));
        } else {
          ints[i] = 0;
        }
      }
      data.asIntBuffer().put(ints, 0, n);
    });
  }

  /** Doubles by source row, null where {@code isNull} says so. */
  Float8Vector float8(String name, IntToDoubleFunction src, IntPredicate isNull, int[] order, int rows) {
    return build(new Float8Vector(name, allocator), rows, 8, (data, valid, from, n) -> {
      for (int i = 0; i < n; i++) { // the doubles' exact bits, so one scratch array serves both widths
        int row = from + i;
        int s = order == null ? row : order[row];
        if (!isNull.test(s)) {
          longs[i] = Double.doubleToRawLongBits(src.applyAsDouble(s));
          valid[row >>> 3] |= (byte) (1 << (row & 7));
        } else {
          longs[i] = 0;
        }
      }
      data.asLongBuffer().put(longs, 0, n);
    });
  }

  /**
   * Allocates {@code vector}, writes its values a block at a time and its validity; closes it again
   * if any step fails.
   */
  private static <V extends BaseFixedWidthVector> V build(V vector, int rows, int width, BlockWriter writer) {
    try {
      vector.allocateNew(Math.max(rows, 1));
      byte[] valid = new byte[(rows + 7) >>> 3];
      for (int from = 0; from < rows; from += BLOCK) {
        int n = Math.min(BLOCK, rows - from);
        ByteBuffer data = vector.getDataBuffer().nioBuffer((long) from * width, n * width)
            .order(ByteOrder.nativeOrder());
        writer.write(data, valid, from, n);
      }
      vector.getValidityBuffer().setBytes(0, valid);
      vector.setValueCount(rows);
      return vector;
    } catch (RuntimeException e) {
      vector.close();
      throw e;
    }
  }
}
