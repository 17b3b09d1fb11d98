package org.racefeatures.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dictionary's numbering: the same whether integer ids are looked up by index or by hash. */
class IdDictionaryTest {
  /** Keys of {@code ids} added in order, then of {@code lookups} without adding, texts among them. */
  private static List<Integer> keys(IdDictionary d, long[] ids, long[] lookups) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      out.add(d.key(ids[i], true));
      if (i % 7 == 0) {
        out.add(d.key("id " + ids[i], true));
      }
    }
    for (long id : lookups) {
      out.add(d.key(id, false));
    }
    for (int key = 0; key < d.size(); key++) {
      out.add(d.value(key).hashCode());
    }
    return out;
  }

  @Test
  void idsInsideAndOutsideTheExpectedSpanGetTheKeysTheHashAloneGives() {
    Random r = new Random(7);
    long[] ids = new long[5_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = switch (i % 10) {
        case 0 -> Long.MIN_VALUE + r.nextInt(3);
        case 1 -> Long.MAX_VALUE - r.nextInt(3);
        case 2 -> 1_000 + r.nextInt(50); // just past the span's end
        case 3 -> -r.nextInt(50); // before it
        default -> 1 + r.nextInt(999); // within 1..999
      };
    }
    long[] lookups = {0, 1, 999, 1_000, 5_000_000, Long.MIN_VALUE, Long.MAX_VALUE, -1, 500};
    IdDictionary plain = new IdDictionary();
    IdDictionary spanned = new IdDictionary();
    spanned.expectIntegers(1, 999);
    assertEquals(keys(plain, ids, lookups), keys(spanned, ids, lookups));
  }

  @Test
  void aSpanGivenAfterTheFirstIdOrTooWideIsIgnoredAndTheNumberingHolds() {
    IdDictionary late = new IdDictionary();
    assertEquals(0, late.key(50, true));
    late.expectIntegers(0, 100); // not empty: ignored, 50 stays in the map
    assertEquals(0, late.key(50, true));
    assertEquals(1, late.key(60, true));
    assertEquals(-2, late.key(70, false));

    IdDictionary wide = new IdDictionary();
    wide.expectIntegers(Long.MIN_VALUE, Long.MAX_VALUE);
    assertEquals(0, wide.key(Long.MIN_VALUE, true));
    assertEquals(1, wide.key(Long.MAX_VALUE, true));
    assertEquals(0, wide.key(Long.MIN_VALUE, false));
  }
}
