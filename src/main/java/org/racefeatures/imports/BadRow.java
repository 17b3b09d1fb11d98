package org.racefeatures.imports;

/** A CSV row that cannot be imported, located by file, line and column. */
public record BadRow(String file, long line, String column, String reason) {
  @Override
  public String toString() {
    return file + " line " + line + ", column " + column + ": " + reason;
  }
}
