package org.racefeatures.model;

import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;

/**
 * The races of a database as Arrow columns, one row per race, in race-time order: sorted by
 * {@code (race_date, off_time, race_id)}. Row {@code i} is "race index" {@code i} everywhere else.
 *
 * <p>Runner rows of race {@code i} are rows {@code firstRunner(i)} (inclusive) to {@code
 * firstRunner(i + 1)} (exclusive) of the {@link RunnerTable}. Ids are dense keys into their {@link
 * Ids} ({@code race_id}: the race index itself; {@code course_id}: a course key). Nullable columns
 * are null where the database holds NULL. {@code going}, {@code surface} and {@code race_type} are
 * {@link TextCodes}. Owns its vectors.
 */
public final class RaceTable implements AutoCloseable {
  private final Ids raceIds;
  private final IntVector courseKey;
  private final Ids courseIds;
  private final IntVector day;
  private final IntVector minute;
  private final IntVector distance;
  private final TextCodes going;
  private final TextCodes surface;
  private final TextCodes raceType;
  private final IntVector raceClass;
  private final Float8Vector prize;
  private final IntVector firstRunner;

  /**
   * @param raceIds the race ids in race order (race index {@code i} has {@code raceIds.value(i)})
   * @param courseIds the course ids by course key
   */
  public RaceTable(Ids raceIds, IntVector courseKey, Ids courseIds, IntVector day, IntVector minute,
      IntVector distance, TextCodes going, TextCodes surface, TextCodes raceType, IntVector raceClass,
      Float8Vector prize, IntVector firstRunner) {
    this.raceIds = raceIds;
    this.courseKey = courseKey;
    this.courseIds = courseIds;
    this.day = day;
    this.minute = minute;
    this.distance = distance;
    this.going = going;
    this.surface = surface;
    this.raceType = raceType;
    this.raceClass = raceClass;
    this.prize = prize;
    this.firstRunner = firstRunner;
  }

  /** Number of races. */
  public int size() {
    return day.getValueCount();
  }

  /** The race's {@code race_id} as stored: a {@link Long} or a {@link String}. */
  public Object raceId(int race) {
    return raceIds.value(race);
  }

  /** The race ids, race index {@code i} at key {@code i}. */
  public Ids raceIds() {
    return raceIds;
  }

  /** Dense key of the race's course ({@code 0 .. courses() - 1}), equal keys for equal course_id. */
  public int courseKey(int race) {
    return courseKey.get(race);
  }

  /** Number of distinct courses. */
  public int courses() {
    return courseIds.size();
  }

  /** The course ids as stored, by course key. */
  public Ids courseIds() {
    return courseIds;
  }

  /** Days since 1970-01-01 of the race date. */
  public int day(int race) {
    return day.get(race);
  }

  /** Minutes after midnight of the off time. */
  public int minute(int race) {
    return minute.get(race);
  }

  public int distance(int race) {
    return distance.get(race);
  }

  /** {@code going}, as text codes. */
  public TextCodes going() {
    return going;
  }

  /** {@code surface}, as text codes. */
  public TextCodes surface() {
    return surface;
  }

  /** {@code race_type}, as text codes. */
  public TextCodes raceType() {
    return raceType;
  }

  public boolean prizeIsNull(int race) {
    return prize.isNull(race);
  }

  public double prize(int race) {
    return prize.get(race);
  }

  public boolean classIsNull(int race) {
    return raceClass.isNull(race);
  }

  public int raceClass(int race) {
    return raceClass.get(race);
  }

  public int firstRunner(int race) {
    return firstRunner.get(race);
  }

  /** One past the last runner row of the race. */
  public int endRunner(int race) {
    return firstRunner.get(race + 1);
  }

  /**
   * The race of runner row {@code row}, by binary search of the races' first rows: the runner rows
   * keep no race column (4 bytes a row), since only a few lookups need it.
   */
  public int raceOf(int row) {
    if (row < 0 || row >= firstRunner.get(size())) {
      throw new IndexOutOfBoundsException("runner row " + row + " of " + firstRunner.get(size()));
    }
    int lo = 0;
    int hi = size() - 1; // the last race whose first row is at most row
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (firstRunner.get(mid) <= row) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  @Override
  public void close() {
    try (courseKey; day; minute; distance; going; surface; raceType; raceClass; prize; firstRunner) {
      // all closed by try-with-resources
    }
  }
}
