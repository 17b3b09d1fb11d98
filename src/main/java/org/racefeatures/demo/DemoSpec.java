package org.racefeatures.demo;

/**
 * What a demo database should hold.
 *
 * @param races number of races, racecards included
 * @param seed seed of the random generator: the same spec always gives the same bytes
 * @param racecardDays how many of the last racing days are racecards (declared, not yet run)
 */
public record DemoSpec(int races, long seed, int racecardDays) {
  public static final int DEFAULT_RACES = 45_000;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_RACECARD_DAYS = 2;

  public DemoSpec {
    if (races < 1) {
      throw new IllegalArgumentException("races must be at least 1, got " + races);
    }
    if (racecardDays < 0) {
      throw new IllegalArgumentException("racecard days must not be negative, got " + racecardDays);
    }
  }

  public static DemoSpec defaults() {
    return new DemoSpec(DEFAULT_RACES, DEFAULT_SEED, DEFAULT_RACECARD_DAYS);
  }
}
