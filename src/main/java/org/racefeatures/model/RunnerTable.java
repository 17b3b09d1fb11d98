package org.racefeatures.model;

import org.apache.arrow.vector.TinyIntVector;

/**
 * The runner rows of a database as Arrow columns, grouped by race in race-time order and by {@code
 * runner_id} within a race (see {@link RaceTable#firstRunner}). Nullable columns are null where the
 * database holds NULL; {@code status} is one of the {@code STATUS_*} codes. Horses, jockeys and
 * trainers are dense keys into their {@link Ids}. Whole numbers and prices are held in the
 * narrowest width that keeps every value ({@link CompactInts}, {@link CompactDoubles}). Owns its
 * vectors.
 */
public final class RunnerTable implements AutoCloseable {
  /** {@code status} IS NULL: declared for a race not run yet. */
  public static final byte STATUS_RACECARD = 0;
  /** {@code status = 'FIN'}. */
  public static final byte STATUS_FINISHED = 1;
  /** {@code status = 'NR'}: withdrawn, never ran. */
  public static final byte STATUS_NON_RUNNER = 2;
  /** Any other status code: ran and did not finish. */
  public static final byte STATUS_DID_NOT_FINISH = 3;

  private final CompactInts runnerId;
  private final CompactInts horseKey;
  private final CompactInts jockeyKey;
  private final CompactInts trainerKey;
  private final Ids horseIds;
  private final int jockeys;
  private final int trainers;
  private final CompactInts draw;
  private final CompactDoubles weight;
  private final CompactInts age;
  private final CompactInts rating;
  private final CompactDoubles sp;
  private final TinyIntVector status;
  private final CompactInts position;
  private final CompactDoubles beaten;

  /**
   * @param horseIds the horses' ids (horse key {@code k} has {@code horseIds.value(k)})
   * @param jockeys number of distinct jockey keys
   * @param trainers number of distinct trainer keys
   */
  public RunnerTable(CompactInts runnerId, CompactInts horseKey, Ids horseIds,
      CompactInts jockeyKey, int jockeys, CompactInts trainerKey, int trainers, CompactInts draw,
      CompactDoubles weight, CompactInts age, CompactInts rating, CompactDoubles sp, TinyIntVector status,
      CompactInts position, CompactDoubles beaten) {
    this.runnerId = runnerId;
    this.horseKey = horseKey;
    this.horseIds = horseIds;
    this.jockeyKey = jockeyKey;
    this.jockeys = jockeys;
    this.trainerKey = trainerKey;
    this.trainers = trainers;
    this.draw = draw;
    this.weight = weight;
    this.age = age;
    this.rating = rating;
    this.sp = sp;
    this.status = status;
    this.position = position;
    this.beaten = beaten;
  }

  public int size() {
    return runnerId.size();
  }

  public long runnerId(int row) {
    return runnerId.get(row);
  }

  /** Dense key of the row's horse ({@code 0 .. horseIds().size() - 1}). */
  public int horseKey(int row) {
    return (int) horseKey.get(row);
  }

  /** The horses' ids as stored, by horse key. */
  public Ids horseIds() {
    return horseIds;
  }

  public boolean jockeyIsNull(int row) {
    return jockeyKey.isNull(row);
  }

  /** Dense key of the row's jockey ({@code 0 .. jockeys() - 1}); only valid where not null. */
  public int jockeyKey(int row) {
    return (int) jockeyKey.get(row);
  }

  public int jockeys() {
    return jockeys;
  }

  public boolean trainerIsNull(int row) {
    return trainerKey.isNull(row);
  }

  /** Dense key of the row's trainer ({@code 0 .. trainers() - 1}); only valid where not null. */
  public int trainerKey(int row) {
    return (int) trainerKey.get(row);
  }

  public int trainers() {
    return trainers;
  }

  public boolean drawIsNull(int row) {
    return draw.isNull(row);
  }

  public int draw(int row) {
    return (int) draw.get(row);
  }

  public boolean weightIsNull(int row) {
    return weight.isNull(row);
  }

  public double weight(int row) {
    return weight.get(row);
  }

  public boolean ageIsNull(int row) {
    return age.isNull(row);
  }

  public int age(int row) {
    return (int) age.get(row);
  }

  public boolean ratingIsNull(int row) {
    return rating.isNull(row);
  }

  public int rating(int row) {
    return (int) rating.get(row);
  }

  public boolean spIsNull(int row) {
    return sp.isNull(row);
  }

  public double sp(int row) {
    return sp.get(row);
  }

  public byte status(int row) {
    return status.get(row);
  }

  public boolean positionIsNull(int row) {
    return position.isNull(row);
  }

  public int position(int row) {
    return (int) position.get(row);
  }

  public boolean beatenIsNull(int row) {
    return beaten.isNull(row);
  }

  public double beaten(int row) {
    return beaten.get(row);
  }

  @Override
  public void close() {
    try (runnerId; horseKey; jockeyKey; trainerKey; draw; weight; age; rating; sp; status;
        position; beaten) {
      // all closed by try-with-resources
    }
  }
}
