package org.racefeatures.features;

/**
 * One output column of the catalogue: its name, type, section of {@code features.md} and one-line
 * definition. The definition is what {@code racefeatures features} prints.
 */
public record Feature(String name, ValueType type, String section, String definition) {
  public static Feature integer(String section, String name, String definition) {
    return new Feature(name, ValueType.INTEGER, section, definition);
  }

  public static Feature real(String section, String name, String definition) {
    return new Feature(name, ValueType.REAL, section, definition);
  }
}
