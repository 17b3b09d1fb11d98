package org.racefeatures.imports;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;

/**
 * Converts the public "Horse Racing in HK" data set (races.csv, runs.csv; HKJC 1997-2005) into a
 * database in the input layout, keeping every real result it can and saying what it changed:
 *
 * <ul>
 *   <li>courses from {@code venue} (ST Sha Tin, HV Happy Valley, country HK); horses, jockeys and
 *       trainers from their ids, names made from the ids;
 *   <li>{@code race_no} becomes an off time that keeps the order within a meeting (Sha Tin from
 *       12:30, Happy Valley from 19:00, 30 minutes apart);
 *   <li>surface 0 is Turf, 1 Dirt (Sha Tin's all-weather track); race type Flat; classes as given;
 *   <li>weights from pounds to kilograms; {@code win_odds} as {@code sp_decimal} (a price of 1.0 or
 *       less is not a decimal price: NULL); {@code result} as {@code finish_position}, dead heats
 *       kept; {@code lengths_behind} of 999 (a marker) or below 0 becomes NULL;
 *   <li>where a race's positions run past its number of runner rows (a row is missing), positions
 *       are re-ranked within the race (1 + runners ahead), keeping order and dead heats.
 * </ul>
 *
 * The CSV files are parsed with Apache Commons CSV.
 */
public final class HkKaggleImporter {
  private static final double KG_PER_LB = 0.45359237;
  private static final String RACES = "races.csv";
  private static final String RUNS = "runs.csv";

  /** What the import did. */
  public record Report(int races, int runners, int horses, int jockeys, int trainers,
      List<BadRow> skipped, List<String> changes) {}

  private record Race(int id, String date, String venue, int raceNo, int surface, int distance,
      String going, Integer raceClass, Double prize) {}

  private record Run(long line, int raceId, int horseId, Integer result, Double lengths, Integer age,
      String horseType, Integer rating, Double weightLb, Integer draw, Double winOdds, Integer trainerId,
      Integer jockeyId) {}

  private final Path racesCsv;
  private final Path runsCsv;
  private final List<BadRow> bad = new ArrayList<>();
  private final List<String> changes = new ArrayList<>();

  public HkKaggleImporter(Path racesCsv, Path runsCsv) {
    this.racesCsv = racesCsv;
    this.runsCsv = runsCsv;
  }

  /**
   * Imports into {@code out}.
   *
   * @param skipBadRows import the rest when some rows are bad (and list them); otherwise fail
   * @throws InputException listing every bad row, when there are some and {@code skipBadRows} is off
   */
  public Report importTo(Path out, boolean force, boolean skipBadRows) throws IOException, SQLException {
    AtomicFile.checkWritable(out, force);
    Map<Integer, Race> races = readRaces();
    List<Run> runs = readRuns(races);
    if (!bad.isEmpty() && !skipBadRows) {
      StringBuilder b = new StringBuilder(bad.size() + " bad row(s) in the CSV files; nothing was written"
          + " (--skip-bad-rows imports the rest):");
      for (BadRow r : bad) {
        b.append(System.lineSeparator()).append("  ").append(r);
      }
      throw new InputException(b.toString());
    }
    Map<Integer, int[]> positions = rerank(runs);
    Path tmp = AtomicFile.temporaryFor(out);
    try {
      Report report;
      try (Connection conn = Sqlite.openOrCreate(tmp)) {
        try (Statement st = conn.createStatement()) {
          st.execute("PRAGMA journal_mode=OFF"); // a fresh file under a temporary name
        }
        conn.setAutoCommit(false);
        Sqlite.execute(conn, Sqlite.inputSchema());
        report = write(conn, races, runs, positions);
        conn.commit();
      }
      AtomicFile.commit(tmp, out);
      return report;
    } catch (IOException | SQLException | RuntimeException e) {
      AtomicFile.discard(tmp);
      throw e;
    }
  }

  // ---------------------------------------------------------------- reading

