package org.racefeatures.export;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an export must know of the rows before it writes the first one: which id columns hold text
 * (they are written as strings, every id of the column as its text), and the distinct values of the
 * categorical columns, which Arrow IPC files hold dictionary-encoded ({@code going}, {@code surface},
 * {@code race_type}, and {@code course_id} where it holds text). Immutable.
 */
public final class Dictionaries {
  private final Set<String> textIds;
  private final Map<String, List<String>> values;

  /**
   * @param textIds the id columns that hold text
   * @param values per dictionary-encoded column, its distinct non-NULL values (any order; kept sorted)
   */
  public Dictionaries(Set<String> textIds, Map<String, ? extends Collection<String>> values) {
    this.textIds = Set.copyOf(textIds);
    Map<String, List<String>> sorted = new LinkedHashMap<>();
    values.forEach((column, v) -> sorted.put(column, List.copyOf(new TreeSet<>(v))));
    this.values = java.util.Collections.unmodifiableMap(sorted);
  }

  /** No dictionary-encoded column: every column plain, the given id columns as strings. */
  public static Dictionaries none(Set<String> textIds) {
    return new Dictionaries(textIds, Map.of());
  }

  /** The same text ids, no dictionary-encoded column (for files other than Arrow IPC). */
  Dictionaries plain() {
    return none(textIds);
  }

  /** The id columns written as strings. */
  public Set<String> textIds() {
    return textIds;
  }

  /** Whether Arrow IPC holds the column dictionary-encoded. */
  boolean encodes(String column) {
    return values.containsKey(column);
  }

  /** The distinct values of a dictionary-encoded column, sorted: the dictionary, index by index. */
  List<String> values(String column) {
    return values.get(column);
  }
}
