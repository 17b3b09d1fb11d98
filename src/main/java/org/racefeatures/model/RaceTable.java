package org.racefeatures.model;

import java.util.List;
import org.apache.arrow.vector.IntVector;

/**
 * The races of a database as Arrow columns, one row per race, in race-time order: sorted by
 * {@code (race_date, off_time, race_id)}. Row {@code i} is "race index" {@code i} everywhere else.
 *
 * <p>Runner rows of race {@code i} are rows {@code firstRunner(i)} (inclusive) to {@code
 * firstRunner(i + 1)} (exclusive) of the {@link RunnerTable}. Ids are dense keys into their {@link
 * Ids} ({@code race_id}: the race index itself; {@code course_id}: a course key). Nullable columns
 * are null where the database holds NULL. {@code going} is a code into {@link #goingNames()}. Owns
 * its vectors.
 */
public final class RaceTable implements AutoCloseable {
  private final Ids raceIds;
  private final IntVector courseKey;
  private final int courses;
  private final IntVector day;
  private final IntVector minute;
  private final IntVector distance;
  private final IntVector going;
  private final IntVector raceClass;
  private final IntVector firstRunner;
  private final List<String> goingNames;

  /**
   * @param raceIds the race ids in race order (race index {@code i} has {@code raceIds.value(i)})
   * @param courses number of distinct course keys
   */
  public RaceTable(Ids raceIds, IntVector courseKey, int courses, IntVector day, IntVector minute,
      IntVector distance, IntVector going, IntVector raceClass, IntVector firstRunner,
      List<String> goingNames) {
    this.raceIds = raceIds;
    this.courseKey = courseKey;
    this.courses = courses;
    this.day = day;
    this.minute = minute;
    this.distance = distance;
    this.going = going;
    this.raceClass = raceClass;
    this.firstRunner = firstRunner;
    this.goingNames = List.copyOf(goingNames);
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
    return courses;
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

  public boolean goingIsNull(int race) {
    return going.isNull(race);
  }

  /** Going code, equal codes for equal {@code going} strings; only valid where not null. */
  public int going(int race) {
    return going.get(race);
  }

  public List<String> goingNames() {
    return goingNames;
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

  @Override
  public void close() {
    try (courseKey; day; minute; distance; going; raceClass; firstRunner) {
      // all closed by try-with-resources
    }
  }
}
