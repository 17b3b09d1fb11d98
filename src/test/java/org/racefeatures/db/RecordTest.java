package org.racefeatures.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordTest {
  @Test
  void splitsOneByteAndMultiByteSerialTypes() {
    String text = "x".repeat(100); // serial type 2 * 100 + 13 = 213: a two-byte varint
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] rec = new byte[1 + 1 + 2 + 1 + 2 + t.length];
    int i = 0;
    rec[i++] = 5; // header size: itself, 1 + 2 + 1 bytes of types
    rec[i++] = 2; // a 2-byte integer
    rec[i++] = (byte) (0x80 | (213 >>> 7));
    rec[i++] = (byte) (213 & 0x7F);
    rec[i++] = 8; // the constant 0
    rec[i++] = 0x01;
    rec[i++] = 0x02;
    System.arraycopy(t, 0, rec, i, t.length);
    Record r = new Record(4);
    assertTrue(r.parse(rec, 0, rec.length));
    assertEquals(0x0102, r.integer(0));
    assertEquals(text, r.text(1));
    assertEquals(0, r.integer(2));
    assertTrue(r.present(2) && !r.present(3) && r.isNull(3), "a column past the header reads as NULL");
  }

  @Test
  void aReservedSerialTypeIsMalformed() {
    byte[] rec = {2, 10};
    assertFalse(new Record(1).parse(rec, 0, rec.length));
  }

  @Test
  void aValueRunningPastTheRecordIsMalformed() {
    byte[] rec = {2, 6, 0, 0, 0}; // an 8-byte integer with 3 bytes left
    assertFalse(new Record(1).parse(rec, 0, rec.length));
  }

  @Test
  void aHugeOrNegativeSerialTypeIsMalformedNotAnError() {
    // A nine-byte varint whose value is negative as a long, then one whose value is huge.
    byte[] negative = {10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    assertFalse(new Record(1).parse(negative, 0, negative.length));
    byte[] huge = {10, (byte) 0x8F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, 0x7F};
    assertFalse(new Record(1).parse(huge, 0, huge.length));
  }

  @Test
  void integersOfEveryWidthReadTheSameAtTheBufferEndAndBeforeOtherBytes() {
    long[] values = {-2, 127, -129, 32_767, -8_388_609, 2_147_483_647L, -140_737_488_355_329L, Long.MIN_VALUE};
    int[] types = {1, 1, 2, 2, 4, 4, 6, 6};
    int[] sizes = {0, 1, 2, 3, 4, 6, 8};
    for (int k = 0; k < values.length; k++) {
      int size = sizes[types[k]];
      for (int padding : new int[] {0, 8}) { // at the very end of the buffer, or with bytes after it
        byte[] buf = new byte[2 + size + padding];
        java.util.Arrays.fill(buf, (byte) 0x5A);
        buf[0] = 2;
        buf[1] = (byte) types[k];
        for (int i = 0; i < size; i++) {
          buf[2 + i] = (byte) (values[k] >>> (8 * (size - 1 - i)));
        }
        Record r = new Record(1);
        assertTrue(r.parse(buf, 0, 2 + size));
        assertEquals(values[k], r.integer(0), values[k] + " with " + padding + " bytes after it");
      }
    }
  }
}
