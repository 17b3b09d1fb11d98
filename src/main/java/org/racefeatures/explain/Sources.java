package org.racefeatures.explain;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.reference.ReferenceFeatures;
import org.racefeatures.reference.ReferenceFeatures.Race;
import org.racefeatures.reference.ReferenceFeatures.Runner;

/**
 * The input rows one runner's features come from, read through the driver in one state of the
 * file: the runner's race and its runner rows, every runner row of the horse, the jockey and the
 * trainer, and every runner row of each of their races before the target race (for field sizes and
 * markets). Only those rows are read: the horse by its index, the jockey and trainer in one scan of
 * {@code runners}, the races and their fields by key. Where a second connection can share the
 * first one's state ({@link SourceReads}), the scan and the reads by key are shared between the two.
 *
 * <p>Ids become numbers for the reference ({@link ReferenceFeatures} works on longs): each distinct
 * id value as SQLite stores it (integer or text) gets its own number, in the order the rows are read,
 * and {@link #idValue} gives the stored value back.
 */
final class Sources {
  private static final String RUNNER_COLUMNS = "runner_id, race_id, horse_id, jockey_id, trainer_id, draw, weight_kg,"
      + " age, official_rating, sp_decimal, status, finish_position, beaten_lengths";
  private static final String RACE_COLUMNS =
      "race_id, course_id, race_date, off_time, distance_m, going, race_class, surface, race_type, prize";
  private static final String RELATED = "horse_id = ? OR jockey_id = ? OR trainer_id = ?";

  private final String file;
  private final Map<Object, Long> idNumbers = new HashMap<>();
  private final List<Object> idValues = new ArrayList<>();
  final Map<Long, Race> races = new LinkedHashMap<>();
  final List<Runner> runners = new ArrayList<>();
  final Runner target;
  final Race race;

  /**
   * Reads the sources of runner {@code runnerId} from {@code conn}, which is in a transaction not yet
   * begun (autocommit off) with its layout applied.
   *
   * @param db the file of {@code conn}, for a second reader
   * @param nativeLayout whether {@code conn} reads the tables as they are (no layout's views)
   * @param helper the thread a second reader reads on
   * @throws InputException when there is no such runner, or a value does not fit its column
   */
  Sources(Connection conn, Path db, boolean nativeLayout, ExecutorService helper, long runnerId) throws SQLException {
    this.file = db.toString();
    List<Runner> own = runners(SourceReads.rows(conn, "SELECT " + RUNNER_COLUMNS + " FROM runners WHERE runner_id = ?",
        List.of(runnerId)));
    if (own.isEmpty()) {
      throw new InputException(file + ": no runner with runner_id " + runnerId + " in table runners");
    }
    target = own.get(0);
    String raceById = SourceReads.inList("SELECT " + RACE_COLUMNS + " FROM races WHERE race_id", 1);
    Map<Long, Race> raceRows = races(SourceReads.rows(conn, raceById, List.of(idValue(target.raceId()))));
    race = raceRows.get(target.raceId());
    if (race == null) {
      throw new InputException(file + ": runner " + runnerId + " names race_id " + idValue(target.raceId())
          + ", which is not in table races");
    }
    // conn's read transaction began above: a second reader from here on sees the same state.
    try (SourceReads reads = SourceReads.open(conn, db, nativeLayout, helper)) {
      // The entities' rows: the horse by its index, jockey and trainer in the same scan.
      List<Runner> related = runners(reads.scanRunners("SELECT " + RUNNER_COLUMNS + " FROM runners", RELATED,
          Arrays.asList(idValue(target.horse()), nullable(target.jockey()), nullable(target.trainer()))));
      Set<Long> raceIds = new LinkedHashSet<>();
      raceIds.add(target.raceId());
      related.forEach(r -> raceIds.add(r.raceId()));
      for (Race r : races(reads.byKeys("SELECT " + RACE_COLUMNS + " FROM races WHERE race_id", stored(raceIds)))
          .values()) {
        if (r.id() == race.id() || r.t().compareTo(race.t()) < 0) { // later races are never history
          races.put(r.id(), r);
        }
      }
      runners.addAll(runners(reads.byKeys("SELECT " + RUNNER_COLUMNS + " FROM runners WHERE race_id",
          stored(races.keySet()))));
    }
  }

