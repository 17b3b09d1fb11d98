package org.racefeatures.features;

/** The SQL type of an output column, as {@code features.md} names it. */
public enum ValueType {
  /** 64-bit integer ({@code int} in the catalogue). */
  INTEGER,
  /** 64-bit float ({@code real} in the catalogue). */
  REAL,
  /** Text; only the {@code race_date} key. */
  TEXT;

  /** The type's name in {@code features.md}. */
  public String catalogueName() {
    return switch (this) {
      case INTEGER -> "int";
      case REAL -> "real";
      case TEXT -> "text";
    };
  }
}