  private CSVParser open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException("file not found: " + file);
    }
    Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
  }

  /** Field access that records bad values with their place instead of throwing. */
  private final class Row {
    final String file;
    final CSVRecord record;
    boolean ok = true;

    Row(String file, CSVRecord record) {
      this.file = file;
      this.record = record;
    }

    String text(String column) {
      if (!record.isMapped(column)) {
        throw new InputException(file + ": no column '" + column + "' in the header");
      }
      return record.isSet(column) ? record.get(column).trim() : "";
    }

    Integer integer(String column, boolean required) {
      String s = text(column);
      if (s.isEmpty()) {
        return missing(column, required);
      }
      try {
        double d = Double.parseDouble(s);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
          return fail(column, "not a whole number: '" + s + "'");
        }
        return (int) d;
      } catch (NumberFormatException e) {
        return fail(column, "not a number: '" + s + "'");
      }
    }

    Double real(String column, boolean required) {
      String s = text(column);
      if (s.isEmpty()) {
        return missing(column, required);
      }
      try {
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : fail(column, "not a finite number: '" + s + "'");
      } catch (NumberFormatException e) {
        return fail(column, "not a number: '" + s + "'");
      }
    }

    private <T> T missing(String column, boolean required) {
      return required ? fail(column, "empty") : null;
    }

    <T> T fail(String column, String reason) {
      bad.add(new BadRow(file, record.getRecordNumber() + 1, column, reason));
      ok = false;
      return null;
    }
  }

  private Map<Integer, Race> readRaces() throws IOException {
    Map<Integer, Race> races = new TreeMap<>();
    try (CSVParser parser = open(racesCsv)) {
      for (CSVRecord rec : parser) {
        Row row = new Row(RACES, rec);
        Integer id = row.integer("race_id", true);
        String date = row.text("date");
        try {
          LocalDate.parse(date);
        } catch (DateTimeParseException e) {
          row.fail("date", "not a date YYYY-MM-DD: '" + date + "'");
        }
        String venue = row.text("venue");
        if (venue.isEmpty()) {
          row.fail("venue", "empty");
        }
        Integer raceNo = row.integer("race_no", true);
        Integer surface = row.integer("surface", true);
        Integer distance = row.integer("distance", true);
        if (distance != null && distance <= 0) {
          row.fail("distance", "not a positive distance: " + distance);
        }
        if (raceNo != null && (raceNo < 1 || raceNo > 20)) {
          row.fail("race_no", "outside 1..20: " + raceNo);
        }
        String going = row.text("going");
        Integer cls = row.integer("race_class", false);
        Double prize = row.real("prize", false);
        if (!row.ok) {
          continue;
        }
        if (races.containsKey(id)) {
          row.fail("race_id", "race " + id + " appears twice");
          continue;
        }
        races.put(id, new Race(id, date, venue, raceNo, surface, distance, going.isEmpty() ? null : going, cls, prize));
      }
    }
    return races;
  }

  private List<Run> readRuns(Map<Integer, Race> races) throws IOException {
    List<Run> runs = new ArrayList<>();
    try (CSVParser parser = open(runsCsv)) {
      for (CSVRecord rec : parser) {
        Row row = new Row(RUNS, rec);
        Integer raceId = row.integer("race_id", true);
        Integer horse = row.integer("horse_id", true);
        Integer result = row.integer("result", true);
        Double lengths = row.real("lengths_behind", false);
        Integer age = row.integer("horse_age", false);
        String type = row.text("horse_type");
        Integer rating = row.integer("horse_rating", false);
        Double weight = row.real("actual_weight", false);
        Integer draw = row.integer("draw", false);
        Double odds = row.real("win_odds", false);
        Integer trainer = row.integer("trainer_id", false);
        Integer jockey = row.integer("jockey_id", false);
        if (raceId != null && !races.containsKey(raceId)) {
          row.fail("race_id", "no race " + raceId + " in " + RACES);
        }
        if (result != null && result < 1) {
          row.fail("result", "not a finishing position: " + result);
        }
        if (row.ok) {
          runs.add(new Run(rec.getRecordNumber() + 1, raceId, horse, result, lengths, age, type, rating,
              weight, draw, odds, trainer, jockey));
        }
      }
    }
    return runs;
  }

  /**
   * Competition ranks (1 + runners ahead) for the races whose positions run past their runner
   * rows; other races keep their positions as given.
   */
  private Map<Integer, int[]> rerank(List<Run> runs) {
    Map<Integer, IntArrayList> byRace = new TreeMap<>();
    for (int i = 0; i < runs.size(); i++) {
      byRace.computeIfAbsent(runs.get(i).raceId(), k -> new IntArrayList()).add(i);
    }
    Map<Integer, int[]> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, IntArrayList> e : byRace.entrySet()) {
      int[] rows = e.getValue().toIntArray();
      int max = 0;
      for (int r : rows) {
        max = Math.max(max, runs.get(r).result());
      }
      if (max <= rows.length) {
        continue;
      }
      int[] pos = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        int ahead = 0;
        for (int r : rows) {
          if (runs.get(r).result() < runs.get(rows[i]).result()) {
            ahead++;
          }
        }
        pos[i] = 1 + ahead;
      }
      out.put(e.getKey(), pos);
      changes.add("race_id " + e.getKey() + ": finishing positions go up to " + max + " but the race has "
          + rows.length + " runner rows (one is missing); positions re-ranked within the race, order and"
          + " dead heats kept");
    }
    return out;
  }

  // ---------------------------------------------------------------- writing

  private Report write(Connection conn, Map<Integer, Race> races, List<Run> runs, Map<Integer, int[]> positions)
      throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.executeUpdate("INSERT INTO courses VALUES (1, 'Sha Tin', 'HK'), (2, 'Happy Valley', 'HK')");
    }
    Map<String, Integer> courses = new LinkedHashMap<>(Map.of("ST", 1, "HV", 2));
    int noPrize = 0;
    it.unimi.dsi.fastutil.ints.IntOpenHashSet racesWithRuns = new it.unimi.dsi.fastutil.ints.IntOpenHashSet();
    for (Run r : runs) {
      racesWithRuns.add(r.raceId());
    }
    try (PreparedStatement course = conn.prepareStatement("INSERT INTO courses VALUES (?,?,'HK')");
        PreparedStatement ps = conn.prepareStatement("INSERT INTO races VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      for (Race r : races.values()) {
        Integer c = courses.get(r.venue());
        if (c == null) {
          c = courses.size() + 1;
          courses.put(r.venue(), c);
          course.setInt(1, c);
          course.setString(2, r.venue());
          course.executeUpdate();
        }
        int start = r.venue().equals("HV") ? 19 * 60 : 12 * 60 + 30;
        int minute = start + 30 * (r.raceNo() - 1);
        ps.setInt(1, r.id());
        ps.setInt(2, c);
        ps.setString(3, r.date());
        ps.setString(4, String.format("%02d:%02d", minute / 60 % 24, minute % 60));
        ps.setInt(5, r.distance());
        ps.setString(6, r.going());
        ps.setString(7, r.surface() == 0 ? "Turf" : r.surface() == 1 ? "Dirt" : null);
        ps.setString(8, "Flat");
        ps.setObject(9, r.raceClass());
        ps.setObject(10, r.prize());
        noPrize += r.prize() == null ? 1 : 0;
        ps.addBatch();
      }
      ps.executeBatch();
    }
    if (noPrize > 0) {
      changes.add(noPrize + " race(s) have no prize: stored as NULL");
    }
    for (Race r : races.values()) {
      if (!racesWithRuns.contains(r.id())) {
        changes.add("race_id " + r.id() + " has no runner rows: kept, it gets no features");
      }
    }

    Map<Integer, int[]> horseFirst = new TreeMap<>(); // horse -> {foaled, type code}
    Int2IntOpenHashMap nextInRace = new Int2IntOpenHashMap();
    List<Long> badOdds = new ArrayList<>();
    List<Long> unknownLengths = new ArrayList<>();
    java.util.TreeSet<Integer> jockeys = new java.util.TreeSet<>();
    java.util.TreeSet<Integer> trainers = new java.util.TreeSet<>();
    Map<Integer, String> horseSex = new TreeMap<>();
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO runners VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      long id = 0;
      for (Run r : runs) {
        id++;
        Race race = races.get(r.raceId());
        int[] reranked = positions.get(r.raceId());
        int position = reranked == null ? r.result() : reranked[nextInRace.addTo(r.raceId(), 1)];
        Double odds = r.winOdds();
        if (odds != null && odds <= 1.0) {
          badOdds.add(r.line());
          odds = null;
        }
        Double lengths = r.lengths();
        if (lengths != null && (lengths >= 999 || lengths < 0)) {
          unknownLengths.add(r.line());
          lengths = null;
        }
        ps.setLong(1, id);
        ps.setInt(2, r.raceId());
        ps.setInt(3, r.horseId());
        ps.setObject(4, r.jockeyId());
        ps.setObject(5, r.trainerId());
        ps.setObject(6, r.draw());
        ps.setObject(7, r.weightLb() == null ? null : r.weightLb() * KG_PER_LB);
        ps.setObject(8, r.age());
        ps.setObject(9, r.rating());
        ps.setObject(10, odds);
        ps.setString(11, "FIN");
        ps.setInt(12, position);
        ps.setObject(13, lengths);
        ps.addBatch();
        if (r.jockeyId() != null) {
          jockeys.add(r.jockeyId());
        }
        if (r.trainerId() != null) {
          trainers.add(r.trainerId());
        }
        if (!horseFirst.containsKey(r.horseId())) {
          int year = Integer.parseInt(race.date().substring(0, 4));
          horseFirst.put(r.horseId(), new int[] {r.age() == null ? Integer.MIN_VALUE : year - r.age()});
          horseSex.put(r.horseId(), sex(r.horseType()));
        }
      }
      ps.executeBatch();
    }
    if (!badOdds.isEmpty()) {
      changes.add(badOdds.size() + " win_odds of 1.0 or less (not a decimal price) stored as NULL sp_decimal: "
          + RUNS + " line(s) " + badOdds);
    }
    if (!unknownLengths.isEmpty()) {
      changes.add(unknownLengths.size() + " lengths_behind of 999 (a marker) or below 0 stored as NULL beaten_lengths: "
          + RUNS + " line(s) " + abbreviate(unknownLengths));
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO horses VALUES (?,?,?,?)")) {
      for (Map.Entry<Integer, int[]> e : horseFirst.entrySet()) {
        ps.setInt(1, e.getKey());
        ps.setString(2, "HK horse " + e.getKey());
        ps.setString(3, horseSex.get(e.getKey()));
        ps.setObject(4, e.getValue()[0] == Integer.MIN_VALUE ? null : e.getValue()[0]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    people(conn, "jockeys", "HK jockey ", jockeys);
    people(conn, "trainers", "HK trainer ", trainers);
    return new Report(races.size(), runs.size(), horseFirst.size(), jockeys.size(), trainers.size(),
        List.copyOf(bad), List.copyOf(changes));
  }

  private static void people(Connection conn, String table, String prefix, java.util.Set<Integer> ids)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " VALUES (?,?)")) {
      for (int id : ids) {
        ps.setInt(1, id);
        ps.setString(2, prefix + id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** The schema's sex code of {@code horse_type}; colours and unknowns are NULL. */
  private static String sex(String type) {
    return switch (type) {
      case "Gelding" -> "G";
      case "Horse" -> "H";
      case "Colt" -> "C";
      case "Mare" -> "M";
      case "Filly" -> "F";
      default -> null;
    };
  }

  private static String abbreviate(List<Long> lines) {
    return lines.size() <= 20 ? lines.toString() : lines.subList(0, 20) + " and " + (lines.size() - 20) + " more";
  }
}
