package org.racefeatures.load;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;

/**
 * The races of a database as Arrow columns, one row per race, in race-time order: sorted by
 * {@code (race_date, off_time, race_id)}. Row {@code i} is "race index" {@code i} everywhere else.
 *
 * <p>Runner rows of race {@code i} are rows {@code firstRunner(i)} (inclusive) to {@code
 * firstRunner(i + 1)} (exclusive) of the {@link RunnerTable}. Nullable columns are null where the
 * database holds NULL. {@code going} is a code into {@link #goingNames()}. Owns its vectors.
 */
public final class RaceTable implements AutoCloseable {
  private final BigIntVector raceId;
  private final BigIntVector courseId;
  private final IntVector day;
  private final IntVector minute;
  private final IntVector distance;
  private final IntVector going;
  private final IntVector raceClass;
  private final IntVector firstRunner;
  private final List<String> goingNames;

  RaceTable(BigIntVector raceId, BigIntVector courseId, IntVector day, IntVector minute,
      IntVector distance, IntVector going, IntVector raceClass, IntVector firstRunner,
      List<String> goingNames) {
    this.raceId = raceId;
    this.courseId = courseId;
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
    return raceId.getValueCount();
  }

  public long raceId(int race) {
    return raceId.get(race);
  }

  public long courseId(int race) {
    return courseId.get(race);
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
    try (raceId; courseId; day; minute; distance; going; raceClass; firstRunner) {
      // all closed by try-with-resources
    }
  }
}