  /** The stored id value (Long or String) behind the number {@code n}. */
  Object idValue(long n) {
    return idValues.get((int) n);
  }

  /** The stored id value behind {@code n}, or null. */
  Object idValue(Long n) {
    return n == null ? null : idValue((long) n);
  }

  private Object nullable(Long id) {
    return id == null ? null : idValue(id);
  }

  private List<Object> stored(Collection<Long> ids) {
    return ids.stream().map(this::idValue).toList();
  }

  private long number(Object stored, String table, String column, Object row) {
    Object id;
    try {
      id = Sqlite.id(stored);
    } catch (InputException e) {
      throw new InputException(file + ": table " + table + ", column " + column + ", row " + row + ": " + e.getMessage());
    }
    return idNumbers.computeIfAbsent(id, k -> {
      idValues.add(k);
      return (long) idValues.size() - 1;
    });
  }

  /** Runner rows as read ({@link #RUNNER_COLUMNS}, values as stored), checked, their ids numbered. */
  private List<Runner> runners(List<Object[]> rows) {
    List<Runner> out = new ArrayList<>(rows.size());
    for (Object[] v : rows) {
      Long id = Sqlite.integerValue(v[0]);
      if (id == null) {
        throw bad("runners", "runner_id", "with race_id " + v[1], v[0], "an integer");
      }
      out.add(new Runner(id, number(v[1], "runners", "race_id", id), number(v[2], "runners", "horse_id", id),
          optionalId(v[3], "jockey_id", id), optionalId(v[4], "trainer_id", id),
          integer(v[5], "runners", "draw", id), real(v[6], "runners", "weight_kg", id),
          integer(v[7], "runners", "age", id), integer(v[8], "runners", "official_rating", id),
          real(v[9], "runners", "sp_decimal", id), text(v[10], "runners", "status", id),
          integer(v[11], "runners", "finish_position", id), real(v[12], "runners", "beaten_lengths", id)));
    }
    return out;
  }

  /** Race rows as read ({@link #RACE_COLUMNS}), checked, by their id numbers. */
  private Map<Long, Race> races(List<Object[]> rows) {
    Map<Long, Race> out = new LinkedHashMap<>();
    for (Object[] v : rows) {
      Object key = v[0];
      long id = number(key, "races", "race_id", key);
      Integer distance = integer(v[4], "races", "distance_m", key);
      out.put(id, new Race(id, number(v[1], "races", "course_id", key), text(v[2], "races", "race_date", key),
          text(v[3], "races", "off_time", key), distance == null ? 0 : distance, text(v[5], "races", "going", key),
          integer(v[6], "races", "race_class", key), text(v[7], "races", "surface", key),
          text(v[8], "races", "race_type", key), real(v[9], "races", "prize", key)));
    }
    return out;
  }

  private Long optionalId(Object v, String column, long row) {
    return v == null ? null : number(v, "runners", column, row);
  }

  private Integer integer(Object v, String table, String column, Object row) {
    Long n = Sqlite.integerValue(v);
    if (v != null && (n == null || n != n.intValue())) {
      throw bad(table, column, row, v, "an integer");
    }
    return n == null ? null : n.intValue();
  }

  private Double real(Object v, String table, String column, Object row) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw bad(table, column, row, v, "a number");
    }
    return n.doubleValue();
  }

  private String text(Object v, String table, String column, Object row) {
    if (v != null && !(v instanceof String)) {
      throw bad(table, column, row, v, "text");
    }
    return (String) v;
  }

  private InputException bad(String table, String column, Object row, Object value, String expected) {
    return new InputException(file + ": table " + table + ", column " + column + ", row " + row + ": value "
        + value + " is not " + expected);
  }
}
