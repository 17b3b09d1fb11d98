package org.racefeatures.load;

/**
 * One reason a row breaks the input contract of {@code features.md}.
 *
 * @param table {@code races} or {@code runners}
 * @param id the row's {@code race_id} or {@code runner_id}
 * @param column the column at fault
 * @param reason what is wrong, with the value found
 * @param raceId the race the row belongs to (the race that a skip leaves out), or {@code null} when
 *     the row names no existing race
 */
public record InvalidRow(String table, long id, String column, String reason, Long raceId) {
  @Override
  public String toString() {
    String key = table.equals("races") ? "race_id" : "runner_id";
    return table + " row " + key + "=" + id + ", column " + column + ": " + reason;
  }
}
