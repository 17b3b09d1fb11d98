package org.racefeatures.load;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * The runner rows of a database as Arrow columns, grouped by race in race-time order and by {@code
 * runner_id} within a race (see {@link RaceTable#firstRunner}). Nullable columns are null where the
 * database holds NULL; {@code status} is one of the {@code STATUS_*} codes. Owns its vectors.
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

  private final BigIntVector runnerId;
  private final IntVector race;
  private final BigIntVector horseId;
  private final BigIntVector jockeyId;
  private final BigIntVector trainerId;
  private final IntVector draw;
  private final Float8Vector weight;
  private final IntVector age;
  private final IntVector rating;
  private final Float8Vector sp;
  private final TinyIntVector status;
  private final IntVector position;
  private final Float8Vector beaten;

  RunnerTable(BigIntVector runnerId, IntVector race, BigIntVector horseId, BigIntVector jockeyId,
      BigIntVector trainerId, IntVector draw, Float8Vector weight, IntVector age, IntVector rating,
      Float8Vector sp, TinyIntVector status, IntVector position, Float8Vector beaten) {
    this.runnerId = runnerId;
    this.race = race;
    this.horseId = horseId;
    this.jockeyId = jockeyId;
    this.trainerId = trainerId;
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
    return runnerId.getValueCount();
  }

  public long runnerId(int row) {
    return runnerId.get(row);
  }

  /** Race index (row of the {@link RaceTable}) of this runner row. */
  public int race(int row) {
    return race.get(row);
  }

  public long horseId(int row) {
    return horseId.get(row);
  }

  public boolean jockeyIsNull(int row) {
    return jockeyId.isNull(row);
  }

  public long jockeyId(int row) {
    return jockeyId.get(row);
  }

  public boolean trainerIsNull(int row) {
    return trainerId.isNull(row);
  }

  public long trainerId(int row) {
    return trainerId.get(row);
  }

  public boolean drawIsNull(int row) {
    return draw.isNull(row);
  }

  public int draw(int row) {
    return draw.get(row);
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
    return age.get(row);
  }

  public boolean ratingIsNull(int row) {
    return rating.isNull(row);
  }

  public int rating(int row) {
    return rating.get(row);
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
    return position.get(row);
  }

  public boolean beatenIsNull(int row) {
    return beaten.isNull(row);
  }

  public double beaten(int row) {
    return beaten.get(row);
  }

  @Override
  public void close() {
    try (runnerId; race; horseId; jockeyId; trainerId; draw; weight; age; rating; sp; status;
        position; beaten) {
      // all closed by try-with-resources
    }
  }
}
