package org.racefeatures.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.util.TransferPair;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.CompactDoubles;
import org.racefeatures.model.CompactInts;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;
import org.racefeatures.model.TextCodes;

/**
 * The column build: the checked input, in race-time order ({@link RaceOrder}), as the engine's
 * Arrow tables ({@link RaceTable}, {@link RunnerTable}). The runners' columns read into vectors
 * ({@link ColumnReader}) are put in race-time order in their own buffers ({@link RowPermutation})
 * and handed to the table, after the fingerprints have read them in input order; the races' columns
 * are gathered into new vectors. Every vector is closed again if a later one cannot be built.
 */
final class EngineTables {
  private EngineTables() {}

  /** The runners' columns put in race-time order on the helper thread. */
  private record RunnerTail(CompactInts age, CompactInts rating, CompactDoubles sp, TinyIntVector status,
      CompactInts position, CompactDoubles beaten) {}

  /**
   * Builds the tables, taking the runners' vectors from {@code rn} (which still owns what it keeps);
   * the fingerprints, then the runners' columns, half on {@code helper} and half here.
   */
  static RacingData build(BufferAllocator allocator, InputColumns.Races rc, InputColumns.Runners rn,
      InputRules rules, RaceOrder order, ExecutorService helper) throws SQLException {
    int kept = order.races.length;
    int rows = order.rows.length;
    int[] place = order.rows;
    int[] byRace = order.races;
    // The fingerprints read the columns in input order: in two parts (the two threads' shares about
    // even), before any column is reordered.
    long[] fingerprint = new long[kept];
    int helperShare = (int) (kept * 0.55);
    Future<?> fingerprints = helper.submit(() -> Fingerprints.fill(rc, rn, order, fingerprint, 0, helperShare));
    try {
      Fingerprints.fill(rc, rn, order, fingerprint, helperShare, kept);
    } finally {
      awaitQuietly(fingerprints);
    }
    Sqlite.await(fingerprints);
    RowPermutation permutation = new RowPermutation(place, rn.size);
    List<AutoCloseable> built = new ArrayList<>();
    List<AutoCloseable> builtThere = new ArrayList<>();
    Future<RunnerTail> tail = helper.submit(() -> new RunnerTail(
        add(builtThere, inRaceOrder(rn.age, permutation, place, rows, allocator)),
        add(builtThere, inRaceOrder(rn.rating, permutation, place, rows, allocator)),
        add(builtThere, inRaceOrder(rn.sp, permutation, place, rows, allocator)),
        add(builtThere, inRaceOrder(rn.status.codes, 1, permutation, rows, null, place, allocator)),
        add(builtThere, inRaceOrder(rn.position, permutation, place, rows, allocator)),
        add(builtThere, inRaceOrder(rn.beaten, permutation, place, rows, allocator))));
    Columns columns = new Columns(allocator);
    try {
      int[] day = new int[kept];
      int[] minute = new int[kept];
      for (int i = 0; i < kept; i++) {
        day[i] = rules.day[byRace[i]];
        minute[i] = rules.minute[byRace[i]];
      }
      RaceTable races = new RaceTable(rc.raceId.ids().gather(byRace),
          add(built, columns.int32("course", rc.courseId::key, r -> rc.courseId.key(r) < 0, byRace, kept)),
          rc.courseId.ids(),
          add(built, columns.int32("day", day, null, kept, false)),
          add(built, columns.int32("minute", minute, null, kept, false)),
          add(built, columns.int32("distance_m", rc.distance::get, rc.distance.isNull::get, byRace, kept)),
          add(built, textCodes(columns, rc.going, rc.size, byRace)),
          add(built, textCodes(columns, rc.surface, rc.size, byRace)),
          add(built, textCodes(columns, rc.raceType, rc.size, byRace)),
          add(built, columns.int32("race_class", rc.raceClass::get, rc.raceClass.isNull::get, byRace, kept)),
          add(built, columns.float8("prize", rc.prize::get, rc.prize.isNull::get, byRace, kept)),
          add(built, columns.int32("first_runner", order.firstRunner, null, kept + 1, false)));
      // Ids that all fit 32 bits are put in order in their own buffer, like the other columns: no
      // 8-byte copy of the column at the load's peak.
      CompactInts runnerId = add(built, rn.runnerId.values.anyWide()
          ? CompactInts.of(columns.bigInt("runner_id", rn.runnerId.values, place, rows), allocator)
          : CompactInts.of(inRaceOrderAll(rn.runnerId.values.release(), permutation, rows, allocator), allocator));
      rn.raceId.close(); // its keys are in the races' first rows now: not held beside the columns still to build
      CompactInts horse = add(built, CompactInts.of(keysInRaceOrder(rn.horseId, permutation, rows, allocator),
          allocator));
      CompactInts jockey = add(built, CompactInts.of(keysInRaceOrder(rn.jockeyId, permutation, rows, allocator),
          allocator));
      CompactInts trainer = add(built, CompactInts.of(keysInRaceOrder(rn.trainerId, permutation, rows, allocator),
          allocator));
      CompactInts draw = add(built, inRaceOrder(rn.draw, permutation, place, rows, allocator));
      CompactDoubles weight = add(built, inRaceOrder(rn.weight, permutation, place, rows, allocator));
      RunnerTail t = Sqlite.await(tail);
      RunnerTable runners = new RunnerTable(runnerId, horse, rn.horseId.ids(), jockey, rn.jockeyId.distinct(),
          trainer, rn.trainerId.distinct(), draw, weight, t.age(), t.rating(), t.sp(), t.status(), t.position(),
          t.beaten());
      return new RacingData(races, runners, rules.invalid, fingerprint);
    } catch (SQLException | RuntimeException | Error e) {
      awaitQuietly(tail); // the helper's vectors are all in builtThere once it has stopped
      for (List<AutoCloseable> vectors : List.of(built, builtThere)) {
        for (AutoCloseable c : vectors) {
          try {
            c.close();
          } catch (Exception suppressed) {
            e.addSuppressed(suppressed);
          }
        }
      }
      throw e;
    }
  }

