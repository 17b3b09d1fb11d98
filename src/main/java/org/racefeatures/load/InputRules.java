package org.racefeatures.load;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.racefeatures.model.InvalidRow;
import org.racefeatures.model.RunnerTable;

/**
 * The input rules of {@code docs/features.md} over the columns as read: values that did not fit their
 * column, unparseable dates and times, non-positive distances, NULL, duplicate or unknown keys, and
 * the runner rules (finish positions against status and field size, prices above 1). Every broken
 * rule becomes an {@link InvalidRow} naming table, id, column and value, and marks the race it
 * belongs to.
 */
final class InputRules {
  final List<InvalidRow> invalid = new ArrayList<>();
  /** Per race (in load order): whether a row of it broke a rule. */
  final boolean[] badRace;
  /** Per race (in load order): days since the epoch of its date, or {@code Integer.MIN_VALUE}. */
  final int[] day;
  /** Per race (in load order): minutes after midnight of its off time, or -1. */
  final int[] minute;

  private final InputColumns.Races races;
  private final InputColumns.Runners runners;
  /** Per column name, the rows whose value did not fit (already reported). */
  private final Map<String, BitSet> raceFlags;
  private final Map<String, BitSet> runnerFlags;

  InputRules(InputColumns.Races races, InputColumns.Runners runners) {
    this.races = races;
    this.runners = runners;
    badRace = new boolean[races.size];
    day = new int[races.size];
    minute = new int[races.size];
    raceFlags = flags(races.problems);
    runnerFlags = flags(runners.problems);
    checkRaces();
    checkRunners();
  }

  private Object raceId(int race) {
    return race < 0 ? null : races.raceId.value(race);
  }

  private void race(int race, String column, String reason) {
    invalid.add(new InvalidRow("races", raceId(race), column, reason, raceId(race)));
    badRace[race] = true;
  }

  private void runner(int row, String column, String reason) {
    int race = runners.raceId.key(row);
    Object id = runners.runnerId.isNull.get(row) ? null : runners.runnerId.get(row);
    invalid.add(new InvalidRow("runners", id, column, reason, race >= 0 ? raceId(race) : null));
    if (race >= 0) {
      badRace[race] = true;
    }
  }

  private void checkRaces() {
    for (ColumnReader.Problem p : races.problems) {
      race(p.row(), p.column(), p.reason());
    }
    for (int i = 0; i < races.size; i++) {
      String date = races.date.values[i];
      String off = races.offTime.values[i];
      day[i] = parseDate(date);
      minute[i] = parseTime(off);
      if (date == null) {
        nullUnlessFlagged(i, "race_date");
      } else if (day[i] == Integer.MIN_VALUE) {
        race(i, "race_date", "not a date 'YYYY-MM-DD': '" + date + "'");
      }
      if (off == null) {
        nullUnlessFlagged(i, "off_time");
      } else if (minute[i] < 0) {
        race(i, "off_time", "not a time 'HH:MM': '" + off + "'");
      }
      if (races.distance.isNull.get(i)) {
        nullUnlessFlagged(i, "distance_m");
      } else if (races.distance.get(i) <= 0) {
        race(i, "distance_m", "not a positive distance: " + races.distance.get(i));
      }
      if (races.courseId.key(i) < 0) {
        nullUnlessFlagged(i, "course_id");
      }
    }
  }

  /** A NULL where the column needs a value, unless the value was there and already reported. */
  private void nullUnlessFlagged(int race, String column) {
    if (!flagged(raceFlags, column, race)) {
      race(race, column, "is NULL");
    }
  }

  private static Map<String, BitSet> flags(List<ColumnReader.Problem> problems) {
    Map<String, BitSet> out = new HashMap<>();
    for (ColumnReader.Problem p : problems) {
      out.computeIfAbsent(p.column(), c -> new BitSet()).set(p.row());
    }
    return out;
  }

  private static boolean flagged(Map<String, BitSet> flags, String column, int row) {
    BitSet rows = flags.get(column);
    return rows != null && rows.get(row);
  }

  private void checkRunners() {
    InputColumns.Runners run = runners;
    for (ColumnReader.Problem p : run.problems) {
      runner(p.row(), p.column(), p.reason());
    }
    int[] field = new int[races.size];
    for (int i = 0; i < run.size; i++) {
      int race = run.raceId.key(i);
      if (race >= 0 && run.status.code(i) != RunnerTable.STATUS_NON_RUNNER) {
        field[race]++;
      }
    }
    for (int i = 0; i < run.size; i++) {
      int race = run.raceId.key(i);
      if (run.runnerId.isNull.get(i) && !flagged(runnerFlags, "runner_id", i)) {
        runner(i, "runner_id", "is NULL (horse_id " + InvalidRow.show(horse(i)) + ")");
      } else if (i > 0 && !run.runnerId.isNull.get(i) && !run.runnerId.isNull.get(i - 1)
          && run.runnerId.get(i) <= run.runnerId.get(i - 1)) {
        if (run.runnerId.get(i) < run.runnerId.get(i - 1)) {
          throw new IllegalStateException("runners were read out of runner_id order at row " + i);
        }
        // Rows come in runner_id order, so a repeated id is the row just before.
        runner(i, "runner_id", run.runnerId.get(i) + " appears more than once");
        runner(i - 1, "runner_id", run.runnerId.get(i) + " appears more than once");
      }
      if (race == -1) {
        if (!flagged(runnerFlags, "race_id", i)) {
          runner(i, "race_id", "is NULL");
        }
        continue;
      }
      if (race == -2) {
        runner(i, "race_id", "no race with race_id " + InvalidRow.show(run.raceId.id(i)));
        continue;
      }
      if (run.horseId.key(i) < 0 && !flagged(runnerFlags, "horse_id", i)) {
        runner(i, "horse_id", "is NULL");
      }
      boolean finished = run.status.code(i) == RunnerTable.STATUS_FINISHED;
      boolean hasPos = !run.position.isNull.get(i);
      long pos = run.position.get(i);
      if (finished && !hasPos) {
        if (!flagged(runnerFlags, "finish_position", i)) {
          runner(i, "finish_position", "is NULL but status is 'FIN'");
        }
      } else if (!finished && hasPos) {
        runner(i, "finish_position", pos + " given but status is not 'FIN'");
      } else if (finished && (pos < 1 || pos > field[race])) {
        runner(i, "finish_position", pos + " is outside 1.." + field[race] + " (the field size)");
      }
      if (!run.sp.isNull.get(i) && !(run.sp.get(i) > 1.0)) {
        runner(i, "sp_decimal", run.sp.get(i) + " is not greater than 1");
      }
    }
  }

  private Object horse(int row) {
    int key = runners.horseId.key(row);
    return key < 0 ? null : runners.horseId.value(key);
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
}
