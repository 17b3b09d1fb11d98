package org.racefeatures.features;

/**
 * One output column of the catalogue: its name, type, section, one-line definition, when it is
 * NULL, and whether it is known only at the off (derived from the starting price, which exists only
 * when the race starts: a model that predicts before the off must leave it out). This is what
 * {@code racefeatures features} prints and {@code docs/features.md} holds.
 */
public record Feature(String name, ValueType type, String section, String definition, String nullRule,
    boolean knownAtOff) {
  public Feature(String name, ValueType type, String section, String definition) {
    this(name, type, section, definition, "", false);
  }

  public static Feature integer(String section, String name, String definition) {
    return new Feature(name, ValueType.INTEGER, section, definition);
  }

  public static Feature real(String section, String name, String definition) {
    return new Feature(name, ValueType.REAL, section, definition);
  }

  /** This feature, with when it is NULL ("never (0 without history)", "NULL where draw is NULL"). */
  public Feature nulls(String rule) {
    return new Feature(name, type, section, definition, rule, knownAtOff);
  }

  /** This feature, marked as known only at the off (from the starting price). */
  public Feature atTheOff() {
    return new Feature(name, type, section, definition, nullRule, true);
  }
}
