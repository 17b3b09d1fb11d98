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
