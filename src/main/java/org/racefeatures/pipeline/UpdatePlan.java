package org.racefeatures.pipeline;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;
import org.racefeatures.write.WrittenRace;

/**
 * What {@code generate --update} recomputes. A race is stale when it is new, its input's
 * fingerprint changed, or its rows were written by another catalogue or tool version; a written race
 * no longer in the input is gone. History makes every later race depend on earlier ones (horse,
 * jockey, trainer, rating), so the update recomputes every race that starts at or after the earliest
 * of: a stale race's start now, its start when written (a race moved later leaves the races it
 * passed), a gone race's start; and removes the table's rows of those races and of the gone ones.
 * Every earlier race keeps its rows: they are what a full regeneration writes, point in time.
 *
 * @param startMinute where recomputing starts (minutes since 1970-01-01 local time); {@link
 *     Long#MAX_VALUE} when nothing is stale or gone
 * @param races the races to compute, in race order
 */
public record UpdatePlan(int added, int changed, int resultsArrived, int otherVersion, int gone,
    long startMinute, int[] races) {

  /** The plan for the loaded input against the races the table holds. */
  public static UpdatePlan of(RacingData data, Map<Object, WrittenRace> written, String toolVersion) {
    int added = 0;
    int changed = 0;
    int resultsArrived = 0;
    int otherVersion = 0;
    long start = Long.MAX_VALUE;
    int n = data.races().size();
    Set<Object> present = new HashSet<>(n * 2);
    for (int race = 0; race < n; race++) {
      Object id = data.races().raceId(race);
      present.add(id);
      WrittenRace w = written.get(id);
      long now = data.startMinute(race);
      if (w == null) {
        added++;
      } else if (w.catalogueVersion() != FeatureCatalogue.VERSION || !toolVersion.equals(w.toolVersion())) {
        otherVersion++;
      } else if (w.fingerprint() == null || w.fingerprint() != data.fingerprint(race)) {
        changed++;
        if (w.racecard() && !isRacecard(data, race)) {
          resultsArrived++;
        }
      } else {
        continue;
      }
      start = Math.min(start, now);
      if (w != null) {
        start = Math.min(start, w.startMinute() == null ? Long.MIN_VALUE : w.startMinute());
      }
    }
    int gone = 0;
    for (Map.Entry<Object, WrittenRace> e : written.entrySet()) {
      if (!present.contains(e.getKey())) {
        gone++;
        Long then = e.getValue().startMinute();
        start = Math.min(start, then == null ? Long.MIN_VALUE : then);
      }
    }
    IntArrayList races = new IntArrayList();
    for (int race = 0; race < n; race++) {
      if (data.startMinute(race) >= start) {
        races.add(race);
      }
    }
    return new UpdatePlan(added, changed, resultsArrived, otherVersion, gone, start, races.toIntArray());
  }

  /** Whether a race has not been run: no runner has a result yet. */
  static boolean isRacecard(RacingData data, int race) {
    RunnerTable runners = data.runners();
    for (int r = data.races().firstRunner(race); r < data.races().endRunner(race); r++) {
      if (runners.status(r) != RunnerTable.STATUS_RACECARD) {
        return false;
      }
    }
    return true;
  }

  /** Whether the table is up to date: nothing to remove or recompute. */
  public boolean isEmpty() {
    return startMinute == Long.MAX_VALUE;
  }

  private static String races(int n) {
    return String.format("%,d race%s", n, n == 1 ? "" : "s");
  }

  /**
   * What the update found and will do, in one line.
   *
   * @param since when the table was last written (YYYY-MM-DD), or null
   */
  public String describe(int racesInInput, String since) {
    if (isEmpty()) {
      return String.format("nothing changed%s: all %,d races are up to date, nothing written",
          since == null ? "" : " since " + since, racesInInput);
    }
    StringBuilder b = new StringBuilder(races(changed)).append(" changed");
    if (since != null) {
      b.append(" since ").append(since);
    }
    if (resultsArrived > 0) {
      b.append(String.format(" (results arrived for %,d racecard%s)", resultsArrived, resultsArrived == 1 ? "" : "s"));
    }
    b.append(String.format(", %,d new, %,d gone", added, gone));
    if (otherVersion > 0) {
      b.append(", ").append(races(otherVersion)).append(" written by another catalogue or tool version");
    }
    b.append(": recomputing ").append(races(races.length));
    if (startMinute != Long.MIN_VALUE && races.length > 0) {
      LocalDateTime from = LocalDateTime.of(1970, 1, 1, 0, 0).plusMinutes(startMinute);
      b.append(" from ").append(from.toLocalDate()).append(' ').append(from.toLocalTime());
    }
    return b.toString();
  }
}
