package org.racefeatures.demo;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.db.Sqlite;

/**
 * Writes a demo racing database in exactly the input layout ({@code schema.sql}), or in The Racing
 * API's layout ({@link RacingApiTables}).
 *
 * <p>The file is written under a temporary name beside the target and renamed into place when
 * complete, so {@code out} never holds a half-written database.
 */
public final class DemoDatabase {
  private static final int BATCH = 10_000;

  /** The table layouts a demo database can be written in. */
  public enum Layout {
    /** schema.sql's tables. */
    NATIVE,
    /** The Racing API's tables, read back by the built-in layout racing-api. */
    RACING_API
  }

  /** What was written. */
  public record Summary(int races, int runners, int horses, int jockeys, int trainers, int courses) {}

  private DemoDatabase() {}

  /**
   * Simulates the world of {@code spec} and writes it to {@code out}.
   *
   * @param force replace an existing file; without it an existing {@code out} is an error
   */
  public static Summary write(DemoSpec spec, Path out, boolean force) throws IOException, SQLException {
    return write(spec, out, force, Layout.NATIVE);
  }

  /** As {@link #write(DemoSpec, Path, boolean)}, in {@code layout}. */
  public static Summary write(DemoSpec spec, Path out, boolean force, Layout layout)
      throws IOException, SQLException {
    AtomicFile.checkWritable(out, force);
    DemoWorld world = new DemoWorld(spec);
    world.simulate();
    Path tmp = AtomicFile.temporaryFor(out);
    try {
      try (Connection conn = Sqlite.openOrCreate(tmp)) {
        try (Statement st = conn.createStatement()) {
          // A fresh file under a temporary name: a crash leaves only that file, so skip the journal.
          st.execute("PRAGMA journal_mode=OFF");
          st.execute("PRAGMA synchronous=OFF");
        }
        conn.setAutoCommit(false);
        if (layout == Layout.RACING_API) {
          createAndFill(conn, RacingApiTables.SCHEMA, c -> RacingApiTables.insertAll(c, world));
        } else {
          createAndFill(conn, Sqlite.inputSchema(), c -> insertAll(c, world));
        }
        conn.commit();
      }
      AtomicFile.commit(tmp, out);
    } catch (IOException | SQLException | RuntimeException e) {
      AtomicFile.discard(tmp);
      throw e;
    }
    return new Summary(world.raceId.size(), world.runRace.size(), world.horseName.size(),
        world.jockeyName.size(), world.trainerName.size(), world.courseName.size());
  }

  /** Inserts the rows of a world. */
  private interface Rows {
    void insert(Connection conn) throws SQLException;
  }

  /** Creates the tables of {@code schema}, inserts the rows, then creates the schema's indexes. */
  private static void createAndFill(Connection conn, String schema, Rows rows) throws SQLException {
    List<String> statements = Sqlite.statements(schema);
    try (Statement st = conn.createStatement()) {
      for (String sql : statements) {
        if (!sql.startsWith("CREATE INDEX")) {
          st.executeUpdate(sql);
        }
      }
    }
    rows.insert(conn);
    try (Statement st = conn.createStatement()) {
      // Indexes after the rows: building them once is cheaper than maintaining them per insert.
      for (String sql : statements) {
        if (sql.startsWith("CREATE INDEX")) {
          st.executeUpdate(sql);
        }
      }
    }
  }

  private static void insertAll(Connection conn, DemoWorld w) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO courses VALUES (?,?,?)")) {
      for (int i = 0; i < w.courseName.size(); i++) {
        ps.setInt(1, i + 1);
        ps.setString(2, w.courseName.get(i));
        ps.setString(3, w.courseCountry.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO horses VALUES (?,?,?,?)")) {
      for (int i = 0; i < w.horseName.size(); i++) {
        ps.setInt(1, i + 1);
        ps.setString(2, w.horseName.get(i));
        ps.setString(3, w.horseSex.get(i));
        setInt(ps, 4, w.horseFoaled, i);
        flush(ps, i);
      }
      ps.executeBatch();
    }
    insertPeople(conn, "jockeys", w.jockeyName);
    insertPeople(conn, "trainers", w.trainerName);
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      for (int i = 0; i < w.raceId.size(); i++) {
        ps.setInt(1, w.raceId.getInt(i));
        ps.setInt(2, w.raceCourse.getInt(i));
        ps.setString(3, w.raceDate.get(i));
        ps.setString(4, w.raceOff.get(i));
        ps.setInt(5, w.raceDistance.getInt(i));
        ps.setString(6, w.raceGoing.get(i));
        ps.setString(7, w.raceSurface.get(i));
        ps.setString(8, w.raceType.get(i));
        setInt(ps, 9, w.raceClass, i);
        setReal(ps, 10, w.racePrize, i);
        flush(ps, i);
      }
      ps.executeBatch();
    }
    try (PreparedStatement ps =
        conn.prepareStatement("INSERT INTO runners VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (int i = 0; i < w.runRace.size(); i++) {
        ps.setInt(1, i + 1);
        ps.setInt(2, w.runRace.getInt(i));
        ps.setInt(3, w.runHorse.getInt(i));
        setInt(ps, 4, w.runJockey, i);
        setInt(ps, 5, w.runTrainer, i);
        setInt(ps, 6, w.runDraw, i);
        setReal(ps, 7, w.runWeight, i);
        setInt(ps, 8, w.runAge, i);
        setInt(ps, 9, w.runRating, i);
        setReal(ps, 10, w.runSp, i);
        ps.setString(11, w.runStatus.get(i));
        setInt(ps, 12, w.runPosition, i);
        setReal(ps, 13, w.runBeaten, i);
        flush(ps, i);
      }
      ps.executeBatch();
    }
  }

  private static void insertPeople(Connection conn, String table, List<String> names)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " VALUES (?,?)")) {
      for (int i = 0; i < names.size(); i++) {
        ps.setInt(1, i + 1);
        ps.setString(2, names.get(i));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Adds the row to the batch, and runs the batch every {@value #BATCH} rows. */
  static void flush(PreparedStatement ps, int i) throws SQLException {
    ps.addBatch();
    if (i % BATCH == BATCH - 1) {
      ps.executeBatch();
    }
  }

  private static void setInt(PreparedStatement ps, int col, IntArrayList values, int i)
      throws SQLException {
    setInt(ps, col, values.getInt(i));
  }

  /** An integer of the world, NULL where it is {@link DemoWorld#NULL_INT}. */
  static void setInt(PreparedStatement ps, int col, int v) throws SQLException {
    if (v == DemoWorld.NULL_INT) {
      ps.setNull(col, Types.INTEGER);
    } else {
      ps.setInt(col, v);
    }
  }

  private static void setReal(PreparedStatement ps, int col, DoubleArrayList values, int i)
      throws SQLException {
    double v = values.getDouble(i);
    if (Double.isNaN(v)) {
      ps.setNull(col, Types.REAL);
    } else {
      ps.setDouble(col, v);
    }
  }
}
