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
 * A narrowed column holds each value less its least, unsigned: the width is set by the span of its
 * values, so up to 65,535 jockey keys take 2 bytes and ratings up to 255 one.
 * Owns its vector.
 */
public final class CompactInts implements AutoCloseable {
  private final BaseFixedWidthVector vector;
  private final ArrowBuf data;
  private final int width;
  /** For a narrowed column, its least value (at most 0): each row holds its value less this, unsigned. */
  private final long base;
  /** Whether the column is narrowed; else it is the wide vector it came as, signed. */
  private final boolean unsigned;

  private CompactInts(BaseFixedWidthVector vector, int width, long base, boolean unsigned) {
    this.vector = vector;
    this.data = vector.getDataBuffer();
    this.width = width;
    this.base = base;
    this.unsigned = unsigned;
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
    // By the span from the least value (0 under a NULL, so at most 0) to the greatest, unsigned.
    long span = max - min; // overflows only for spans beyond 2^63: negative, so 8 bytes
    int width = span >= 0 && span <= 0xFFL ? 1 : span >= 0 && span <= 0xFFFFL ? 2
        : span >= 0 && span <= 0xFFFF_FFFFL ? 4 : 8;
    if (width >= wideWidth) {
      return new CompactInts(wide, wideWidth, 0, false);
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
          long v = read(from, wideWidth, i) - min; // 0 under a NULL: within the span
          switch (width) { // narrower than wideWidth, so at most 4
            case 1 -> to.setByte(i, (byte) v);
            case 2 -> to.setShort((long) i << 1, (short) v);
            default -> to.setInt((long) i << 2, (int) v);
          }
        }
        narrow.getValidityBuffer().setBytes(0, wide.getValidityBuffer(), 0, (rows + 7) >>> 3);
        narrow.setValueCount(rows);
        return new CompactInts(narrow, width, min, true);
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
    if (!unsigned) {
      return read(data, width, row);
    }
    return base + switch (width) {
      case 1 -> data.getByte(row) & 0xFFL;
      case 2 -> data.getShort((long) row << 1) & 0xFFFFL;
      default -> data.getInt((long) row << 2) & 0xFFFF_FFFFL;
    };
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
