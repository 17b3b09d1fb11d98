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
  private final long[] fingerprints;

  /**
   * @param fingerprints per race (in race-time order), a fingerprint of its input rows as read: equal
   *     for unchanged rows, different (but for a 2^-64 chance) when any value the catalogue reads changed
   */
  public RacingData(RaceTable races, RunnerTable runners, List<InvalidRow> skipped, long[] fingerprints) {
    if (fingerprints.length != races.size()) {
      throw new IllegalArgumentException(fingerprints.length + " fingerprints for " + races.size() + " races");
    }
    this.races = races;
    this.runners = runners;
    this.skipped = List.copyOf(skipped);
    this.fingerprints = fingerprints;
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

  /** The fingerprint of a race's input rows (race row and runner rows), for telling changed races. */
  public long fingerprint(int race) {
    return fingerprints[race];
  }

  /** A race's start as minutes since 1970-01-01 00:00 in its own local time, for ordering. */
  public long startMinute(int race) {
    return races.day(race) * 1440L + races.minute(race);
  }

  /**
   * Stops {@code pool} and waits until its threads have ended, however long their running tasks
   * take: a thread still reading or filling these tables' columns once they are closed would touch
   * freed memory (the columns live outside the Java heap). The caller's interrupt status is kept.
   */
  public static void stopThreads(java.util.concurrent.ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try (races;
        runners) {
      // closed by try-with-resources
    }
  }
}
