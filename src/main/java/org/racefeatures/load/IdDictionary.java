package org.racefeatures.load;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import org.racefeatures.model.Ids;

/** Ids numbered 0, 1, 2... in the order first added; integers and texts apart. */
final class IdDictionary {
  private final Long2IntOpenHashMap integers = new Long2IntOpenHashMap();
  private final Object2IntOpenHashMap<String> texts = new Object2IntOpenHashMap<>();
  private final List<Object> values = new ArrayList<>();

  IdDictionary() {
    integers.defaultReturnValue(-1);
    texts.defaultReturnValue(-1);
  }

  int key(long id, boolean add) {
    int key = integers.get(id);
    if (key < 0 && add) {
      key = values.size();
      values.add(id);
      integers.put(id, key);
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

  Ids ids() {
    return new Ids(values);
  }
}
