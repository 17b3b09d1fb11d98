package org.racefeatures.load;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;

/**
 * The bulk loader: two plain SELECTs read {@code races} and {@code runners} once, the rows are
 * checked against the input contract of {@code features.md}, then laid out as Arrow columns in
 * race-time order ({@link RaceTable}, {@link RunnerTable}).
 *
 * <p>NULLs come back from SQLite as sentinels chosen in the SELECT ({@code IFNULL}), so the read
 * loop makes one JNI call per value instead of two ({@code getX} then {@code wasNull}). The
 * sentinels are values no racing column can hold. The input tables are only read.
 */
public final class Loader {
  /** Stands for NULL in integer columns: {@code Long.MIN_VALUE + 1}, which SQLite parses as an integer. */
  static final long NULL_LONG = -9223372036854775807L;
  /** Stands for NULL in real columns. */
  static final double NULL_REAL = -1.0e308;

  private static final String RACES_SQL =
      "SELECT race_id, course_id, race_date, off_time, distance_m, going, race_class FROM races";
  private static final String RUNNERS_SQL =
      "SELECT runner_id, IFNULL(race_id, " + NULL_LONG + "), IFNULL(horse_id, " + NULL_LONG + "),"
          + " IFNULL(jockey_id, " + NULL_LONG + "), IFNULL(trainer_id, " + NULL_LONG + "),"
          + " IFNULL(draw, " + NULL_LONG + "), IFNULL(weight_kg, " + NULL_REAL + "),"
          + " IFNULL(age, " + NULL_LONG + "), IFNULL(official_rating, " + NULL_LONG + "),"
          + " IFNULL(sp_decimal, " + NULL_REAL + "),"
          + " CASE WHEN status IS NULL THEN 0 WHEN status = 'FIN' THEN 1 WHEN status = 'NR' THEN 2"
          + " ELSE 3 END,"
          + " IFNULL(finish_position, " + NULL_LONG + "), IFNULL(beaten_lengths, " + NULL_REAL + ")"
          + " FROM runners WHERE runner_id BETWEEN ? AND ? ORDER BY runner_id";

  private final Path db;
  private final String source;

