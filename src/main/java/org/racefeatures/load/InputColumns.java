package org.racefeatures.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The input columns of {@code schema.sql} as read, one {@link ColumnReader} each, with the values
 * that do not fit their column collected as problems. Ids may be integers or text; every other
 * integer must fit the engine's 32-bit columns.
 */
final class InputColumns {
  private InputColumns() {}

  /** The columns of {@code races}. */
  static final class Races {
    final List<ColumnReader.Problem> problems = new ArrayList<>();
    final ColumnReader.Keys raceId = new ColumnReader.Keys("race_id", problems);
    final ColumnReader.Keys courseId = new ColumnReader.Keys("course_id", problems);
    final ColumnReader.Texts date = new ColumnReader.Texts("race_date", problems);
    final ColumnReader.Texts offTime = new ColumnReader.Texts("off_time", problems);
    final ColumnReader.Longs distance = int32("distance_m", problems);
    final ColumnReader.Texts going = new ColumnReader.Texts("going", problems);
    final ColumnReader.Longs raceClass = int32("race_class", problems);
    final List<ColumnReader> all = List.of(raceId, courseId, date, offTime, distance, going, raceClass);
    int size;
  }

  /** The columns of {@code runners}; {@code race_id} is looked up among the races read before. */
  static final class Runners {
    final List<ColumnReader.Problem> problems = new ArrayList<>();
    final ColumnReader.Longs runnerId =
        new ColumnReader.Longs("runner_id", problems, Long.MIN_VALUE, Long.MAX_VALUE);
    final ColumnReader.Keys raceId;
    final ColumnReader.Keys horseId = new ColumnReader.Keys("horse_id", problems);
    final ColumnReader.Keys jockeyId = new ColumnReader.Keys("jockey_id", problems);
    final ColumnReader.Keys trainerId = new ColumnReader.Keys("trainer_id", problems);
    final ColumnReader.Longs draw = int32("draw", problems);
    final ColumnReader.Doubles weight = new ColumnReader.Doubles("weight_kg", problems);
    final ColumnReader.Longs age = int32("age", problems);
    final ColumnReader.Longs rating = int32("official_rating", problems);
    final ColumnReader.Doubles sp = new ColumnReader.Doubles("sp_decimal", problems);
    final ColumnReader.Statuses status = new ColumnReader.Statuses("status", problems);
    final ColumnReader.Longs position = int32("finish_position", problems);
    final ColumnReader.Doubles beaten = new ColumnReader.Doubles("beaten_lengths", problems);
    final List<ColumnReader> all;
    int size;

    Runners(Races races) {
      raceId = new ColumnReader.Keys("race_id", problems, races.raceId);
      all = List.of(runnerId, raceId, horseId, jockeyId, trainerId, draw, weight, age, rating, sp, status,
          position, beaten);
    }
  }

  static List<String> names(List<ColumnReader> readers) {
    return readers.stream().map(r -> r.name).toList();
  }

  private static ColumnReader.Longs int32(String name, List<ColumnReader.Problem> problems) {
    return new ColumnReader.Longs(name, problems, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }
}
