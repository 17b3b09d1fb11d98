package org.racefeatures.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The distinct values of one id column, as stored: each an SQLite integer or an SQLite text. Key
 * {@code k} of the engine's columns is {@code value(k)}; two rows share a key exactly when their
 * ids are equal as SQLite compares values of one column (an integer never equals a text).
 * Immutable. Integer ids are held as primitive longs, not boxed: a file's millions of race ids
 * would otherwise cost a {@link Long} object each for the whole run.
 */
public final class Ids {
  /** Per key: the integer id; 0 for a text id. */
  private final long[] integers;
  /** Per key: the text id, null for an integer id; null itself when no id is text. */
  private final String[] texts;
  private final int size;
  private final boolean anyText;

  /**
   * The ids of keys {@code 0 .. size - 1}, taken as they are (not copied; the caller changes no entry
   * below {@code size} afterwards).
   *
   * @param integers per key the integer id (at least {@code size} entries)
   * @param texts per key the text id or null for an integer id; null when no id is text
   */
  public Ids(long[] integers, String[] texts, int size) {
    this.integers = integers;
    this.texts = texts;
    this.size = size;
    boolean text = false;
    for (int k = 0; texts != null && k < size && !text; k++) {
      text = texts[k] != null;
    }
    this.anyText = text;
  }

  /** The ids of {@code keys} in that order: key {@code i} of the result is {@code value(keys[i])}. */
  public Ids gather(int[] keys) {
    long[] ints = new long[keys.length];
    String[] t = texts == null ? null : new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ints[i] = integers[keys[i]];
      if (t != null) {
        t[i] = texts[keys[i]];
      }
    }
    return new Ids(ints, t, keys.length);
  }

  /** Number of distinct ids (keys are {@code 0 .. size() - 1}). */
  public int size() {
    return size;
  }

  /** The id of key {@code key}: a {@link Long} or a {@link String}. */
  public Object value(int key) {
    String text = text(key);
    return text != null ? text : (Object) integers[key];
  }

  /** The text id of key {@code key}, or null when it is an integer. */
  public String text(int key) {
    return texts == null ? null : texts[key];
  }

  /** The integer id of key {@code key}, which is not text. */
  public long integer(int key) {
    return integers[key];
  }

  /** The values as strings (for a dictionary of text only, such as going names). */
  public List<String> strings() {
    List<String> out = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      String text = text(k);
      if (text == null) {
        throw new IllegalStateException("id " + integers[k] + " is an integer, not text");
      }
      out.add(text);
    }
    return out;
  }

  /** Whether any id is stored as text (then exports write the column as strings). */
  public boolean anyText() {
    return anyText;
  }
}
