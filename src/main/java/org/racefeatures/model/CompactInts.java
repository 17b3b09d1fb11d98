package org.racefeatures.model;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * A whole-number column in the narrowest Arrow vector of 1, 2, 4 or 8 bytes per value that holds
 * every value it has: chosen once, when the column is built, from its values. A field's ages or
 * stall numbers take a byte each, a file's runner ids four bytes where they fit in 32 bits; a
 * value too wide for the narrow types keeps the column as wide as it was, so nothing is ever cut.
 * Owns its vector.
 */
public final class CompactInts implements AutoCloseable {
  private final BaseFixedWidthVector vector;
  private final ArrowBuf data;
  private final int width;

  private CompactInts(BaseFixedWidthVector vector, int width) {
    this.vector = vector;
    this.data = vector.getDataBuffer();
    this.width = width;
  }

  /**
   * {@code wide} (a {@link TinyIntVector}, {@link SmallIntVector}, {@link IntVector} or {@link
   * BigIntVector}) in the narrowest width that holds its values; {@code wide} is closed (taken or
   * copied).
   */
  public static CompactInts of(BaseFixedWidthVector wide, BufferAllocator allocator) {
    int width = wide instanceof TinyIntVector ? 1 : wide instanceof SmallIntVector ? 2 : wide instanceof IntVector ? 4
        : wide instanceof BigIntVector ? 8 : 0;
    if (width == 0) {
      wide.close();
      throw new IllegalArgumentException(wide.getName() + ": not a whole-number vector");
    }
    return narrow(wide, width, allocator);
  }

  private static CompactInts narrow(BaseFixedWidthVector wide, int wideWidth, BufferAllocator allocator) {
    int rows = wide.getValueCount();
    long min = 0;
    long max = 0;
    for (int i = 0; i < rows; i++) {
      if (!wide.isNull(i)) {
        long v = read(wide.getDataBuffer(), wideWidth, i);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    int width = min >= Byte.MIN_VALUE && max <= Byte.MAX_VALUE ? 1
        : min >= Short.MIN_VALUE && max <= Short.MAX_VALUE ? 2
        : min >= Integer.MIN_VALUE && max <= Integer.MAX_VALUE ? 4 : 8;
    if (width >= wideWidth) {
      return new CompactInts(wide, wideWidth);
    }
    // Narrower than it came: only after rows were left out, or from a column built in 4 or 8 bytes.
    try (wide) {
      BaseFixedWidthVector narrow = switch (width) {
        case 1 -> new TinyIntVector(wide.getName(), allocator);
        case 2 -> new SmallIntVector(wide.getName(), allocator);
        default -> new IntVector(wide.getName(), allocator);
      };
      try {
        narrow.allocateNew(rows);
        ArrowBuf from = wide.getDataBuffer();
        ArrowBuf to = narrow.getDataBuffer();
        for (int i = 0; i < rows; i++) {
          long v = read(from, wideWidth, i); // 0 under a NULL: fits any width
          switch (width) { // narrower than wideWidth, so at most 4
            case 1 -> to.setByte(i, (byte) v);
            case 2 -> to.setShort((long) i << 1, (short) v);
            default -> to.setInt((long) i << 2, (int) v);
          }
        }
        narrow.getValidityBuffer().setBytes(0, wide.getValidityBuffer(), 0, (rows + 7) >>> 3);
        narrow.setValueCount(rows);
        return new CompactInts(narrow, width);
      } catch (RuntimeException | Error e) {
        narrow.close();
        throw e;
      }
    }
  }

  private static long read(ArrowBuf data, int width, int row) {
    return switch (width) {
      case 1 -> data.getByte(row);
      case 2 -> data.getShort((long) row << 1);
      case 4 -> data.getInt((long) row << 2);
      default -> data.getLong((long) row << 3);
    };
  }

  public int size() {
    return vector.getValueCount();
  }

  public boolean isNull(int row) {
    return vector.isNull(row);
  }

  /** The value of row {@code row}; 0 where NULL. */
  public long get(int row) {
    return read(data, width, row);
  }

  /** Bytes per value: 1, 2, 4 or 8. */
  public int width() {
    return width;
  }

  @Override
  public void close() {
    vector.close();
  }
}
