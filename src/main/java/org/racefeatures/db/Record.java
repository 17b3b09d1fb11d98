package org.racefeatures.db;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One SQLite record (https://www.sqlite.org/fileformat2.html#record_format) split into its columns
 * over the caller's buffer: the serial type and offset of each. Columns beyond the record's header
 * (added to the table after the row was written) read as NULL. Reused row after row; not
 * thread-safe.
 */
public final class Record {
  /**
   * Bytes of a value of serial types 0 to 11, -1 for the reserved types 10 and 11; from type 12 up,
   * {@code (type - 12) / 2}.
   */
  private static final int[] SIZE = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1};
  /** Eight bytes at once, big-endian as records store numbers. */
  private static final VarHandle BIG_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final long[] serial;
  private final int[] at;
  /** The read position of a full varint: {@link #varint} moves it. */
  private final int[] cursor = new int[1];
  private byte[] b;
  /** Columns the record itself holds; the others read as NULL. */
  private int present;

  /** @param columns how many leading columns to split out */
  public Record(int columns) {
    serial = new long[columns];
    at = new int[columns];
  }

  /**
   * Splits the record of {@code length} bytes at {@code offset}.
   *
   * @return false if the record is malformed (its values run past its end, or a reserved type)
   */
  public boolean parse(byte[] buf, int offset, int length) {
    b = buf;
    int[] p = cursor;
    // Serial types below 128 are one byte, and in practice every header entry but long text is:
    // read those inline, the rest as full varints.
    int first = buf[offset] & 0xFF;
    int pos;
    int headerEnd;
    if (first < 0x80) {
      headerEnd = offset + first;
      pos = offset + 1;
    } else {
      p[0] = offset;
      headerEnd = offset + (int) varint(buf, p);
      pos = p[0];
    }
    int body = headerEnd;
    int end = offset + length;
    int n = serial.length;
    present = 0;
    for (int c = 0; c < n; c++) {
      long s;
      if (pos < headerEnd) {
        present++;
        int x = buf[pos] & 0xFF;
        if (x < 0x80) {
          s = x;
          pos++;
        } else {
          p[0] = pos;
          s = varint(buf, p);
          pos = p[0];
        }
      } else {
        s = 0;
      }
      // In longs: a corrupt header may hold a huge type (or, as a 9-byte varint, a negative one).
      long size = valueSize(s);
      if (size < 0 || body + size > end) {
        return false;
      }
      serial[c] = s;
      at[c] = body;
      body += (int) size;
    }
    return true;
  }

  /** Whether the record holds column {@code c} (false for a column added after it was written). */
  public boolean present(int c) {
    return c < present;
  }

  public boolean isNull(int c) {
    return serial[c] == 0;
  }

  /** An integer value (serial types 1-6, and the constants 0 and 1). */
  public boolean isInteger(int c) {
    return isIntegerType(serial[c]);
  }

  /** Whether serial type {@code s} is an integer's: 1-6, or the constants 0 and 1 (8 and 9). */
  private static boolean isIntegerType(long s) {
    return (s >= 1 && s <= 6) || s == 8 || s == 9;
  }

  public boolean isReal(int c) {
    return serial[c] == 7;
  }

  public boolean isText(int c) {
    return isTextType(serial[c]);
  }

  /** Whether serial type {@code s} is a text's: odd, from 13 up. */
  public static boolean isTextType(long s) {
    return s >= 13 && (s & 1) == 1;
  }

  /** The value of an integer column ({@link #isInteger}). */
  public long integer(int c) {
    return integerAt(b, at[c], serial[c]);
  }

  /** The value of a real column ({@link #isReal}). */
  public double real(int c) {
    return realAt(b, at[c]);
  }

  /** An integer or real value as a double. */
  public double number(int c) {
    return isReal(c) ? real(c) : integer(c);
  }

  /** The value of a text column ({@link #isText}), decoded as UTF-8. */
  public String text(int c) {
    return new String(b, at[c], textLength(c), StandardCharsets.UTF_8);
  }

  /** Whether a text column holds exactly these bytes. */
  public boolean textIs(int c, byte[] value) {
    int n = textLength(c);
    if (n != value.length) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (b[at[c] + k] != value[k]) {
        return false;
      }
    }
    return true;
  }

  private int textLength(int c) {
    return (int) ((serial[c] - 13) / 2);
  }

  /**
   * Bytes of a value of serial type {@code s}, or -1 for a type no value has (the reserved 10 and
   * 11, or a negative type from a corrupt nine-byte varint).
   */
  public static long valueSize(long s) {
    return s >= 0 && s < SIZE.length ? SIZE[(int) s] : s < 0 ? -1 : (s - 12) / 2;
  }

  /**
   * The integer of serial type {@code s} (1-6, 8 or 9) stored at {@code at}: big-endian, sign
   * extended, read in one eight-byte load where the buffer has room for it.
   */
  private static long integerAt(byte[] buf, int at, long s) {
    if (s >= 8) {
      return s - 8; // the constants 0 and 1 take no bytes
    }
    return longAt(buf, at) >> (64 - 8 * SIZE[(int) s]);
  }

  /**
   * The eight bytes at {@code at}, big-endian, in one load where the buffer has room for them;
   * bytes past the buffer's end read as 0. A value of fewer bytes is their top.
   */
  public static long longAt(byte[] buf, int at) {
    if (at + 8 <= buf.length) {
      return (long) BIG_ENDIAN_LONG.get(buf, at);
    }
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (at + k < buf.length ? buf[at + k] & 0xFF : 0);
    }
    return v;
  }

  /** The eight-byte IEEE float (serial type 7) stored at {@code at}. */
  private static double realAt(byte[] buf, int at) {
    return Double.longBitsToDouble((long) BIG_ENDIAN_LONG.get(buf, at));
  }

  /** SQLite's big-endian varint at {@code p[0]}; moves {@code p[0]} past it. */
  public static long varint(byte[] buf, int[] p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      int x = buf[p[0]++] & 0xFF;
      v = (v << 7) | (x & 0x7F);
      if (x < 0x80) {
        return v;
      }
    }
    return (v << 8) | (buf[p[0]++] & 0xFF);
  }
}
