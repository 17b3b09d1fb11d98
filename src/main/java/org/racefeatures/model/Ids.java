package org.racefeatures.model;

import java.util.List;

/**
 * The distinct values of one id column, as stored: each a {@link Long} (an SQLite integer) or a
 * {@link String} (SQLite text). Key {@code k} of the engine's columns is {@code value(k)}; two rows
 * share a key exactly when their ids are equal as SQLite compares values of one column (an integer
 * never equals a text). Immutable.
 */
public final class Ids {
  private final Object[] values;
  private final boolean anyText;

  public Ids(List<Object> values) {
    this.values = values.toArray();
    boolean text = false;
    for (Object v : this.values) {
      if (!(v instanceof Long) && !(v instanceof String)) {
        throw new IllegalArgumentException("an id is a Long or a String, not " + v);
      }
      text |= v instanceof String;
    }
    this.anyText = text;
  }

  /** Number of distinct ids (keys are {@code 0 .. size() - 1}). */
  public int size() {
    return values.length;
  }

  /** The id of key {@code key}: a {@link Long} or a {@link String}. */
  public Object value(int key) {
    return values[key];
  }

  /** The values as strings (for a dictionary of text only, such as going names). */
  public List<String> strings() {
    return java.util.Arrays.stream(values).map(String.class::cast).toList();
  }

  /** Whether any id is stored as text (then exports write the column as strings). */
  public boolean anyText() {
    return anyText;
  }
}