  /** @param db the database to load (also how messages name it) */
  public Loader(Path db) {
    this.db = db;
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
    for (String table : List.of("races", "runners")) {
      if (!Sqlite.hasTable(conn, table)) {
        throw new InputException(source + ": no table or view named '" + table + "' (see schema.sql)");
      }
    }
    RawRaces raw;
    RawRunners run;
    // Reading costs driver calls per value, not SQLite time: the runner rows are read in runner_id
    // ranges on their own connections while this thread reads the races.
    ExecutorService readers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "racefeatures-load");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<RawRunners>> parts = new ArrayList<>();
      for (long[] range : runnerRanges(conn, Math.max(2, Runtime.getRuntime().availableProcessors()))) {
        parts.add(readers.submit(() -> {
          try (Connection own = Sqlite.openExisting(db, true)) {
            return readRunners(own, range[0], range[1]);
          }
        }));
      }
      raw = readRaces(conn);
      List<RawRunners> read = new ArrayList<>();
      for (Future<RawRunners> part : parts) {
        read.add(part.get());
      }
      run = RawRunners.concat(read);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while reading " + source, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new SQLException("reading runners of " + source + ": " + e.getCause(), e.getCause());
    } finally {
      readers.shutdownNow();
    }
    List<InvalidRow> invalid = new ArrayList<>(raw.invalid);
    int[] runnerRace = resolveRaces(raw, run, invalid);
    checkRunners(raw, run, runnerRace, invalid);
    if (!invalid.isEmpty() && !skipInvalid) {
      throw new InvalidInputException(source, invalid);
    }
    boolean[] dropRace = new boolean[raw.size];
    LongOpenHashSet badRaceIds = new LongOpenHashSet();
    for (InvalidRow r : invalid) {
      if (r.raceId() != null) {
        badRaceIds.add(r.raceId().longValue());
      }
    }
    for (int i = 0; i < raw.size; i++) {
      dropRace[i] = badRaceIds.contains(raw.raceId[i]);
    }
    return layOut(allocator, raw, run, runnerRace, dropRace, invalid);
  }

  // ---------------------------------------------------------------- reading

  private static final class RawRaces {
    int size;
    long[] raceId;
    long[] courseId;
    int[] day;
    int[] minute;
    long[] distance;
    int[] going;
    long[] raceClass;
    final List<String> goingNames = new ArrayList<>();
    final List<InvalidRow> invalid = new ArrayList<>();
    Long2IntOpenHashMap indexOf;
  }

  private RawRaces readRaces(Connection conn) throws SQLException {
    RawRaces r = new RawRaces();
    int cap = 1024;
    r.raceId = new long[cap];
    r.courseId = new long[cap];
    r.day = new int[cap];
    r.minute = new int[cap];
    r.distance = new long[cap];
    r.going = new int[cap];
    r.raceClass = new long[cap];
    Object2IntOpenHashMap<String> goingCode = new Object2IntOpenHashMap<>();
    goingCode.defaultReturnValue(-1);
    try (Statement st = conn.createStatement();
        ResultSet rs = query(st, RACES_SQL, "races")) {
      int n = 0;
      while (rs.next()) {
        if (n == cap) {
          cap *= 2;
          r.raceId = Arrays.copyOf(r.raceId, cap);
          r.courseId = Arrays.copyOf(r.courseId, cap);
          r.day = Arrays.copyOf(r.day, cap);
          r.minute = Arrays.copyOf(r.minute, cap);
          r.distance = Arrays.copyOf(r.distance, cap);
          r.going = Arrays.copyOf(r.going, cap);
          r.raceClass = Arrays.copyOf(r.raceClass, cap);
        }
        long id = rs.getLong(1);
        if (rs.wasNull()) {
          throw new InputException(source + ": table races has a row with NULL race_id");
        }
        r.raceId[n] = id;
        long course = rs.getLong(2);
        r.courseId[n] = rs.wasNull() ? NULL_LONG : course;
        String date = rs.getString(3);
        String off = rs.getString(4);
        long distance = rs.getLong(5);
        r.distance[n] = rs.wasNull() ? NULL_LONG : distance;
        String going = rs.getString(6);
        long cls = rs.getLong(7);
        r.raceClass[n] = rs.wasNull() ? NULL_LONG : cls;
        if (going == null) {
          r.going[n] = -1;
        } else {
          int code = goingCode.getInt(going);
          if (code < 0) {
            code = r.goingNames.size();
            r.goingNames.add(going);
            goingCode.put(going, code);
          }
          r.going[n] = code;
        }
        r.day[n] = parseDate(date);
        r.minute[n] = parseTime(off);
        if (r.day[n] == Integer.MIN_VALUE) {
          r.invalid.add(new InvalidRow("races", id, "race_date", "not a date 'YYYY-MM-DD': " + quote(date), id));
        }
        if (r.minute[n] < 0) {
          r.invalid.add(new InvalidRow("races", id, "off_time", "not a time 'HH:MM': " + quote(off), id));
        }
        if (r.distance[n] == NULL_LONG || r.distance[n] <= 0 || r.distance[n] > Integer.MAX_VALUE) {
          r.invalid.add(new InvalidRow("races", id, "distance_m", "not a positive distance: "
              + (r.distance[n] == NULL_LONG ? "NULL" : Long.toString(r.distance[n])), id));
        }
        if (r.courseId[n] == NULL_LONG) {
          r.invalid.add(new InvalidRow("races", id, "course_id", "is NULL", id));
        }
        n++;
      }
      r.size = n;
    }
    r.indexOf = new Long2IntOpenHashMap(r.size);
    r.indexOf.defaultReturnValue(-1);
    for (int i = 0; i < r.size; i++) {
      if (r.indexOf.put(r.raceId[i], i) != -1) {
        throw new InputException(source + ": table races has race_id " + r.raceId[i] + " twice");
      }
    }
    return r;
  }

  private static final class RawRunners {
    int size;
    long[] runnerId;
    long[] raceId;
    long[] horseId;
    long[] jockeyId;
    long[] trainerId;
    long[] draw;
    double[] weight;
    long[] age;
    long[] rating;
    double[] sp;
    byte[] status;
    long[] position;
    double[] beaten;

    /** The parts one after the other (they are consecutive runner_id ranges). */
    static RawRunners concat(List<RawRunners> parts) {
      RawRunners all = new RawRunners();
      for (RawRunners p : parts) {
        all.size += p.size;
      }
      int n = all.size;
      all.runnerId = new long[n];
      all.raceId = new long[n];
      all.horseId = new long[n];
      all.jockeyId = new long[n];
      all.trainerId = new long[n];
      all.draw = new long[n];
      all.weight = new double[n];
      all.age = new long[n];
      all.rating = new long[n];
      all.sp = new double[n];
      all.status = new byte[n];
      all.position = new long[n];
      all.beaten = new double[n];
      int at = 0;
      for (RawRunners p : parts) {
        System.arraycopy(p.runnerId, 0, all.runnerId, at, p.size);
        System.arraycopy(p.raceId, 0, all.raceId, at, p.size);
        System.arraycopy(p.horseId, 0, all.horseId, at, p.size);
        System.arraycopy(p.jockeyId, 0, all.jockeyId, at, p.size);
        System.arraycopy(p.trainerId, 0, all.trainerId, at, p.size);
        System.arraycopy(p.draw, 0, all.draw, at, p.size);
        System.arraycopy(p.weight, 0, all.weight, at, p.size);
        System.arraycopy(p.age, 0, all.age, at, p.size);
        System.arraycopy(p.rating, 0, all.rating, at, p.size);
        System.arraycopy(p.sp, 0, all.sp, at, p.size);
        System.arraycopy(p.status, 0, all.status, at, p.size);
        System.arraycopy(p.position, 0, all.position, at, p.size);
        System.arraycopy(p.beaten, 0, all.beaten, at, p.size);
        at += p.size;
      }
      return all;
    }
  }

  /**
   * Splits the runner_id range into {@code parts} ranges of about equal width (inclusive bounds),
   * or none if the table is empty.
   */
  private List<long[]> runnerRanges(Connection conn, int parts) throws SQLException {
    long min;
    long max;
    try (Statement st = conn.createStatement();
        ResultSet rs = query(st, "SELECT min(runner_id), max(runner_id) FROM runners", "runners")) {
      rs.next();
      min = rs.getLong(1);
      if (rs.wasNull()) {
        return List.of();
      }
      max = rs.getLong(2);
    }
    List<long[]> ranges = new ArrayList<>();
    // Width computed in doubles: max - min may not fit a long.
    double width = ((double) max - (double) min + 1) / parts;
    long from = min;
    for (int k = 1; k <= parts && from <= max; k++) {
      long to = k == parts ? max : Math.max(from, Math.min(max, (long) (min + width * k) - 1));
      ranges.add(new long[] {from, to});
      if (to == max) {
        break;
      }
      from = to + 1;
    }
    return ranges;
  }

  private RawRunners readRunners(Connection conn, long fromId, long toId) throws SQLException {
    RawRunners r = new RawRunners();
    int cap = 1 << 16;
    r.runnerId = new long[cap];
    r.raceId = new long[cap];
    r.horseId = new long[cap];
    r.jockeyId = new long[cap];
    r.trainerId = new long[cap];
    r.draw = new long[cap];
    r.weight = new double[cap];
    r.age = new long[cap];
    r.rating = new long[cap];
    r.sp = new double[cap];
    r.status = new byte[cap];
    r.position = new long[cap];
    r.beaten = new double[cap];
    try (PreparedStatement ps = prepare(conn, RUNNERS_SQL, "runners")) {
      ps.setLong(1, fromId);
      ps.setLong(2, toId);
      ResultSet rs = ps.executeQuery();
      int n = 0;
      while (rs.next()) {
        if (n == cap) {
          cap *= 2;
          r.runnerId = Arrays.copyOf(r.runnerId, cap);
          r.raceId = Arrays.copyOf(r.raceId, cap);
          r.horseId = Arrays.copyOf(r.horseId, cap);
          r.jockeyId = Arrays.copyOf(r.jockeyId, cap);
          r.trainerId = Arrays.copyOf(r.trainerId, cap);
          r.draw = Arrays.copyOf(r.draw, cap);
          r.weight = Arrays.copyOf(r.weight, cap);
          r.age = Arrays.copyOf(r.age, cap);
          r.rating = Arrays.copyOf(r.rating, cap);
          r.sp = Arrays.copyOf(r.sp, cap);
          r.status = Arrays.copyOf(r.status, cap);
          r.position = Arrays.copyOf(r.position, cap);
          r.beaten = Arrays.copyOf(r.beaten, cap);
        }
        r.runnerId[n] = rs.getLong(1);
        r.raceId[n] = rs.getLong(2);
        r.horseId[n] = rs.getLong(3);
        r.jockeyId[n] = rs.getLong(4);
        r.trainerId[n] = rs.getLong(5);
        r.draw[n] = rs.getLong(6);
        r.weight[n] = rs.getDouble(7);
        r.age[n] = rs.getLong(8);
        r.rating[n] = rs.getLong(9);
        r.sp[n] = rs.getDouble(10);
        r.status[n] = (byte) rs.getInt(11);
        r.position[n] = rs.getLong(12);
        r.beaten[n] = rs.getDouble(13);
        n++;
      }
      r.size = n;
    }
    return r;
  }

  private PreparedStatement prepare(Connection conn, String sql, String table) throws SQLException {
    try {
      return conn.prepareStatement(sql);
    } catch (SQLException e) {
      throw new InputException(source + ": cannot read table " + table + " in the layout of schema.sql: "
          + e.getMessage(), e);
    }
  }

  private ResultSet query(Statement st, String sql, String table) throws SQLException {
    try {
      return st.executeQuery(sql);
    } catch (SQLException e) {
      throw new InputException(source + ": cannot read table " + table + " in the layout of schema.sql: "
          + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- checking

  /** Race index (in load order) of every runner row, or -1 where its race does not exist. */
  private int[] resolveRaces(RawRaces races, RawRunners run, List<InvalidRow> invalid) {
    int[] out = new int[run.size];
    for (int i = 0; i < run.size; i++) {
      out[i] = run.raceId[i] == NULL_LONG ? -1 : races.indexOf.get(run.raceId[i]);
      if (out[i] < 0) {
        invalid.add(new InvalidRow("runners", run.runnerId[i], "race_id",
            run.raceId[i] == NULL_LONG ? "is NULL" : "no race with race_id " + run.raceId[i], null));
      }
    }
    return out;
  }

  /** The runner rules of {@code features.md}, with the field size each race has. */
  private static void checkRunners(RawRaces races, RawRunners run, int[] runnerRace,
      List<InvalidRow> invalid) {
    int[] field = new int[races.size];
    for (int i = 0; i < run.size; i++) {
      if (runnerRace[i] >= 0 && run.status[i] != RunnerTable.STATUS_NON_RUNNER) {
        field[runnerRace[i]]++;
      }
    }
    for (int i = 0; i < run.size; i++) {
      int race = runnerRace[i];
      if (race < 0) {
        continue;
      }
      long id = run.runnerId[i];
      Long raceId = races.raceId[race];
      boolean finished = run.status[i] == RunnerTable.STATUS_FINISHED;
      long pos = run.position[i];
      if (run.horseId[i] == NULL_LONG) {
        invalid.add(new InvalidRow("runners", id, "horse_id", "is NULL", raceId));
      }
      if (finished && pos == NULL_LONG) {
        invalid.add(new InvalidRow("runners", id, "finish_position", "is NULL but status is 'FIN'", raceId));
      } else if (!finished && pos != NULL_LONG) {
        invalid.add(new InvalidRow("runners", id, "finish_position",
            pos + " given but status is not 'FIN'", raceId));
      } else if (finished && (pos < 1 || pos > field[race])) {
        invalid.add(new InvalidRow("runners", id, "finish_position",
            pos + " is outside 1.." + field[race] + " (the field size)", raceId));
      }
      if (run.sp[i] != NULL_REAL && !(run.sp[i] > 1.0)) {
        invalid.add(new InvalidRow("runners", id, "sp_decimal", run.sp[i] + " is not greater than 1", raceId));
      }
    }
  }

  /** Days since the epoch of a strict 'YYYY-MM-DD', or {@code Integer.MIN_VALUE}. */
  static int parseDate(String s) {
    if (s == null || s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return Integer.MIN_VALUE;
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    if (y < 0 || m < 0 || d < 0) {
      return Integer.MIN_VALUE;
    }
    try {
      return (int) LocalDate.of(y, m, d).toEpochDay();
    } catch (DateTimeException e) {
      return Integer.MIN_VALUE;
    }
  }

  /** Minutes after midnight of a strict 'HH:MM' (24 h), or -1. */
  static int parseTime(String s) {
    if (s == null || s.length() != 5 || s.charAt(2) != ':') {
      return -1;
    }
    int h = digits(s, 0, 2);
    int m = digits(s, 3, 5);
    return h < 0 || m < 0 || h > 23 || m > 59 ? -1 : h * 60 + m;
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String quote(String s) {
    return s == null ? "NULL" : "'" + s + "'";
  }

  // ---------------------------------------------------------------- layout

  private static Field nullable(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  private static final ArrowType INT64 = new ArrowType.Int(64, true);
  private static final ArrowType INT32 = new ArrowType.Int(32, true);
  private static final ArrowType INT8 = new ArrowType.Int(8, true);
  private static final ArrowType FLOAT64 =
      new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);

  static final Schema RACE_SCHEMA = new Schema(List.of(
      nullable("race_id", INT64), nullable("course_id", INT64), nullable("day", INT32),
      nullable("minute", INT32), nullable("distance_m", INT32), nullable("going", INT32),
      nullable("race_class", INT32)));

  static final Schema RUNNER_SCHEMA = new Schema(List.of(
      nullable("runner_id", INT64), nullable("race", INT32), nullable("horse_id", INT64),
      nullable("jockey_id", INT64), nullable("trainer_id", INT64), nullable("draw", INT32),
      nullable("weight_kg", FLOAT64), nullable("age", INT32), nullable("official_rating", INT32),
      nullable("sp_decimal", FLOAT64), nullable("status", INT8), nullable("finish_position", INT32),
      nullable("beaten_lengths", FLOAT64)));

  private static RacingData layOut(BufferAllocator allocator, RawRaces raw, RawRunners run,
      int[] runnerRace, boolean[] dropRace, List<InvalidRow> skipped) {
    // Race order: (date, off time, race_id), the kept races only.
    int kept = 0;
    int[] order = new int[raw.size];
    for (int i = 0; i < raw.size; i++) {
      if (!dropRace[i]) {
        order[kept++] = i;
      }
    }
    order = Arrays.copyOf(order, kept);
    IntArrays.quickSort(order, (a, b) -> {
      int c = Integer.compare(raw.day[a], raw.day[b]);
      if (c == 0) {
        c = Integer.compare(raw.minute[a], raw.minute[b]);
      }
      return c != 0 ? c : Long.compare(raw.raceId[a], raw.raceId[b]);
    });
    int[] rank = new int[raw.size];
    Arrays.fill(rank, -1);
    for (int i = 0; i < kept; i++) {
      rank[order[i]] = i;
    }
    // Runner rows: a stable counting sort by race rank keeps runner_id order within a race.
    int[] start = new int[kept + 1];
    for (int i = 0; i < run.size; i++) {
      int race = runnerRace[i];
      if (race >= 0 && rank[race] >= 0) {
        start[rank[race] + 1]++;
      }
    }
    for (int i = 0; i < kept; i++) {
      start[i + 1] += start[i];
    }
    int rows = start[kept];
    int[] place = new int[rows];
    int[] fill = Arrays.copyOf(start, kept);
    for (int i = 0; i < run.size; i++) {
      int race = runnerRace[i];
      if (race >= 0 && rank[race] >= 0) {
        place[fill[rank[race]]++] = i;
      }
    }

    VectorSchemaRoot raceRoot = VectorSchemaRoot.create(RACE_SCHEMA, allocator);
    IntVector firstRunner = new IntVector("first_runner", allocator);
    VectorSchemaRoot runnerRoot = VectorSchemaRoot.create(RUNNER_SCHEMA, allocator);
    try {
      fillRaces(raceRoot, firstRunner, raw, order, start);
      fillRunners(runnerRoot, run, place, rank, runnerRace);
    } catch (RuntimeException e) {
      raceRoot.close();
      firstRunner.close();
      runnerRoot.close();
      throw e;
    }
    RaceTable races = new RaceTable(raceRoot, firstRunner, raw.goingNames);
    return new RacingData(races, new RunnerTable(runnerRoot), skipped);
  }

  private static void fillRaces(VectorSchemaRoot root, IntVector firstRunner, RawRaces raw,
      int[] order, int[] start) {
    int n = order.length;
    root.getFieldVectors().forEach(v -> v.setInitialCapacity(n));
    root.allocateNew();
    BigIntVector raceId = (BigIntVector) root.getVector("race_id");
    BigIntVector course = (BigIntVector) root.getVector("course_id");
    IntVector day = (IntVector) root.getVector("day");
    IntVector minute = (IntVector) root.getVector("minute");
    IntVector distance = (IntVector) root.getVector("distance_m");
    IntVector going = (IntVector) root.getVector("going");
    IntVector cls = (IntVector) root.getVector("race_class");
    for (int i = 0; i < n; i++) {
      int s = order[i];
      raceId.setSafe(i, raw.raceId[s]);
      course.setSafe(i, raw.courseId[s]);
      day.setSafe(i, raw.day[s]);
      minute.setSafe(i, raw.minute[s]);
      distance.setSafe(i, (int) raw.distance[s]);
      if (raw.going[s] >= 0) {
        going.setSafe(i, raw.going[s]);
      } else {
        going.setNull(i);
      }
      if (raw.raceClass[s] != NULL_LONG) {
        cls.setSafe(i, (int) raw.raceClass[s]);
      } else {
        cls.setNull(i);
      }
    }
    root.setRowCount(n);
    firstRunner.allocateNew(n + 1);
    for (int i = 0; i <= n; i++) {
      firstRunner.set(i, start[i]);
    }
    firstRunner.setValueCount(n + 1);
  }

  private static void fillRunners(VectorSchemaRoot root, RawRunners r, int[] place, int[] rank,
      int[] runnerRace) {
    int n = place.length;
    root.getFieldVectors().forEach(v -> v.setInitialCapacity(n));
    root.allocateNew();
    BigIntVector runnerId = (BigIntVector) root.getVector("runner_id");
    IntVector race = (IntVector) root.getVector("race");
    BigIntVector horse = (BigIntVector) root.getVector("horse_id");
    BigIntVector jockey = (BigIntVector) root.getVector("jockey_id");
    BigIntVector trainer = (BigIntVector) root.getVector("trainer_id");
    IntVector draw = (IntVector) root.getVector("draw");
    Float8Vector weight = (Float8Vector) root.getVector("weight_kg");
    IntVector age = (IntVector) root.getVector("age");
    IntVector rating = (IntVector) root.getVector("official_rating");
    Float8Vector sp = (Float8Vector) root.getVector("sp_decimal");
    TinyIntVector status = (TinyIntVector) root.getVector("status");
    IntVector position = (IntVector) root.getVector("finish_position");
    Float8Vector beaten = (Float8Vector) root.getVector("beaten_lengths");
    for (int i = 0; i < n; i++) {
      int s = place[i];
      runnerId.setSafe(i, r.runnerId[s]);
      race.setSafe(i, rank[runnerRace[s]]);
      horse.setSafe(i, r.horseId[s]);
      setLong(jockey, i, r.jockeyId[s]);
      setLong(trainer, i, r.trainerId[s]);
      setInt(draw, i, r.draw[s]);
      setReal(weight, i, r.weight[s]);
      setInt(age, i, r.age[s]);
      setInt(rating, i, r.rating[s]);
      setReal(sp, i, r.sp[s]);
      status.setSafe(i, r.status[s]);
      setInt(position, i, r.position[s]);
      setReal(beaten, i, r.beaten[s]);
    }
    root.setRowCount(n);
  }

  private static void setLong(BigIntVector v, int i, long value) {
    if (value == NULL_LONG) {
      v.setNull(i);
    } else {
      v.setSafe(i, value);
    }
  }

  private static void setInt(IntVector v, int i, long value) {
    if (value == NULL_LONG) {
      v.setNull(i);
    } else {
      v.setSafe(i, (int) value);
    }
  }

  private static void setReal(Float8Vector v, int i, double value) {
    if (value == NULL_REAL) {
      v.setNull(i);
    } else {
      v.setSafe(i, value);
    }
  }
}
