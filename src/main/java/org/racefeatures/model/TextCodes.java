package org.racefeatures.model;

import java.util.List;
import org.apache.arrow.vector.IntVector;

/**
 * A text column of the races dictionary-encoded: per race a code into {@link #names()}, equal codes
 * for equal strings, null where the database holds NULL. Owns its vector.
 */
public final class TextCodes implements AutoCloseable {
  private final IntVector codes;
  private final List<String> names;

  public TextCodes(IntVector codes, List<String> names) {
    this.codes = codes;
    this.names = List.copyOf(names);
  }

  public boolean isNull(int race) {
    return codes.isNull(race);
  }

  /** The code of the race's value; only valid where not null. */
  public int code(int race) {
    return codes.get(race);
  }

  /** The race's value as stored, or null. */
  public String value(int race) {
    return codes.isNull(race) ? null : names.get(codes.get(race));
  }

  /** The distinct values, by code. */
  public List<String> names() {
    return names;
  }

  @Override
  public void close() {
    codes.close();
  }
}
