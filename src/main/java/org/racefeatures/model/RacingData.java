package org.racefeatures.model;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything the feature engine reads, loaded once: races and runner rows as Arrow columns, in
 * race-time order. Races found invalid and skipped at load time are absent from both tables, so
 * their runs are in no history; they are listed in {@link #skipped()}.
 */
public final class RacingData implements AutoCloseable {
  private final RaceTable races;
  private final RunnerTable runners;
  private final List<InvalidRow> skipped;
  private final String[] dateText;

  public RacingData(RaceTable races, RunnerTable runners, List<InvalidRow> skipped) {
    this.races = races;
    this.runners = runners;
    this.skipped = List.copyOf(skipped);
    this.dateText = new String[races.size()];
    for (int i = 0; i < dateText.length; i++) {
      // Races are in time order, so a day's races are adjacent: one string per day, shared.
      boolean sameDay = i > 0 && races.day(i) == races.day(i - 1);
      dateText[i] = sameDay ? dateText[i - 1] : LocalDate.ofEpochDay(races.day(i)).toString();
    }
  }

  public RaceTable races() {
    return races;
  }

  public RunnerTable runners() {
    return runners;
  }

  /** Invalid rows whose races were left out (empty unless invalid races were skipped). */
  public List<InvalidRow> skipped() {
    return skipped;
  }

  /** {@code race_date} of a race as ISO text. */
  public String raceDate(int race) {
    return dateText[race];
  }

  @Override
  public void close() {
    try (races;
        runners) {
      // closed by try-with-resources
    }
  }
}
