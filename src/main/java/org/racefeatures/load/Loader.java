package org.racefeatures.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.model.Ids;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;
import org.racefeatures.model.RunnerTable;

/**
 * The bulk loader: reads {@code races} and {@code runners} through sqlite-jdbc, both in one read
 * transaction on one connection, so every row comes from one committed state of the file in any
 * journal mode; checks them against the input contract ({@link InputRules}); and lays them out as
 * the engine's Arrow columns in race-time order ({@link RaceOrder}). Columns are read by name
 * ({@link SourceTable}), one consumer each ({@link ColumnReader}). The input is only read.
 */
public final class Loader {
  private final String source;
  private Map<String, Integer> statusCounts = Map.of();

  /** @param db the database to load (how messages name it) */
  public Loader(Path db) {
    this.source = db.toString();
  }

  /**
   * Reads, checks and lays out the database.
   *
   * @param skipInvalid leave invalid races out (listed in {@link RacingData#skipped()}) instead of
   *     failing
   * @throws InvalidInputException when the input breaks the contract and {@code skipInvalid} is off
   */
  public RacingData load(Connection conn, BufferAllocator allocator, boolean skipInvalid)
      throws SQLException {
    InputColumns.Races races = new InputColumns.Races();
    InputColumns.Runners runners = new InputColumns.Runners(races);
    SourceTable raceTable = new SourceTable("races", InputColumns.names(races.all));
    SourceTable runnerTable = new SourceTable("runners", InputColumns.names(runners.all));
    boolean autoCommit = conn.getAutoCommit();
    conn.setAutoCommit(false); // one read transaction: one state of the file for both tables
    try {
      List<String> missing = new ArrayList<>(raceTable.missing(conn));
      missing.addAll(runnerTable.missing(conn));
      if (!missing.isEmpty()) {
        throw new InputException(source + ": missing from the input layout of schema.sql: "
            + String.join(", ", missing));
      }
      races.size = read(conn, raceTable, races.all, null);
      runners.size = read(conn, runnerTable, runners.all, "runner_id");
    } finally {
      conn.commit();
      conn.setAutoCommit(autoCommit);
    }
    checkRaceKeys(races);
    statusCounts = runners.status.countsByCode();
    InputRules rules = new InputRules(races, runners);
    if (!rules.invalid.isEmpty() && !skipInvalid) {
      throw new InvalidInputException(source, rules.invalid);
    }
    Object[] raceIds = new Object[races.size];
    for (int i = 0; i < raceIds.length; i++) {
      raceIds[i] = races.raceId.value(i);
    }
    RaceOrder order = new RaceOrder(rules.day, rules.minute, raceIds, rules.badRace,
        Arrays.copyOf(runners.raceId.keys, runners.size));
    return layOut(allocator, races, runners, rules, order);
  }

  /**
   * Rows per {@code runners.status} code of the last load: {@code NULL}, {@code FIN}, {@code NR},
   * then every other code in order.
   */
  public Map<String, Integer> statusCounts() {
    return statusCounts;
  }

  private int read(Connection conn, SourceTable table, List<ColumnReader> readers, String orderBy)
      throws SQLException {
    try {
      return table.read(conn, readers, orderBy);
    } catch (SQLException e) {
      throw Sqlite.readFailure(source, "table " + table.name, e);
    }
  }

  /** Every race has its own, non-NULL race_id (the key of row {@code i} is then {@code i}). */
  private void checkRaceKeys(InputColumns.Races races) {
    for (int i = 0; i < races.size; i++) {
      int key = races.raceId.keys[i];
      if (key == -1) {
        throw new InputException(source + ": table races has a row with NULL race_id");
      }
      if (key != i) {
        throw new InputException(source + ": table races has race_id "
            + org.racefeatures.model.InvalidRow.show(races.raceId.value(key)) + " more than once");
      }
    }
  }

  private static RacingData layOut(BufferAllocator allocator, InputColumns.Races rc, InputColumns.Runners rn,
      InputRules rules, RaceOrder order) {
    int kept = order.races.length;
    int rows = order.rows.length;
    int[] place = order.rows;
    int[] byRace = order.races;
    List<AutoCloseable> built = new ArrayList<>();
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
      ColumnReader.Keys going = goingCodes(rc);
      RaceTable races = new RaceTable(new Ids(keptIds),
          add(built, columns.int32("course", rc.courseId.keys, byRace, kept, true)), rc.courseId.distinct(),
          add(built, columns.int32("day", day, null, kept, false)),
          add(built, columns.int32("minute", minute, null, kept, false)),
          add(built, columns.int32("distance_m", rc.distance.values, rc.distance.isNull, byRace, kept)),
          add(built, columns.int32("going", going.keys, byRace, kept, true)),
          add(built, columns.int32("race_class", rc.raceClass.values, rc.raceClass.isNull, byRace, kept)),
          add(built, columns.int32("first_runner", order.firstRunner, null, kept + 1, false)),
          goingNames(going));
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
      IntVector age = add(built, columns.int32("age", rn.age.values, rn.age.isNull, place, rows));
      IntVector rating = add(built, columns.int32("official_rating", rn.rating.values, rn.rating.isNull, place, rows));
      Float8Vector sp = add(built, columns.float8("sp_decimal", rn.sp.values, rn.sp.isNull, place, rows));
      TinyIntVector status = add(built, columns.int8("status", rn.status.codes, place, rows));
      IntVector position = add(built, columns.int32("finish_position", rn.position.values, rn.position.isNull,
          place, rows));
      Float8Vector beaten = add(built, columns.float8("beaten_lengths", rn.beaten.values, rn.beaten.isNull,
          place, rows));
      RunnerTable runners = new RunnerTable(runnerId, race, horse, rn.horseId.ids(), jockey, rn.jockeyId.distinct(),
          trainer, rn.trainerId.distinct(), draw, weight, age, rating, sp, status, position, beaten);
      return new RacingData(races, runners, rules.invalid);
    } catch (RuntimeException | Error e) {
      for (AutoCloseable c : built) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** The going texts dictionary-encoded (equal strings, equal codes; -1 for NULL). */
  private static ColumnReader.Keys goingCodes(InputColumns.Races rc) {
    ColumnReader.Keys codes = new ColumnReader.Keys("going", new ArrayList<>());
    codes.ensureCapacity(rc.size);
    for (int i = 0; i < rc.size; i++) {
      codes.readOther(rc.going.values[i], i);
    }
    return codes;
  }

  private static List<String> goingNames(ColumnReader.Keys going) {
    List<String> names = new ArrayList<>(going.distinct());
    for (int k = 0; k < going.distinct(); k++) {
      names.add((String) going.value(k));
    }
    return names;
  }

  private static <V extends AutoCloseable> V add(List<AutoCloseable> built, V vector) {
    built.add(vector);
    return vector;
  }
}
