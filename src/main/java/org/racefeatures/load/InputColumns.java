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
    final IdReader raceId = new IdReader("race_id", problems);
    final IdReader courseId = new IdReader("course_id", problems);
    final ColumnReader.Texts date = new ColumnReader.Texts("race_date", problems);
    final ColumnReader.Texts offTime = new ColumnReader.Texts("off_time", problems);
    final ColumnReader.Ints distance = int32("distance_m", problems);
    final ColumnReader.Texts going = new ColumnReader.Texts("going", problems);
    final ColumnReader.Texts surface = new ColumnReader.Texts("surface", problems);
    final ColumnReader.Texts raceType = new ColumnReader.Texts("race_type", problems);
    final ColumnReader.Ints raceClass = int32("race_class", problems);
    final ColumnReader.Doubles prize = new ColumnReader.Doubles("prize", problems);
    final List<ColumnReader> all =
        List.of(raceId, courseId, date, offTime, distance, going, surface, raceType, raceClass, prize);
    int size;
    /** The races' ids, key {@code i} for race {@code i} once {@link #encode}d and checked. */
    final IdDictionary raceIds = new IdDictionary();

    /** Numbers the ids read. */
    void encode() {
      raceId.encode(raceIds, size, true);
      courseId.encode(new IdDictionary(), size, true);
    }
  }

  /** The columns of {@code runners}. */
  static final class Runners {
    final List<ColumnReader.Problem> problems = new ArrayList<>();
    final ColumnReader.Longs runnerId =
        new ColumnReader.Longs("runner_id", problems);
    final IdReader raceId = new IdReader("race_id", problems);
    final IdReader horseId = new IdReader("horse_id", problems);
    final IdReader jockeyId = new IdReader("jockey_id", problems);
    final IdReader trainerId = new IdReader("trainer_id", problems);
    final ColumnReader.Ints draw = int32("draw", problems);
    final ColumnReader.Doubles weight = new ColumnReader.Doubles("weight_kg", problems);
    final ColumnReader.Ints age = int32("age", problems);
    final ColumnReader.Ints rating = int32("official_rating", problems);
    final ColumnReader.Doubles sp = new ColumnReader.Doubles("sp_decimal", problems);
    final StatusReader status = new StatusReader("status", problems);
    final ColumnReader.Ints position = int32("finish_position", problems);
    final ColumnReader.Doubles beaten = new ColumnReader.Doubles("beaten_lengths", problems);
    final List<ColumnReader> all;
    int size;

    Runners() {
      all = List.of(runnerId, raceId, horseId, jockeyId, trainerId, draw, weight, age, rating, sp, status,
          position, beaten);
    }

    /** Columns with room for {@code rows} rows. */
    Runners(int rows) {
      this();
      for (ColumnReader r : all) {
        r.ensureCapacity(Math.max(1, rows) + 1);
      }
    }

    /**
     * Readers for another part of these rows: they fill this one's arrays (sized for every row),
     * each part its own rows, and keep their own problems and counts until {@link #absorb}ed.
     */
    Runners part() {
      Runners part = new Runners();
      for (int c = 0; c < all.size(); c++) {
        part.all.get(c).share(all.get(c));
      }
      return part;
    }

    /** Takes over the problems and counts of a {@link #part} that has read its rows. */
    void absorb(Runners part) {
      problems.addAll(part.problems);
      for (int c = 0; c < all.size(); c++) {
        all.get(c).merge(part.all.get(c));
      }
    }

    /** Numbers the horses and jockeys read. */
    void encodeHorsesAndJockeys() {
      horseId.encode(new IdDictionary(), size, true);
      jockeyId.encode(new IdDictionary(), size, true);
    }

    /**
     * Numbers the trainers read, and looks race ids up among the races' (-2 where there is none);
     * independent of {@link #encodeHorsesAndJockeys}, so the two may run on two threads.
     */
    void encodeRacesAndTrainers(Races races) {
      raceId.encode(races.raceIds, size, false);
      trainerId.encode(new IdDictionary(), size, true);
    }
  }

  static List<String> names(List<ColumnReader> readers) {
    return readers.stream().map(r -> r.name).toList();
  }

  private static ColumnReader.Ints int32(String name, List<ColumnReader.Problem> problems) {
    return new ColumnReader.Ints(name, problems);
  }
}
