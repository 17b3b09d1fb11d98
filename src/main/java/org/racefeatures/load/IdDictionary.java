package org.racefeatures.load;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.racefeatures.model.Ids;

/**
 * Ids numbered 0, 1, 2... in the order first added; integers and texts apart. Integer ids within a
 * span given up front ({@link #expectIntegers}) are looked up in an array indexed by the id, the
 * rest in a hash map: the numbering is the same either way.
 */
final class IdDictionary {
  private final Long2IntOpenHashMap integers = new Long2IntOpenHashMap();
  private final Object2IntOpenHashMap<String> texts = new Object2IntOpenHashMap<>();
  private final List<Object> values = new ArrayList<>();
  /** Per key: the integer id, 0 for a text id (read in row order by the fingerprints: no boxed Long to follow). */
  private long[] integerIds = new long[1024];
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
    if (!values.isEmpty() || max < min || max - min >= Integer.MAX_VALUE - 8 || max - min < 0) {
      return;
    }
    direct = new int[(int) (max - min + 1)];
    java.util.Arrays.fill(direct, -1);
    directFrom = min;
  }

  int key(long id, boolean add) {
    long slot = id - directFrom;
    boolean inSpan = id >= directFrom && slot >= 0 && slot < direct.length;
    int key = inSpan ? direct[(int) slot] : integers.get(id);
    if (key < 0 && add) {
      key = values.size();
      values.add(id);
      if (key >= integerIds.length) { // text keys between leave their slots 0
        integerIds = java.util.Arrays.copyOf(integerIds, Math.max(2 * integerIds.length, key + 1));
      }
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
      key = values.size();
      values.add(id);
      texts.put(id, key);
    }
    return key < 0 ? -2 : key;
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
    return values.size();
  }

  Object value(int key) {
    return values.get(key);
  }

  /** The id of {@code key}, an integer one. */
  long integer(int key) {
    return integerIds[key];
  }

  Ids ids() {
    return new Ids(values);
  }
}