  /** An INTEGER column in race-time order, NULL where its row's value was. */
  private static CompactInts inRaceOrder(ColumnReader.Ints column, RowPermutation permutation, int[] place,
      int rows, BufferAllocator allocator) {
    return CompactInts.of(ordered(column.values, column.isNull, permutation, place, rows, allocator), allocator);
  }

  /** A REAL column in race-time order, NULL where its row's value was. */
  private static CompactDoubles inRaceOrder(ColumnReader.Doubles column, RowPermutation permutation,
      int[] place, int rows, BufferAllocator allocator) {
    return CompactDoubles.of(ordered(column.values, column.isNull, permutation, place, rows, allocator), allocator);
  }

  /** A number column's values in race-time order, in the width they were read in. */
  private static BaseFixedWidthVector ordered(NarrowValues values, BitSet nulls, RowPermutation permutation,
      int[] place, int rows, BufferAllocator allocator) {
    int width = values.width();
    BaseFixedWidthVector read = values.release();
    try {
      return inRaceOrder(read, width, permutation, rows, nulls, place, allocator);
    } finally {
      read.close(); // empty once handed over
    }
  }

  /** A column with no NULL (the read's runner ids) in race-time order. */
  private static IntVector inRaceOrderAll(IntVector read, RowPermutation permutation, int rows,
      BufferAllocator allocator) {
    try {
      return inRaceOrder(read, 4, permutation, rows, null, null, allocator);
    } finally {
      read.close(); // empty once handed over
    }
  }

  /** An id column's keys in race-time order, NULL where negative (the value then 0). */
  private static IntVector keysInRaceOrder(IdReader ids, RowPermutation permutation, int rows,
      BufferAllocator allocator) {
    IntVector keys = ids.takeKeys();
    try {
      permutation.apply(keys.getDataBuffer(), 4);
      java.nio.IntBuffer values = keys.getDataBuffer().nioBuffer(0, rows * 4).order(java.nio.ByteOrder.nativeOrder())
          .asIntBuffer();
      byte[] bits = new byte[(rows + 7) >>> 3];
      for (int i = 0; i < rows; i++) {
        if (values.get(i) < 0) {
          values.put(i, 0);
        } else {
          bits[i >>> 3] |= (byte) (1 << (i & 7));
        }
      }
      keys.getValidityBuffer().setBytes(0, bits);
      keys.setValueCount(rows);
      return handOver(keys, allocator);
    } finally {
      keys.close(); // empty once handed over
    }
  }

  /**
   * Reorders the values of {@code read} (in input order, {@code width} bytes each) in its own
   * buffer, sets the validity of the first {@code rows} positions (position {@code i} is NULL where
   * {@code nulls} flags row {@code place[i]}; null for none), and hands the buffers to a new vector
   * (the reader's is left empty).
   */
  private static <V extends BaseFixedWidthVector> V inRaceOrder(V read, int width, RowPermutation permutation,
      int rows, BitSet nulls, int[] place, BufferAllocator allocator) {
    permutation.apply(read.getDataBuffer(), width);
    byte[] bits = new byte[(rows + 7) >>> 3];
    for (int i = 0; i < rows; i++) {
      if (nulls == null || !nulls.get(place[i])) {
        bits[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    read.getValidityBuffer().setBytes(0, bits);
    read.setValueCount(rows);
    return handOver(read, allocator);
  }

  /** A new vector holding {@code vector}'s buffers, which is left empty. */
  @SuppressWarnings("unchecked")
  private static <V extends BaseFixedWidthVector> V handOver(V vector, BufferAllocator allocator) {
    TransferPair transfer = vector.getTransferPair(allocator);
    transfer.transfer();
    return (V) transfer.getTo();
  }

  /** Waits for {@code f} to end, whatever its outcome; the caller reports the outcome. */
  static void awaitQuietly(Future<?> f) {
    boolean interrupted = false;
    while (true) {
      try {
        f.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException | java.util.concurrent.CancellationException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** A text column of the races dictionary-encoded: equal strings, equal codes; null for NULL. */
  private static TextCodes textCodes(Columns columns, TextReader column, int size, int[] byRace) {
    IdDictionary names = new IdDictionary();
    int[] codes = new int[size];
    for (int i = 0; i < size; i++) {
      String value = column.values[i];
      codes[i] = value == null ? -1 : names.key(value, true);
    }
    return new TextCodes(columns.int32(column.name, codes, byRace, byRace.length, true), names.ids().strings());
  }

  private static <V extends AutoCloseable> V add(List<AutoCloseable> built, V vector) {
    built.add(vector);
    return vector;
  }
}
