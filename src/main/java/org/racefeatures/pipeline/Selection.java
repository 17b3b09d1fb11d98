package org.racefeatures.pipeline;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.LocalDate;
import org.racefeatures.model.RaceTable;

/**
 * Which races a run computes: races in {@code (race time, race_id)} order, filtered by date
 * (inclusive), then {@code offset} skipped and {@code limit} taken. History always comes from the
 * whole database, whatever is selected.
 *
 * @param from first race date, or null
 * @param to last race date, or null
 * @param offset races to skip after the date filter
 * @param limit races to take after the offset, or null for all
 */
public record Selection(LocalDate from, LocalDate to, int offset, Integer limit) {
  public static final Selection ALL = new Selection(null, null, 0, null);

  public Selection {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
  }

  /** The selected race indexes, in race order. */
  public int[] select(RaceTable races) {
    long fromDay = from == null ? Long.MIN_VALUE : from.toEpochDay();
    long toDay = to == null ? Long.MAX_VALUE : to.toEpochDay();
    IntArrayList out = new IntArrayList();
    int skipped = 0;
    for (int i = 0; i < races.size(); i++) {
      int day = races.day(i);
      if (day < fromDay || day > toDay) {
        continue;
      }
      if (skipped < offset) {
        skipped++;
        continue;
      }
      if (limit != null && out.size() >= limit) {
        break;
      }
      out.add(i);
    }
    return out.toIntArray();
  }

  @Override
  public String toString() {
    return "from=" + (from == null ? "-" : from) + " to=" + (to == null ? "-" : to) + " offset=" + offset
        + " limit=" + (limit == null ? "-" : limit);
  }
}
