package org.racefeatures.features;

/** The SQL type of an output column, as {@code docs/features.md} names it. */
public enum ValueType {
  /** 64-bit integer ({@code int} in the catalogue). */
  INTEGER,
  /** 64-bit float ({@code real} in the catalogue). */
  REAL,
  /** Text; only the {@code race_date} key (exported as a date). */
  TEXT,
  /** A category as stored, text ({@code going}, {@code surface}, {@code race_type}). */
  CATEGORY,
  /** An id as the input stores it: an integer or text ({@code race_id}, {@code horse_id}). */
  ID;

  /** The type's name in {@code docs/features.md}. */
  public String catalogueName() {
    return switch (this) {
      case INTEGER -> "int";
      case REAL -> "real";
      case TEXT, CATEGORY -> "text";
      case ID -> "id (integer or text, as stored)";
    };
  }

  /**
   * The column's declared type in SQLite. An id has none, so the column has no affinity and keeps
   * each value as stored (a declared INTEGER would turn the text {@code '123'} into 123).
   */
  public String sqlType() {
    return switch (this) {
      case ID -> "";
      case CATEGORY -> "TEXT";
      default -> name();
    };
  }
}
