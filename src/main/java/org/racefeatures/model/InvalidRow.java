package org.racefeatures.model;

/**
 * One reason a row breaks the input contract of {@code docs/features.md}.
 *
 * @param table {@code races} or {@code runners}
 * @param id the row's {@code race_id} or {@code runner_id} as stored ({@link Long} or {@link
 *     String}), or null when the key itself is NULL
 * @param column the column at fault
 * @param reason what is wrong, with the value found
 * @param raceId the race the row belongs to (the race that a skip leaves out), or {@code null} when
 *     the row names no existing race
 */
public record InvalidRow(String table, Object id, String column, String reason, Object raceId) {
  @Override
  public String toString() {
    String key = table.equals("races") ? "race_id" : "runner_id";
    return table + " row " + key + "=" + show(id) + ", column " + column + ": " + reason;
  }

  /** An id as SQL would write it: text quoted, NULL as NULL. */
  public static String show(Object id) {
    return id == null ? "NULL" : id instanceof String s ? "'" + s + "'" : id.toString();
  }
}
