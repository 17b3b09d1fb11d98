package org.racefeatures.explain;

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
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import org.racefeatures.reference.ReferenceFeatures;
import org.racefeatures.reference.ReferenceFeatures.Race;
import org.racefeatures.reference.ReferenceFeatures.Runner;

/**
 * The input rows one runner's features come from, read through the driver in one read
 * transaction: the runner's race and its runner rows, every runner row of the horse, the jockey and
 * the trainer, and every runner row of each of their races before the target race (for field sizes
 * and markets). Only those rows are read: the horse by its index, the jockey and trainer in one
 * scan of {@code runners}, the races and their fields by key.
 *
 * <p>Ids become numbers for the reference ({@link ReferenceFeatures} works on longs): each distinct
 * id value as SQLite stores it (integer or text) gets its own number, and {@link #idValue} gives
 * the stored value back.
 */
final class Sources {
  private static final String RUNNER_COLUMNS = "runner_id, race_id, horse_id, jockey_id, trainer_id, draw, weight_kg,"
      + " age, official_rating, sp_decimal, status, finish_position, beaten_lengths";
  private static final String RACE_COLUMNS =
      "race_id, course_id, race_date, off_time, distance_m, going, race_class, surface, race_type, prize";
  /** Keys per {@code IN (...)} list, under SQLite's default limit of bound parameters. */
  private static final int IN_LIST = 500;

  private final String file;
  private final Map<Object, Long> idNumbers = new HashMap<>();
  private final List<Object> idValues = new ArrayList<>();
  final Map<Long, Race> races = new LinkedHashMap<>();
  final List<Runner> runners = new ArrayList<>();
  final Runner target;
  final Race race;

  /**
   * Reads the sources of runner {@code runnerId} from {@code conn} (its layout applied).
   *
   * @throws InputException when there is no such runner, or a value does not fit its column
   */
  Sources(Connection conn, String file, long runnerId) throws SQLException {
    this.file = file;
    List<Runner> own = runners(conn, "SELECT " + RUNNER_COLUMNS + " FROM runners WHERE runner_id = ?", List.of(runnerId));
    if (own.isEmpty()) {
      throw new InputException(file + ": no runner with runner_id " + runnerId + " in table runners");
    }
    target = own.get(0);
    Map<Long, Race> raceRows = races(conn, List.of(target.raceId()));
    race = raceRows.get(target.raceId());
    if (race == null) {
      throw new InputException(file + ": runner " + runnerId + " names race_id " + idValue(target.raceId())
          + ", which is not in table races");
    }
    // The entities' rows: the horse by its index, jockey and trainer in the same statement.
    List<Runner> related = runners(conn, "SELECT " + RUNNER_COLUMNS + " FROM runners WHERE horse_id = ?"
        + " OR jockey_id = ? OR trainer_id = ?", Arrays.asList(idValue(target.horse()),
        nullable(target.jockey()), nullable(target.trainer())));
    Set<Long> raceIds = new LinkedHashSet<>();
    raceIds.add(target.raceId());
    related.forEach(r -> raceIds.add(r.raceId()));
    for (Race r : races(conn, raceIds).values()) {
      if (r.id() == race.id() || r.t().compareTo(race.t()) < 0) { // later races are never history
        races.put(r.id(), r);
      }
    }
    runners.addAll(runners(conn, "SELECT " + RUNNER_COLUMNS + " FROM runners WHERE race_id IN (%s)",
        new ArrayList<>(races.keySet())));
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

  /**
   * Runs {@code sql} with {@code keys} bound: either its {@code ?} parameters in order (id numbers
   * turned back into stored values), or, when it holds {@code %s}, as many {@code IN} lists as needed.
   */
  private List<Runner> runners(Connection conn, String sql, List<?> keys) throws SQLException {
    List<Runner> out = new ArrayList<>();
    for (Object[] batch : bind(sql, keys)) {
      try (PreparedStatement ps = conn.prepareStatement(sql.contains("%s") ? in(sql, batch.length) : sql)) {
        for (int i = 0; i < batch.length; i++) {
          ps.setObject(i + 1, batch[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            out.add(new Runner(id, number(rs.getObject(2), "runners", "race_id", id),
                number(rs.getObject(3), "runners", "horse_id", id), optionalId(rs, 4, id), optionalId(rs, 5, id),
                integer(rs, 6, "runners", "draw", id), real(rs, 7, "runners", "weight_kg", id), integer(rs, 8, "runners", "age", id),
                integer(rs, 9, "runners", "official_rating", id), real(rs, 10, "runners", "sp_decimal", id), text(rs, 11, "runners", "status", id),
                integer(rs, 12, "runners", "finish_position", id), real(rs, 13, "runners", "beaten_lengths", id)));
          }
        }
      }
    }
    return out;
  }

  private Map<Long, Race> races(Connection conn, Collection<Long> ids) throws SQLException {
    Map<Long, Race> out = new LinkedHashMap<>();
    String sql = "SELECT " + RACE_COLUMNS + " FROM races WHERE race_id IN (%s)";
    for (Object[] batch : bind(sql, new ArrayList<>(ids))) {
      try (PreparedStatement ps = conn.prepareStatement(in(sql, batch.length))) {
        for (int i = 0; i < batch.length; i++) {
          ps.setObject(i + 1, batch[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object key = rs.getObject(1);
            long id = number(key, "races", "race_id", key);
            Integer distance = integer(rs, 5, "races", "distance_m", key);
            out.put(id, new Race(id, number(rs.getObject(2), "races", "course_id", key), text(rs, 3, "races", "race_date", key),
                text(rs, 4, "races", "off_time", key), distance == null ? 0 : distance, text(rs, 6, "races", "going", key),
                integer(rs, 7, "races", "race_class", key), text(rs, 8, "races", "surface", key), text(rs, 9, "races", "race_type", key),
                real(rs, 10, "races", "prize", key)));
          }
        }
      }
    }
    return out;
  }

  /** The parameter lists of {@code sql}: one of the keys as given, or IN lists of stored ids. */
  private List<Object[]> bind(String sql, List<?> keys) {
    List<Object[]> out = new ArrayList<>();
    if (!sql.contains("%s")) {
      out.add(keys.toArray());
      return out;
    }
    for (int from = 0; from < keys.size(); from += IN_LIST) {
      List<?> part = keys.subList(from, Math.min(keys.size(), from + IN_LIST));
      out.add(part.stream().map(k -> idValue((Long) k)).toArray());
    }
    return out;
  }

  private static String in(String sql, int n) {
    return String.format(sql, "?" + ",?".repeat(n - 1));
  }

  private Long optionalId(ResultSet rs, int col, long row) throws SQLException {
    Object v = rs.getObject(col);
    return v == null ? null : number(v, "runners", rs.getMetaData().getColumnName(col), row);
  }

  private Integer integer(ResultSet rs, int col, String table, String column, Object row) throws SQLException {
    Object v = rs.getObject(col);
    Long n = Sqlite.integerValue(v);
    if (v != null && (n == null || n != n.intValue())) {
      throw bad(table, column, row, v, "an integer");
    }
    return n == null ? null : n.intValue();
  }

  private Double real(ResultSet rs, int col, String table, String column, Object row) throws SQLException {
    Object v = rs.getObject(col);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Number n)) {
      throw bad(table, column, row, v, "a number");
    }
    return n.doubleValue();
  }

  private String text(ResultSet rs, int col, String table, String column, Object row) throws SQLException {
    Object v = rs.getObject(col);
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
