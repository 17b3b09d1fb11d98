package org.racefeatures.load;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The input columns of {@code schema.sql} as read, one {@link ColumnReader} each, with the values
 * that do not fit their column collected as problems. Ids may be integers or text; every other
 * integer must fit the engine's 32-bit columns.
 */
final class InputColumns {
  private InputColumns() {}

  /** The columns of {@code races}. */
  static final class Races implements AutoCloseable {
    final List<ColumnReader.Problem> problems = new ArrayList<>();
    final IdReader raceId;
    final IdReader courseId;
    final TextReader date = new TextReader("race_date", problems);
    final TextReader offTime = new TextReader("off_time", problems);
    final ColumnReader.Ints distance;
    final TextReader going = new TextReader("going", problems);
    final TextReader surface = new TextReader("surface", problems);
    final TextReader raceType = new TextReader("race_type", problems);
    final ColumnReader.Ints raceClass;
    final ColumnReader.Doubles prize;
    final List<ColumnReader> all;
    int size;
    /** The races' ids, key {@code i} for race {@code i} once {@link #encode}d and checked. */
    final IdDictionary raceIds = new IdDictionary();

    /** @param allocator for the number columns, freed by {@link #close} */
    Races(BufferAllocator allocator) {
      raceId = new IdReader("race_id", problems, allocator);
      courseId = new IdReader("course_id", problems, allocator);
      distance = new ColumnReader.Ints("distance_m", problems, allocator);
      raceClass = new ColumnReader.Ints("race_class", problems, allocator);
      prize = new ColumnReader.Doubles("prize", problems, allocator);
      all = List.of(raceId, courseId, date, offTime, distance, going, surface, raceType, raceClass, prize);
    }

    /** Numbers the ids read. */
    void encode() {
      raceId.encode(raceIds, size, true);
      courseId.encode(new IdDictionary(), size, true);
    }

    @Override
    public void close() {
      all.forEach(ColumnReader::close);
    }
  }

  /** The columns of {@code runners}. */
  static final class Runners implements AutoCloseable {
    final List<ColumnReader.Problem> problems = new ArrayList<>();
    final ColumnReader.Longs runnerId;
    final IdReader raceId;
    final IdReader horseId;
    final IdReader jockeyId;
    final IdReader trainerId;
    final ColumnReader.Ints draw;
    final ColumnReader.Doubles weight;
    final ColumnReader.Ints age;
    final ColumnReader.Ints rating;
    final ColumnReader.Doubles sp;
    final StatusReader status;
    final ColumnReader.Ints position;
    final ColumnReader.Doubles beaten;
    final List<ColumnReader> all;
    private final BufferAllocator allocator;
    int size;

    /** @param allocator for the columns, freed by {@link #close} (but for vectors taken from them) */
    Runners(BufferAllocator allocator) {
      this.allocator = allocator;
      runnerId = new ColumnReader.Longs("runner_id", problems, allocator);
      raceId = new IdReader("race_id", problems, allocator);
      horseId = new IdReader("horse_id", problems, allocator);
      jockeyId = new IdReader("jockey_id", problems, allocator);
      trainerId = new IdReader("trainer_id", problems, allocator);
      draw = new ColumnReader.Ints("draw", problems, allocator);
      weight = new ColumnReader.Doubles("weight_kg", problems, allocator);
      age = new ColumnReader.Ints("age", problems, allocator);
      rating = new ColumnReader.Ints("official_rating", problems, allocator);
      sp = new ColumnReader.Doubles("sp_decimal", problems, allocator);
      status = new StatusReader("status", problems, allocator);
      position = new ColumnReader.Ints("finish_position", problems, allocator);
      beaten = new ColumnReader.Doubles("beaten_lengths", problems, allocator);
      all = List.of(runnerId, raceId, horseId, jockeyId, trainerId, draw, weight, age, rating, sp, status,
          position, beaten);
    }

    /** Columns with room for {@code rows} rows. */
    Runners(BufferAllocator allocator, int rows) {
      this(allocator);
      for (ColumnReader r : all) {
        r.ensureCapacity(Math.max(1, rows) + 1);
      }
    }

    /**
     * Readers for rows {@code firstRow .. firstRow + rows - 1} of these (sized for every row), read
     * meanwhile on another thread: they fill this one's vectors where each row has its own slot, and
     * keep their own problems, counts, NULL flags, wide values and narrow number columns until
     * {@link #absorb}ed. Until then a part owns storage: {@link #closePart} frees it.
     */
    Runners part(int firstRow, int rows) {
      Runners part = new Runners(allocator);
      for (int c = 0; c < all.size(); c++) {
        part.all.get(c).share(all.get(c), firstRow, rows);
      }
      return part;
    }

    /** Takes over the values, problems and counts of a {@link #part} that has read its rows. */
    void absorb(Runners part) {
      problems.addAll(part.problems);
      for (int c = 0; c < all.size(); c++) {
        all.get(c).merge(part.all.get(c));
      }
    }

    /** Frees what a {@link #part} holds of its own (nothing once {@link #absorb}ed); never the shared vectors. */
    void closePart() {
      all.forEach(ColumnReader::closePart);
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

    @Override
    public void close() {
      all.forEach(ColumnReader::close);
    }
  }

  static List<String> names(List<ColumnReader> readers) {
    return readers.stream().map(r -> r.name).toList();
  }
}
