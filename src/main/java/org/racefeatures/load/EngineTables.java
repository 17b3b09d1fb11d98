package org.racefeatures.load;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.Ids;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;
import org.racefeatures.model.TextCodes;

/**
 * The column build: the checked input, in race-time order ({@link RaceOrder}), as the engine's
 * Arrow tables ({@link RaceTable}, {@link RunnerTable}). Every vector is closed again if a later
 * one cannot be built.
 */
final class EngineTables {
  private EngineTables() {}

  /** The runners' columns built on the helper thread. */
  private record RunnerTail(IntVector age, IntVector rating, Float8Vector sp, TinyIntVector status,
      IntVector position, Float8Vector beaten) {}

  /**
   * Builds the tables; the runners' last six columns on {@code helper} (with scratch arrays of its
   * own) while this thread builds the rest.
   */
  static RacingData build(BufferAllocator allocator, InputColumns.Races rc, InputColumns.Runners rn,
      InputRules rules, RaceOrder order, ExecutorService helper) throws SQLException {
    int kept = order.races.length;
    int rows = order.rows.length;
    int[] place = order.rows;
    int[] byRace = order.races;
    List<AutoCloseable> built = new ArrayList<>();
    List<AutoCloseable> builtThere = new ArrayList<>();
    Future<RunnerTail> tail = helper.submit(() -> {
      Columns there = new Columns(allocator);
      return new RunnerTail(
          add(builtThere, there.int32("age", rn.age.values, rn.age.isNull, place, rows)),
          add(builtThere, there.int32("official_rating", rn.rating.values, rn.rating.isNull, place, rows)),
          add(builtThere, there.float8("sp_decimal", rn.sp.values, rn.sp.isNull, place, rows)),
          add(builtThere, there.int8("status", rn.status.codes, place, rows)),
          add(builtThere, there.int32("finish_position", rn.position.values, rn.position.isNull, place, rows)),
          add(builtThere, there.float8("beaten_lengths", rn.beaten.values, rn.beaten.isNull, place, rows)));
    });
    // The fingerprints in two parts: the first queued behind the tail on the helper thread, the rest
    // here after the head (the two threads' shares about even).
    long[] fingerprint = new long[kept];
    int helperShare = (int) (kept * 0.55);
    Future<?> fingerprints = helper.submit(() -> Fingerprints.fill(rc, rn, order, fingerprint, 0, helperShare));
    Columns columns = new Columns(allocator);
    try {
      List<Object> keptIds = new ArrayList<>(kept);
      for (int race : byRace) {
        keptIds.add(rc.raceId.value(race));
      }
      int[] day = new int[kept];
      int[] minute = new int[kept];
      for (int i = 0; i < kept; i++) {
        day[i] = rules.day[byRace[i]];
        minute[i] = rules.minute[byRace[i]];
      }
      RaceTable races = new RaceTable(new Ids(keptIds),
          add(built, columns.int32("course", rc.courseId.keys, byRace, kept, true)), rc.courseId.ids(),
          add(built, columns.int32("day", day, null, kept, false)),
          add(built, columns.int32("minute", minute, null, kept, false)),
          add(built, columns.int32("distance_m", rc.distance.values, rc.distance.isNull, byRace, kept)),
          add(built, textCodes(columns, rc.going, rc.size, byRace)),
          add(built, textCodes(columns, rc.surface, rc.size, byRace)),
          add(built, textCodes(columns, rc.raceType, rc.size, byRace)),
          add(built, columns.int32("race_class", rc.raceClass.values, rc.raceClass.isNull, byRace, kept)),
          add(built, columns.float8("prize", rc.prize.values, rc.prize.isNull, byRace, kept)),
          add(built, columns.int32("first_runner", order.firstRunner, null, kept + 1, false)));
      int[] raceOfRow = new int[rows];
      for (int i = 0; i < rows; i++) {
        raceOfRow[i] = order.rank[rn.raceId.keys[place[i]]];
      }
      BigIntVector runnerId = add(built, columns.bigInt("runner_id", rn.runnerId.values, place, rows));
      IntVector race = add(built, columns.int32("race", raceOfRow, null, rows, false));
      IntVector horse = add(built, columns.int32("horse", rn.horseId.keys, place, rows, true));
      IntVector jockey = add(built, columns.int32("jockey", rn.jockeyId.keys, place, rows, true));
      IntVector trainer = add(built, columns.int32("trainer", rn.trainerId.keys, place, rows, true));
      IntVector draw = add(built, columns.int32("draw", rn.draw.values, rn.draw.isNull, place, rows));
      Float8Vector weight = add(built, columns.float8("weight_kg", rn.weight.values, rn.weight.isNull, place, rows));
      Fingerprints.fill(rc, rn, order, fingerprint, helperShare, kept);
      RunnerTail t = Sqlite.await(tail);
      RunnerTable runners = new RunnerTable(runnerId, race, horse, rn.horseId.ids(), jockey, rn.jockeyId.distinct(),
          trainer, rn.trainerId.distinct(), draw, weight, t.age(), t.rating(), t.sp(), t.status(), t.position(),
          t.beaten());
      Sqlite.await(fingerprints);
      return new RacingData(races, runners, rules.invalid, fingerprint);
    } catch (SQLException | RuntimeException | Error e) {
      awaitQuietly(tail); // the helper's vectors are all in builtThere once it has stopped
      awaitQuietly(fingerprints);
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

  /** Waits for {@code f} to end, whatever its outcome; the caller reports the outcome. */
  private static void awaitQuietly(Future<?> f) {
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
  private static TextCodes textCodes(Columns columns, ColumnReader.Texts column, int size, int[] byRace) {
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
