package org.racefeatures.load;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrays;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Record;
import org.racefeatures.db.Sqlite;
import org.racefeatures.db.TablePages;

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
  private static final int MINUTES_PER_DAY = 24 * 60;

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
    Pages pages;
    try {
      pages = readPages(conn);
    } catch (IOException e) {
      throw new InputException(source + ": cannot read the file's pages: " + e.getMessage(), e);
    }
    if (pages != null) {
      raw = pages.races();
      run = pages.runners();
    } else {
      // Reading costs driver calls per value, not SQLite time: the runner rows are read in runner_id
      // ranges on their own connections while this thread reads the races.
      ExecutorService readers = loadThreads();
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
    long[] raceId = new long[1024];
    long[] courseId = new long[1024];
    int[] day = new int[1024];
    int[] minute = new int[1024];
    long[] distance = new long[1024];
    int[] going = new int[1024];
    long[] raceClass = new long[1024];
    final List<String> goingNames = new ArrayList<>();
    final Object2IntOpenHashMap<String> goingCode = new Object2IntOpenHashMap<>();
    final List<InvalidRow> invalid = new ArrayList<>();
    Long2IntOpenHashMap indexOf;

    RawRaces() {
      goingCode.defaultReturnValue(-1);
    }

    /** Adds one race row ({@link #NULL_LONG} or null for NULL) and records what breaks the rules. */
    void add(long id, long course, String date, String off, long distance, String goingName, long cls) {
      int n = size;
      if (n == raceId.length) {
        int cap = 2 * n;
        raceId = Arrays.copyOf(raceId, cap);
        courseId = Arrays.copyOf(courseId, cap);
        day = Arrays.copyOf(day, cap);
        minute = Arrays.copyOf(minute, cap);
        this.distance = Arrays.copyOf(this.distance, cap);
        going = Arrays.copyOf(going, cap);
        raceClass = Arrays.copyOf(raceClass, cap);
      }
      raceId[n] = id;
      courseId[n] = course;
      this.distance[n] = distance;
      raceClass[n] = cls;
      if (goingName == null) {
        going[n] = -1;
      } else {
        int code = goingCode.getInt(goingName);
        if (code < 0) {
          code = goingNames.size();
          goingNames.add(goingName);
          goingCode.put(goingName, code);
        }
        going[n] = code;
      }
      day[n] = parseDate(date);
      minute[n] = parseTime(off);
      if (day[n] == Integer.MIN_VALUE) {
        invalid.add(new InvalidRow("races", id, "race_date", "not a date 'YYYY-MM-DD': " + quote(date), id));
      }
      if (minute[n] < 0) {
        invalid.add(new InvalidRow("races", id, "off_time", "not a time 'HH:MM': " + quote(off), id));
      }
      if (this.distance[n] == NULL_LONG || this.distance[n] <= 0 || this.distance[n] > Integer.MAX_VALUE) {
        invalid.add(new InvalidRow("races", id, "distance_m", "not a positive distance: "
            + (this.distance[n] == NULL_LONG ? "NULL" : Long.toString(this.distance[n])), id));
      }
      if (courseId[n] == NULL_LONG) {
        invalid.add(new InvalidRow("races", id, "course_id", "is NULL", id));
      }
      size = n + 1;
    }

    /** Indexes the races by race_id; a race_id twice is an error that names it. */
    void index(String source) {
      indexOf = new Long2IntOpenHashMap(size);
      indexOf.defaultReturnValue(-1);
      for (int i = 0; i < size; i++) {
        if (indexOf.put(raceId[i], i) != -1) {
          throw new InputException(source + ": table races has race_id " + raceId[i] + " twice");
        }
      }
    }
  }

  private RawRaces readRaces(Connection conn) throws SQLException {
    RawRaces r = new RawRaces();
    try (Statement st = conn.createStatement();
        ResultSet rs = query(st, RACES_SQL, "races")) {
      while (rs.next()) {
        long id = rs.getLong(1);
        if (rs.wasNull()) {
          throw new InputException(source + ": table races has a row with NULL race_id");
        }
        long course = rs.getLong(2);
        course = rs.wasNull() ? NULL_LONG : course;
        String date = rs.getString(3);
        String off = rs.getString(4);
        long distance = rs.getLong(5);
        distance = rs.wasNull() ? NULL_LONG : distance;
        String going = rs.getString(6);
        long cls = rs.getLong(7);
        cls = rs.wasNull() ? NULL_LONG : cls;
        r.add(id, course, date, off, distance, going, cls);
      }
    }
    r.index(source);
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

    RawRunners(int capacity) {
      runnerId = new long[capacity];
      raceId = new long[capacity];
      horseId = new long[capacity];
      jockeyId = new long[capacity];
      trainerId = new long[capacity];
      draw = new long[capacity];
      weight = new double[capacity];
      age = new long[capacity];
      rating = new long[capacity];
      sp = new double[capacity];
      status = new byte[capacity];
      position = new long[capacity];
      beaten = new double[capacity];
    }

    /** Adds one runner row, NULLs as the loader's sentinels. */
    void add(long runner, long race, long horse, long jockey, long trainer, long drawn, double kg, long years,
        long or, double price, byte code, long pos, double lengths) {
      int n = size;
      if (n == runnerId.length) {
        int cap = 2 * n;
        runnerId = Arrays.copyOf(runnerId, cap);
        raceId = Arrays.copyOf(raceId, cap);
        horseId = Arrays.copyOf(horseId, cap);
        jockeyId = Arrays.copyOf(jockeyId, cap);
        trainerId = Arrays.copyOf(trainerId, cap);
        draw = Arrays.copyOf(draw, cap);
        weight = Arrays.copyOf(weight, cap);
        age = Arrays.copyOf(age, cap);
        rating = Arrays.copyOf(rating, cap);
        sp = Arrays.copyOf(sp, cap);
        status = Arrays.copyOf(status, cap);
        position = Arrays.copyOf(position, cap);
        beaten = Arrays.copyOf(beaten, cap);
      }
      runnerId[n] = runner;
      raceId[n] = race;
      horseId[n] = horse;
      jockeyId[n] = jockey;
      trainerId[n] = trainer;
      draw[n] = drawn;
      weight[n] = kg;
      age[n] = years;
      rating[n] = or;
      sp[n] = price;
      status[n] = code;
      position[n] = pos;
      beaten[n] = lengths;
      size = n + 1;
    }

    /** The parts one after the other (they are consecutive runner_id ranges). */
    static RawRunners concat(List<RawRunners> parts) {
      int n = 0;
      for (RawRunners p : parts) {
        n += p.size;
      }
      RawRunners all = new RawRunners(n);
      all.size = n;
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
    RawRunners r = new RawRunners(1 << 16);
    try (PreparedStatement ps = prepare(conn, RUNNERS_SQL, "runners")) {
      ps.setLong(1, fromId);
      ps.setLong(2, toId);
      ResultSet rs = ps.executeQuery();
      while (rs.next()) {
        r.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
            rs.getDouble(7), rs.getLong(8), rs.getLong(9), rs.getDouble(10), (byte) rs.getInt(11),
            rs.getLong(12), rs.getDouble(13));
      }
    }
    return r;
  }

  /** Daemon threads that read parts of the runners while the calling thread reads the rest. */
  private static ExecutorService loadThreads() {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "racefeatures-load");
      t.setDaemon(true);
      return t;
    });
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
      } catch (ExecutionException | CancellationException e) {
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- reading from pages

  /**
   * Thrown while reading pages at a value not stored as plainly as the page read takes it (an
   * integer column holding a real or text, say): the driver then reads the tables, so every
   * conversion of such a value stays SQLite's own.
   */
  private static final class NotPlain extends RuntimeException {
    NotPlain() {
      super(null, null, false, false);
    }
  }

  private static final NotPlain NOT_PLAIN = new NotPlain();

  private static final byte[] FIN = "FIN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NR = "NR".getBytes(StandardCharsets.US_ASCII);

  private static final List<String> RACE_COLUMNS =
      List.of("race_id", "course_id", "race_date", "off_time", "distance_m", "going", "race_class");
  private static final List<String> RUNNER_COLUMNS = List.of("runner_id", "race_id", "horse_id", "jockey_id",
      "trainer_id", "draw", "weight_kg", "age", "official_rating", "sp_decimal", "status", "finish_position",
      "beaten_lengths");

  private record Pages(RawRaces races, RawRunners runners) {}

  /**
   * Reads both tables straight from the file's pages ({@link TablePages}), decoding each record in
   * Java instead of a driver call per value; null when the driver must read them instead: see
   * {@link TablePages#layout}, runner_id not the runners' rowid (so rowid order is not runner_id
   * order), a column missing, or any value not stored plainly. Holds a read transaction meanwhile,
   * so no writer changes the file under the read. The runners are read in parts of their b-tree
   * ({@link TablePages#split}) on two threads, joined in rowid order.
   */
  private Pages readPages(Connection conn) throws SQLException, IOException {
    conn.setAutoCommit(false);
    try {
      TablePages.Layout races = TablePages.layout(conn, "races");
      TablePages.Layout runners = TablePages.layout(conn, "runners");
      if (races == null || runners == null || runners.rowidAlias() != runners.index("runner_id")) {
        return null;
      }
      int[] raceCol = columns(races, RACE_COLUMNS);
      int[] runnerCol = columns(runners, RUNNER_COLUMNS);
      if (raceCol == null || runnerCol == null) {
        return null;
      }
      try (TablePages file = new TablePages(db)) {
        if (!file.isTablePage(races.root()) || !file.isTablePage(runners.root())) {
          return null;
        }
        // The runners' b-tree in consecutive parts, taken in turn by this thread (once it has read
        // the races) and a second one with a file handle of its own, whichever is free: each part
        // is decoded into its own arrays, joined in order at the end.
        int[][] parts = file.split(runners.root(), RUNNER_PARTS);
        RawRunners[] read = new RawRunners[parts.length];
        AtomicInteger nextPart = new AtomicInteger();
        ExecutorService helper = loadThreads();
        Future<?> second = helper.submit(() -> {
          try (TablePages own = new TablePages(db)) {
            readParts(own, runners, runnerCol, parts, read, nextPart);
          }
          return null;
        });
        try {
          RawRaces r = new RawRaces();
          file.scan(races.root(), new RaceRecords(races, raceCol, r));
          r.index(source);
          readParts(file, runners, runnerCol, parts, read, nextPart);
          second.get();
          return new Pages(r, RawRunners.concat(Arrays.asList(read)));
        } finally {
          // Every page read ends inside the read transaction, even when this thread failed first
          // (then the other takes no new part).
          nextPart.set(parts.length);
          awaitQuietly(second);
          helper.shutdown();
        }
      } catch (NotPlain e) {
        return null;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof NotPlain) {
          return null;
        }
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw new IOException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading " + source, e);
      }
    } finally {
      conn.commit();
      conn.setAutoCommit(true);
    }
  }

  /** Parts the runners' b-tree is read in: enough for two threads to share out evenly. */
  private static final int RUNNER_PARTS = 16;

  /** Reads parts of the runners, claiming each in turn from {@code next}, until none is left. */
  private static void readParts(TablePages pages, TablePages.Layout layout, int[] columns, int[][] parts,
      RawRunners[] read, AtomicInteger next) throws IOException {
    for (int p = next.getAndIncrement(); p < parts.length; p = next.getAndIncrement()) {
      RawRunners part = new RawRunners(1 << 12);
      pages.scan(parts[p], new RunnerRecords(layout, columns, part));
      read[p] = part;
    }
  }

  /**
   * A visitor of one table's records: the table's layout, the record indexes of the columns it
   * reads (in the order of RACE_COLUMNS or RUNNER_COLUMNS) and the splitter it reuses per record.
   *
   * <p>The two visitors are classes, not lambdas: a lambda's body is a method of its own behind the
   * lambda's bridge method, and the JIT compiled the long body twice, once alone and once inlined
   * into the bridge, while the one load that uses it was running. Each keeps its own {@code row}
   * for the same reason: one shared method would be compiled for both tables' records at once.
   */
  private abstract static class Records implements TablePages.RowVisitor {
    final TablePages.Layout layout;
    final int[] c;
    final Record rec;

    Records(TablePages.Layout layout, int[] columns) {
      this.layout = layout;
      this.c = columns;
      this.rec = new Record(width(columns));
    }
  }

  /** Decodes each races record into a {@link RawRaces}. */
  private static final class RaceRecords extends Records {
    private final RawRaces out;

    RaceRecords(TablePages.Layout layout, int[] columns, RawRaces out) {
      super(layout, columns);
      this.out = out;
    }

    @Override
    public void row(long rowid, byte[] b, int offset, int length) {
      parse(rec, b, offset, length, layout, c);
      out.add(key(rec, c[0], layout, rowid), integerOr(rec, c[1], NULL_LONG), textOrNull(rec, c[2]),
          textOrNull(rec, c[3]), integerOr(rec, c[4], NULL_LONG), textOrNull(rec, c[5]),
          integerOr(rec, c[6], NULL_LONG));
    }
  }

  /** Decodes each runners record into a {@link RawRunners}. */
  private static final class RunnerRecords extends Records {
    private final RawRunners out;

    RunnerRecords(TablePages.Layout layout, int[] columns, RawRunners out) {
      super(layout, columns);
      this.out = out;
    }

    @Override
    public void row(long rowid, byte[] b, int offset, int length) {
      parse(rec, b, offset, length, layout, c);
      out.add(key(rec, c[0], layout, rowid), integerOr(rec, c[1], NULL_LONG), integerOr(rec, c[2], NULL_LONG),
          integerOr(rec, c[3], NULL_LONG), integerOr(rec, c[4], NULL_LONG), integerOr(rec, c[5], NULL_LONG),
          numberOr(rec, c[6], NULL_REAL), integerOr(rec, c[7], NULL_LONG), integerOr(rec, c[8], NULL_LONG),
          numberOr(rec, c[9], NULL_REAL), status(rec, c[10]), integerOr(rec, c[11], NULL_LONG),
          numberOr(rec, c[12], NULL_REAL));
    }
  }

  private static int[] columns(TablePages.Layout layout, List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = layout.index(names.get(i));
      if (out[i] < 0) {
        return null;
      }
    }
    return out;
  }

  private static int width(int[] columns) {
    return Arrays.stream(columns).max().orElse(-1) + 1;
  }

  /** Splits a record; a column missing from it must have no default (it then reads as NULL). */
  private static void parse(Record rec, byte[] b, int offset, int length, TablePages.Layout layout, int[] columns) {
    if (!rec.parse(b, offset, length)) {
      throw NOT_PLAIN;
    }
    for (int c : columns) {
      if (!rec.present(c) && layout.hasDefault().get(c)) {
        throw NOT_PLAIN;
      }
    }
  }

  /** A key column: the rowid where it is the rowid's alias (whose record slot holds NULL). */
  private static long key(Record rec, int column, TablePages.Layout layout, long rowid) {
    if (column == layout.rowidAlias()) {
      if (!rec.isNull(column)) {
        throw NOT_PLAIN;
      }
      return rowid;
    }
    if (rec.isNull(column)) {
      throw NOT_PLAIN; // the driver read reports a NULL key with its own message
    }
    return integerOr(rec, column, NULL_LONG);
  }

  private static long integerOr(Record rec, int column, long ifNull) {
    if (rec.isNull(column)) {
      return ifNull;
    }
    if (!rec.isInteger(column)) {
      throw NOT_PLAIN;
    }
    return rec.integer(column);
  }

  private static double numberOr(Record rec, int column, double ifNull) {
    if (rec.isNull(column)) {
      return ifNull;
    }
    if (!rec.isInteger(column) && !rec.isReal(column)) {
      throw NOT_PLAIN;
    }
    return rec.number(column);
  }

  private static String textOrNull(Record rec, int column) {
    if (rec.isNull(column)) {
      return null;
    }
    if (!rec.isText(column)) {
      throw NOT_PLAIN;
    }
    return rec.text(column);
  }

  /** The status code of RUNNERS_SQL's CASE: NULL 0, 'FIN' 1, 'NR' 2, any other text 3. */
  private static byte status(Record rec, int column) {
    if (rec.isNull(column)) {
      return 0;
    }
    if (!rec.isText(column)) {
      throw NOT_PLAIN;
    }
    return rec.textIs(column, FIN) ? (byte) 1 : rec.textIs(column, NR) ? (byte) 2 : (byte) 3;
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
    // Sorted by the packed race time, then race_id: a radix sort, no comparator.
    long[] time = new long[kept];
    long[] id = new long[kept];
    int[] perm = new int[kept];
    for (int i = 0; i < kept; i++) {
      time[i] = (long) raw.day[order[i]] * MINUTES_PER_DAY + raw.minute[order[i]];
      id[i] = raw.raceId[order[i]];
      perm[i] = i;
    }
    // Races are often stored in time order already (race_id growing with time): then no sort.
    boolean sorted = true;
    for (int i = 1; i < kept && sorted; i++) {
      sorted = time[i - 1] < time[i] || (time[i - 1] == time[i] && id[i - 1] < id[i]);
    }
    if (!sorted) {
      LongArrays.radixSortIndirect(perm, time, id, false);
    }
    int[] unsorted = order;
    order = new int[kept];
    for (int i = 0; i < kept; i++) {
      order[i] = unsorted[perm[i]];
    }
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

    // Each vector is closed again if a later one cannot be built. The runners' last six columns
    // are built on a second thread (with its own scratch arrays) while this one builds the rest.
    List<AutoCloseable> built = new ArrayList<>();
    List<AutoCloseable> builtThere = new ArrayList<>();
    ExecutorService helper = loadThreads();
    Future<RunnerTail> tail = helper.submit(() -> {
      Columns there = new Columns(allocator);
      return new RunnerTail(
          add(builtThere, there.int32("age", run.age, place, rows, NULL_LONG)),
          add(builtThere, there.int32("official_rating", run.rating, place, rows, NULL_LONG)),
          add(builtThere, there.float8("sp_decimal", run.sp, place, rows, NULL_REAL)),
          add(builtThere, there.int8("status", run.status, place, rows)),
          add(builtThere, there.int32("finish_position", run.position, place, rows, NULL_LONG)),
          add(builtThere, there.float8("beaten_lengths", run.beaten, place, rows, NULL_REAL)));
    });
    Columns columns = new Columns(allocator);
    try {
      RaceTable races = new RaceTable(
          add(built, columns.bigInt("race_id", raw.raceId, order, kept, Columns.NEVER_NULL)),
          add(built, columns.bigInt("course_id", raw.courseId, order, kept, Columns.NEVER_NULL)),
          add(built, columns.int32("day", raw.day, order, kept, Columns.NEVER_NULL)),
          add(built, columns.int32("minute", raw.minute, order, kept, Columns.NEVER_NULL)),
          add(built, columns.int32("distance_m", raw.distance, order, kept, Columns.NEVER_NULL)),
          add(built, columns.int32("going", raw.going, order, kept, -1)),
          add(built, columns.int32("race_class", raw.raceClass, order, kept, NULL_LONG)),
          add(built, columns.int32("first_runner", start, null, kept + 1, Columns.NEVER_NULL)),
          raw.goingNames);
      int[] raceOfRow = new int[rows];
      for (int i = 0; i < rows; i++) {
        raceOfRow[i] = rank[runnerRace[place[i]]];
      }
      BigIntVector runnerId = add(built, columns.bigInt("runner_id", run.runnerId, place, rows, Columns.NEVER_NULL));
      IntVector race = add(built, columns.int32("race", raceOfRow, null, rows, Columns.NEVER_NULL));
      BigIntVector horseId = add(built, columns.bigInt("horse_id", run.horseId, place, rows, Columns.NEVER_NULL));
      BigIntVector jockeyId = add(built, columns.bigInt("jockey_id", run.jockeyId, place, rows, NULL_LONG));
      BigIntVector trainerId = add(built, columns.bigInt("trainer_id", run.trainerId, place, rows, NULL_LONG));
      IntVector draw = add(built, columns.int32("draw", run.draw, place, rows, NULL_LONG));
      Float8Vector weight = add(built, columns.float8("weight_kg", run.weight, place, rows, NULL_REAL));
      RunnerTail t = tail.get();
      RunnerTable runners = new RunnerTable(runnerId, race, horseId, jockeyId, trainerId, draw, weight,
          t.age(), t.rating(), t.sp(), t.status(), t.position(), t.beaten());
      return new RacingData(races, runners, skipped);
    } catch (RuntimeException | InterruptedException | ExecutionException e) {
      awaitQuietly(tail);
      RuntimeException failure = buildFailure(e);
      for (List<AutoCloseable> vectors : List.of(built, builtThere)) {
        for (AutoCloseable c : vectors) {
          try {
            c.close();
          } catch (Exception suppressed) {
            failure.addSuppressed(suppressed);
          }
        }
      }
      throw failure;
    } finally {
      helper.shutdown();
    }
  }

  /** The runners' columns built on the second thread. */
  private record RunnerTail(IntVector age, IntVector rating, Float8Vector sp, TinyIntVector status,
      IntVector position, Float8Vector beaten) {}

  /** What went wrong while the columns were built, as thrown where it happened. */
  private static RuntimeException buildFailure(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new IllegalStateException("interrupted while building the loaded columns", e);
    }
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new IllegalStateException("building the loaded columns", cause);
  }

  private static <V extends AutoCloseable> V add(List<AutoCloseable> built, V vector) {
    built.add(vector);
    return vector;
  }
}
