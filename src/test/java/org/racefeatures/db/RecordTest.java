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
}
