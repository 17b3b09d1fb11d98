package org.racefeatures.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Schema;
import org.racefeatures.db.Sqlite;

/**
 * How a database's own tables are read as the {@code races} and {@code runners} of {@code
 * schema.sql}. The native layout reads them as they are. Any other layout is a SQL script of {@code
 * CREATE TEMP VIEW} (or {@code CREATE TEMP TABLE}) statements run on the loader's own connection:
 * temp objects live in that connection's temp schema, hide the database's tables of the same name
 * for unqualified names, may read those as {@code main.races}, and vanish with the connection. A
 * layout's script is checked to create nothing else, so the database gets no object and no change.
 *
 * <p>A script may declare tables it reads only when present, in a comment line {@code --
 * racefeatures: optional NAME(column, ...)}: where the database has no such table or view, an empty
 * temp view of that name and those columns stands in for it.
 */
public final class Layout {
  /** A layout shipped with the tool. */
  public record BuiltIn(String name, String description) {}

  /** The built-in layouts, in the order help lists them. */
  public static final List<BuiltIn> BUILT_IN = List.of(
      new BuiltIn("native", "the races and runners tables of schema.sql, read as they are (the default)"),
      new BuiltIn("racing-api", "The Racing API's racing_pro.db: races, runners, results and"
          + " runner_market_odds, with text ids, furlongs, 'Class N' and '£' prizes"));

  /** The native layout: the database's tables as they are. */
  public static final Layout NATIVE = new Layout("native", null);

  /** The tables and columns by which a database in The Racing API's layout is recognised. */
  private static final Map<String, List<String>> RACING_API_COLUMNS = racingApiColumns();

