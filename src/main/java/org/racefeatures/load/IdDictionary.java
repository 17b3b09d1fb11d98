package org.racefeatures.load;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import org.racefeatures.model.Ids;

/**
 * Ids numbered 0, 1, 2... in the order first added; integers and texts apart. Integer ids within a
 * span given up front ({@link #expectIntegers}) are looked up in an array indexed by the id, the
 * rest in a hash map: the numbering is the same either way.
 */
final class IdDictionary {
  private final Long2IntOpenHashMap integers = new Long2IntOpenHashMap();
  private final Object2IntOpenHashMap<String> texts = new Object2IntOpenHashMap<>();
  private int size;
  /** Per key: the integer id, 0 for a text id (primitive: no boxed Long per id for the run to keep). */
  private long[] integerIds = new long[1024];
  /** Per key: the text id, null for an integer id; null itself until a text id is added. */
  private String[] textIds;
  /** Per integer id {@code directFrom + i}: its key, or -1; empty when no span was given. */
  private int[] direct = new int[0];
  private long directFrom;

  IdDictionary() {
    integers.defaultReturnValue(-1);
    texts.defaultReturnValue(-1);
  }

  /**
   * Looks integer ids from {@code min} to {@code max} up by array index from now on (4 bytes per id
   * of the span, against a hash probe that misses the cache for a file's hundreds of thousands of
   * horses). Only while the dictionary is empty, so that no id is in both the array and the map.
   */
  void expectIntegers(long min, long max) {
    if (size != 0 || max < min || max - min >= Integer.MAX_VALUE - 8 || max - min < 0) {
      return;
    }
    direct = new int[(int) (max - min + 1)];
    Arrays.fill(direct, -1);
    directFrom = min;
  }

  int key(long id, boolean add) {
    long slot = id - directFrom;
    boolean inSpan = id >= directFrom && slot >= 0 && slot < direct.length;
    int key = inSpan ? direct[(int) slot] : integers.get(id);
    if (key < 0 && add) {
      key = newKey();
      integerIds[key] = id;
      if (inSpan) {
        direct[(int) slot] = key;
      } else {
        integers.put(id, key);
      }
    }
    return key < 0 ? -2 : key;
  }

  int key(String id, boolean add) {
    int key = texts.getInt(id);
    if (key < 0 && add) {
      key = newKey();
      if (textIds == null) {
        textIds = new String[integerIds.length];
      }
      textIds[key] = id;
      texts.put(id, key);
    }
    return key < 0 ? -2 : key;
  }

  /** The next key, with room for its id in both arrays (integer ids of text keys stay 0). */
  private int newKey() {
    int key = size++;
    if (key >= integerIds.length) {
      integerIds = Arrays.copyOf(integerIds, Math.max(2 * integerIds.length, key + 1));
      textIds = textIds == null ? null : Arrays.copyOf(textIds, integerIds.length);
    }
    return key;
  }

  /** Whether any id is text. */
  boolean anyText() {
    return !texts.isEmpty();
  }

  /**
   * Whether two text ids could be equal under one of SQLite's built-in collations while differing
   * in their text: NOCASE folds ASCII letters, RTRIM ignores trailing spaces. False when no two
   * texts are equal with both applied, so no collation can merge them.
   */
  boolean textsMayCollide() {
    java.util.HashSet<String> folded = new java.util.HashSet<>(texts.size() * 2);
    for (String id : texts.keySet()) {
      if (!folded.add(foldAscii(id))) {
        return true;
      }
    }
    return false;
  }

  private static String foldAscii(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    char[] out = new char[end];
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      out[i] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    return new String(out);
  }

  int size() {
    return size;
  }

  /** The id of {@code key}: a Long or a String. */
  Object value(int key) {
    return textIds != null && textIds[key] != null ? textIds[key] : (Object) integerIds[key];
  }

  /** The id of {@code key}, an integer one. */
  long integer(int key) {
    return integerIds[key];
  }

  Ids ids() {
    return new Ids(integerIds, textIds, size);
  }
}