  private static Map<String, List<String>> racingApiColumns() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("races", List.of("race_id", "course_id", "date", "off_time", "off_dt", "distance_f", "race_class",
        "type", "going", "surface", "prize", "is_abandoned"));
    m.put("runners", List.of("runner_id", "race_id", "horse_id", "jockey_id", "trainer_id", "draw", "lbs", "age",
        "ofr"));
    m.put("results", List.of("race_id", "horse_id", "position", "position_int", "ovr_btn", "sp_dec"));
    return m;
  }

  private static final Pattern ALLOWED =
      Pattern.compile("(?is)CREATE\\s+TEMP(ORARY)?\\s+(VIEW|TABLE)\\b.*");
  private static final Pattern OPTIONAL =
      Pattern.compile("(?m)^\\s*--\\s*racefeatures:\\s*optional\\s+(\\w+)\\s*\\(([^)]*)\\)\\s*$");

  private final String name;
  private final String script;

  private Layout(String name, String script) {
    this.name = name;
    this.script = script;
  }

  /**
   * The layout an option names: a built-in layout's name, or the path of a mapping file.
   *
   * @throws InputException when it is neither (naming the built-in layouts), or the file cannot be read
   */
  public static Layout of(String nameOrFile) {
    for (BuiltIn b : BUILT_IN) {
      if (b.name().equals(nameOrFile)) {
        return b.name().equals("native") ? NATIVE : new Layout(b.name(), builtInScript(b.name()));
      }
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      throw new InputException("layout " + nameOrFile + ": neither a built-in layout ("
          + builtInNames() + ") nor a mapping file");
    }
    try {
      return new Layout(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InputException("layout " + file + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  /** The built-in layouts' names, for messages: "native, racing-api". */
  public static String builtInNames() {
    return String.join(", ", BUILT_IN.stream().map(BuiltIn::name).toList());
  }

  public static boolean isBuiltIn(String name) {
    return BUILT_IN.stream().anyMatch(b -> b.name().equals(name));
  }

  /** The script of a built-in layout other than native, as shipped in the jar. */
  public static String builtInScript(String name) {
    try (InputStream in = Layout.class.getResourceAsStream("/org/racefeatures/layouts/" + name + ".sql")) {
      if (in == null) {
        throw new IllegalArgumentException("no built-in layout script " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The built-in layout's name, or the mapping file's path. */
  public String name() {
    return name;
  }

  public boolean isNative() {
    return script == null;
  }

  /** How messages name it: "layout racing-api", "layout file my.sql". */
  public String describe() {
    if (isNative()) {
      return "the native layout";
    }
    return isBuiltIn(name) ? "layout " + name : "layout file " + name;
  }

  /** The layout chosen for a database, and why. */
  public record Choice(Layout layout, boolean detected) {}

  /**
   * The layout to read a database in when none is given: The Racing API's where its {@code races},
   * {@code runners} and {@code results} tables have every column that layout reads; else native.
   */
  public static Choice detect(Connection conn) throws SQLException {
    for (Map.Entry<String, List<String>> t : RACING_API_COLUMNS.entrySet()) {
      Set<String> present = Schema.columns(conn, t.getKey(), "main");
      for (String c : t.getValue()) {
        if (!present.contains(c)) {
          return new Choice(NATIVE, false);
        }
      }
    }
    return new Choice(of("racing-api"), true);
  }

  /**
   * Creates the layout's temp views on {@code conn} (nothing for the native layout), then reads
   * {@code races} and {@code runners} once, so that a view naming a missing table or column fails
   * here, naming the layout. {@code PRAGMA query_only} is lifted only while the checked statements run.
   *
   * @throws InputException when the script holds anything but temp views and tables, or fails
   */
  public void apply(Connection conn) throws SQLException {
    if (isNative()) {
      return;
    }
    List<String> statements;
    try {
      statements = Sqlite.statements(script);
    } catch (InputException e) {
      throw new InputException(describe() + ": " + e.getMessage());
    }
    for (int i = 0; i < statements.size(); i++) {
      if (!ALLOWED.matcher(statements.get(i)).matches()) {
        throw new InputException(describe() + ": statement " + (i + 1) + " is not CREATE TEMP VIEW or CREATE"
            + " TEMP TABLE (a layout creates only temporary objects, so that the database is not changed): "
            + excerpt(statements.get(i)));
      }
    }
    boolean queryOnly = queryOnly(conn);
    try (Statement st = conn.createStatement()) {
      if (queryOnly) {
        st.execute("PRAGMA query_only = 0");
      }
      try {
        createOptionalStandIns(conn, st);
        for (int i = 0; i < statements.size(); i++) {
          try {
            st.executeUpdate(statements.get(i));
          } catch (SQLException e) {
            throw new InputException(describe() + ": statement " + (i + 1) + " failed (" + excerpt(statements.get(i))
                + "): " + e.getMessage(), e);
          }
        }
      } finally {
        if (queryOnly) {
          st.execute("PRAGMA query_only = 1");
        }
      }
      for (String table : List.of("races", "runners")) {
        try {
          st.executeQuery("SELECT * FROM " + table + " LIMIT 0").close();
        } catch (SQLException e) {
          throw new InputException(describe() + ": " + table + " cannot be read as it maps it: " + e.getMessage(), e);
        }
      }
    }
  }

  /** Empty temp views for the optional tables the database does not have. */
  private void createOptionalStandIns(Connection conn, Statement st) throws SQLException {
    Matcher m = OPTIONAL.matcher(script);
    while (m.find()) {
      String table = m.group(1);
      if (Schema.hasTable(conn, table)) {
        continue;
      }
      List<String> columns = new ArrayList<>();
      for (String c : m.group(2).split(",")) {
        if (!c.isBlank()) {
          columns.add("NULL AS " + Schema.quoteIdentifier(c.strip()));
        }
      }
      st.executeUpdate("CREATE TEMP VIEW " + Schema.quoteIdentifier(table) + " AS SELECT " + String.join(", ", columns)
          + " WHERE 0");
    }
  }

  private static boolean queryOnly(Connection conn) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA query_only")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  private static String excerpt(String statement) {
    String flat = statement.replaceAll("\\s+", " ");
    return "'" + (flat.length() > 60 ? flat.substring(0, 60) + "...'" : flat + "'");
  }

  @Override
  public String toString() {
    return name;
  }
}
