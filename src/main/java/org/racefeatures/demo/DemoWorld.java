package org.racefeatures.demo;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A simulated racing world: courses, meetings, horses with careers, jockeys and trainers with
 * latent skill, and races whose results those drive. It exists so features computed on demo data
 * behave as they do on real results: form, strike rates and prices are predictive.
 *
 * <p>Everything is drawn from one {@link SplittableRandom} in a fixed order, and no hash ordering is
 * consulted, so one {@link DemoSpec} always yields the same rows. Nullable integers are {@link
 * #NULL_INT}, nullable reals {@code NaN}, nullable strings {@code null}.
 */
final class DemoWorld {
  static final int NULL_INT = Integer.MIN_VALUE;

  /** Races per day on the standard ten-year span: 45,000 races over ~3,650 days. */
  private static final double RACES_PER_DAY = 45_000.0 / 3_650.0;

  private static final LocalDate FIRST_DAY = LocalDate.of(2015, 1, 1);
  private static final String[] FLAT_GOING = {
    "Firm", "Good to Firm", "Good", "Good", "Good to Soft", "Soft", "Heavy"
  };
  private static final String[] AW_GOING = {"Standard", "Standard", "Standard to Slow", "Slow"};
  private static final String[] JUMP_GOING = {
    "Good to Firm", "Good", "Good to Soft", "Soft", "Soft", "Heavy"
  };
  private static final String[] JUMP_FALLS = {"PU", "PU", "PU", "F", "F", "UR", "UR", "BD", "RO", "SU"};
  private static final String[] FLAT_FALLS = {"DNF", "UR", "RO", "SU", "DSQ"};
  private static final int[] FLAT_DISTANCES = {1006, 1207, 1408, 1609, 1811, 2012, 2213, 2414, 2816, 3218};
  private static final String[] SEXES = {"G", "G", "G", "C", "F", "F", "M", "H"};
  private static final String[] START_TIMES = {
    "12:15", "12:40", "13:00", "13:20", "13:30", "13:45", "14:00", "14:10", "17:15", "17:45", "18:00"
  };

  // ---- output tables (row-aligned lists) ----
  final List<String> courseName = new ArrayList<>();
  final List<String> courseCountry = new ArrayList<>();

  final List<String> horseName = new ArrayList<>();
  final List<String> horseSex = new ArrayList<>();
  final IntArrayList horseFoaled = new IntArrayList();

  final List<String> jockeyName = new ArrayList<>();
  final List<String> trainerName = new ArrayList<>();

  final IntArrayList raceId = new IntArrayList();
  final IntArrayList raceCourse = new IntArrayList();
  final List<String> raceDate = new ArrayList<>();
  final List<String> raceOff = new ArrayList<>();
  final IntArrayList raceDistance = new IntArrayList();
  final List<String> raceGoing = new ArrayList<>();
  final List<String> raceSurface = new ArrayList<>();
  final List<String> raceType = new ArrayList<>();
  final IntArrayList raceClass = new IntArrayList();
  final DoubleArrayList racePrize = new DoubleArrayList();

  final IntArrayList runRace = new IntArrayList();
  final IntArrayList runHorse = new IntArrayList();
  final IntArrayList runJockey = new IntArrayList();
  final IntArrayList runTrainer = new IntArrayList();
  final IntArrayList runDraw = new IntArrayList();
  final DoubleArrayList runWeight = new DoubleArrayList();
  final IntArrayList runAge = new IntArrayList();
  final IntArrayList runRating = new IntArrayList();
  final DoubleArrayList runSp = new DoubleArrayList();
  final List<String> runStatus = new ArrayList<>();
  final IntArrayList runPosition = new IntArrayList();
  final DoubleArrayList runBeaten = new DoubleArrayList();

  // ---- latent state ----
  private final SplittableRandom rng;
  private final DemoSpec spec;
  private final Course[] courses;
  private final double[] jockeySkill;
  private final boolean[] jockeyJumps;
  private final double[][] jockeyCumWeight = new double[2][];
  private final int[][] jockeyOfKind = new int[2][];
  private final double[] trainerSkill;
  private final int[][] trainerJockeys;
  private final int[][] trainerOfKind = new int[2][];
  private final List<Horse> horses = new ArrayList<>();
  /** Horses in training by kind (0 flat, 1 jumps), earliest available first. */
  private final List<PriorityQueue<Horse>> pools = List.of(new PriorityQueue<>(), new PriorityQueue<>());
  /** First day whose races are racecards; decided by the plan before any race is run. */
  private int racecardDayFrom = Integer.MAX_VALUE;

  private record Course(String name, String country, boolean flat, boolean jumps, boolean allWeather) {}

  private static final class Horse implements Comparable<Horse> {
    final int id;
    final boolean jumps;
    final double ability;
    final int bestDistance;
    final double likesSoft;
    final int foaled;
    final int trainer;
    final int careerRuns;
    int nextDay;
    int runs;
    int rating = NULL_INT;

    Horse(int id, boolean jumps, double ability, int bestDistance, double likesSoft, int foaled,
        int trainer, int careerRuns) {
      this.id = id;
      this.jumps = jumps;
      this.ability = ability;
      this.bestDistance = bestDistance;
      this.likesSoft = likesSoft;
      this.foaled = foaled;
      this.trainer = trainer;
      this.careerRuns = careerRuns;
    }

    @Override
    public int compareTo(Horse o) {
      return nextDay != o.nextDay ? Integer.compare(nextDay, o.nextDay) : Integer.compare(id, o.id);
    }
  }

  DemoWorld(DemoSpec spec) {
    this.spec = spec;
    this.rng = new SplittableRandom(spec.seed());
    this.courses = makeCourses();
    int jockeys = Math.max(60, (int) Math.round(spec.races() / 100.0));
    int trainers = Math.max(20, (int) Math.round(spec.races() / 130.0));
    jockeySkill = new double[jockeys];
    jockeyJumps = new boolean[jockeys];
    for (int j = 0; j < jockeys; j++) {
      jockeySkill[j] = rng.nextGaussian() * 0.35;
      jockeyJumps[j] = rng.nextDouble() < 0.4;
      jockeyName.add(Names.person(rng));
    }
    for (int kind = 0; kind < 2; kind++) {
      IntArrayList ids = new IntArrayList();
      DoubleArrayList cum = new DoubleArrayList();
      double total = 0;
      for (int j = 0; j < jockeys; j++) {
        if (jockeyJumps[j] == (kind == 1)) {
          ids.add(j);
          // Better jockeys get more rides, as in life.
          total += Math.exp(1.8 * jockeySkill[j]);
          cum.add(total);
        }
      }
      jockeyOfKind[kind] = ids.toIntArray();
      jockeyCumWeight[kind] = cum.toDoubleArray();
    }
    trainerSkill = new double[trainers];
    trainerJockeys = new int[trainers][];
    IntArrayList[] byKind = {new IntArrayList(), new IntArrayList()};
    for (int t = 0; t < trainers; t++) {
      trainerSkill[t] = rng.nextGaussian() * 0.35;
      int kind = rng.nextDouble() < 0.45 ? 1 : 0;
      byKind[kind].add(t);
      if (rng.nextDouble() < 0.25) {
        byKind[1 - kind].add(t); // dual-purpose yard
      }
      trainerJockeys[t] = new int[] {pickJockey(kind), pickJockey(kind), pickJockey(kind)};
      trainerName.add(Names.person(rng));
    }
    trainerOfKind[0] = byKind[0].toIntArray();
    trainerOfKind[1] = byKind[1].toIntArray();
  }

  private Course[] makeCourses() {
    String[][] table = Names.COURSES;
    Course[] out = new Course[table.length];
    for (int c = 0; c < table.length; c++) {
      String kind = table[c][2];
      out[c] = new Course(table[c][0], table[c][1], !kind.equals("J"), !kind.equals("F"),
          kind.equals("AW"));
      courseName.add(table[c][0]);
      courseCountry.add(table[c][1]);
    }
    return out;
  }

  /**
   * Runs the whole schedule: first plans the meetings (which days, which courses, how many races),
   * so the last racing days are known to be racecards before any result is drawn, then runs them.
   */
  void simulate() {
    int target = spec.races();
    double perDay = Math.max(RACES_PER_DAY, target / 3_650.0);
    List<int[]> plan = new ArrayList<>(); // {day, course, races}
    int planned = 0;
    for (int day = 0; planned < target; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      boolean christmas = date.getMonthValue() == 12 && date.getDayOfMonth() == 25;
      if (christmas || rng.nextDouble() < 0.07) {
        continue;
      }
      double meetingsMean = perDay / 7.0;
      int meetings = (int) meetingsMean + (rng.nextDouble() < meetingsMean % 1.0 ? 1 : 0);
      if (rng.nextDouble() < 0.3) {
        meetings += rng.nextBoolean() ? 1 : -1;
      }
      meetings = Math.max(1, Math.min(meetings, courses.length));
      for (int c : distinctCourses(meetings)) {
        if (planned >= target) {
          break;
        }
        int races = Math.min(6 + rng.nextInt(3), target - planned);
        plan.add(new int[] {day, c, races});
        planned += races;
      }
    }
    int cardDays = 0;
    int lastDay = Integer.MAX_VALUE;
    for (int i = plan.size() - 1; i >= 0 && cardDays <= spec.racecardDays(); i--) {
      if (plan.get(i)[0] != lastDay) {
        lastDay = plan.get(i)[0];
        cardDays++;
        if (cardDays <= spec.racecardDays()) {
          racecardDayFrom = lastDay;
        }
      }
    }
    for (int[] m : plan) {
      meeting(m[0], m[1], m[2]);
    }
  }

  private int[] distinctCourses(int k) {
    int[] order = new int[courses.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(order.length - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return Arrays.copyOf(order, k);
  }

  private void meeting(int day, int courseIdx, int races) {
    Course course = courses[courseIdx];
    boolean jumps = course.jumps && (!course.flat || rng.nextBoolean());
    String going = pickGoing(course, jumps);
    String[] startParts = START_TIMES[rng.nextInt(START_TIMES.length)].split(":");
    int minute = Integer.parseInt(startParts[0]) * 60 + Integer.parseInt(startParts[1]);
    for (int i = 0; i < races; i++) {
      race(day, courseIdx, jumps, going, minute);
      minute += 20 + 5 * rng.nextInt(5);
    }
  }

  private String pickGoing(Course course, boolean jumps) {
    if (rng.nextDouble() < 0.02) {
      return null;
    }
    if (jumps) {
      return JUMP_GOING[rng.nextInt(JUMP_GOING.length)];
    }
    return course.allWeather ? AW_GOING[rng.nextInt(AW_GOING.length)] : FLAT_GOING[rng.nextInt(FLAT_GOING.length)];
  }

  private void race(int day, int courseIdx, boolean jumps, String going, int minute) {
    Course course = courses[courseIdx];
    LocalDate date = FIRST_DAY.plusDays(day);
    int id = raceId.size() + 1;
    String type;
    int distance;
    if (!jumps) {
      type = "Flat";
      distance = FLAT_DISTANCES[rng.nextInt(FLAT_DISTANCES.length)];
    } else if (rng.nextDouble() < 0.55) {
      type = "Hurdle";
      distance = 3218 + 201 * rng.nextInt(13);
    } else {
      type = "Chase";
      distance = 3218 + 201 * rng.nextInt(19);
    }
    int cls = 1 + (int) Math.min(6, Math.max(0, Math.round(3.8 + rng.nextGaussian() * 1.4)));
    raceId.add(id);
    raceCourse.add(courseIdx + 1);
    raceDate.add(date.toString());
    raceOff.add(String.format("%02d:%02d", minute / 60, minute % 60));
    raceDistance.add(distance);
    raceGoing.add(going);
    raceSurface.add(rng.nextDouble() < 0.01 ? null : course.allWeather && !jumps ? "AW" : "Turf");
    raceType.add(type);
    raceClass.add(rng.nextDouble() < 0.03 ? NULL_INT : cls);
    racePrize.add(rng.nextDouble() < 0.02 ? Double.NaN : Math.round(60_000.0 / cls / cls + 2_500) * 1.0);

    int declared = (int) Math.max(2, Math.min(20, Math.round(9.8 + rng.nextGaussian() * 3.9)));
    Horse[] field = chooseField(day, jumps ? 1 : 0, declared, cls, date.getYear());
    run(id, day, date, jumps, type, distance, going, field);
  }

  /** Takes the horses that are ready and closest to the class's level, adding debutants if short. */
  private Horse[] chooseField(int day, int kind, int size, int cls, int year) {
    PriorityQueue<Horse> pool = pools.get(kind);
    List<Horse> ready = new ArrayList<>();
    while (ready.size() < size + 6 && !pool.isEmpty() && pool.peek().nextDay <= day) {
      ready.add(pool.poll());
    }
    double level = (4 - cls) * 0.5;
    ready.sort((a, b) -> {
      int c = Double.compare(Math.abs(a.ability - level), Math.abs(b.ability - level));
      return c != 0 ? c : Integer.compare(a.id, b.id);
    });
    Horse[] field = new Horse[size];
    int n = 0;
    for (Horse h : ready) {
      if (n < size) {
        field[n++] = h;
      } else {
        pool.add(h);
      }
    }
    while (n < size) {
      field[n++] = debut(kind, year);
    }
    return field;
  }

  private Horse debut(int kind, int year) {
    int id = horses.size() + 1;
    boolean jumps = kind == 1;
    int age = jumps ? 4 + rng.nextInt(2) : 2 + rng.nextInt(3);
    int[] trainers = trainerOfKind[kind];
    int best = jumps ? 3400 + rng.nextInt(3000) : 1000 + rng.nextInt(2200);
    int career = 1 + (int) Math.round(-Math.log(1 - rng.nextDouble()) * 11);
    Horse h = new Horse(id, jumps, rng.nextGaussian(), best, rng.nextGaussian() * 0.25, year - age,
        trainers[rng.nextInt(trainers.length)], career);
    horses.add(h);
    horseName.add(Names.horse(rng, id));
    horseSex.add(rng.nextDouble() < 0.01 ? null : SEXES[rng.nextInt(SEXES.length)]);
    horseFoaled.add(rng.nextDouble() < 0.005 ? NULL_INT : h.foaled);
    return h;
  }

  private int pickJockey(int kind) {
    double[] cum = jockeyCumWeight[kind];
    int[] ids = jockeyOfKind[kind];
    if (ids.length == 0) {
      return rng.nextInt(jockeySkill.length);
    }
    double x = rng.nextDouble() * cum[cum.length - 1];
    int i = Arrays.binarySearch(cum, x);
    return ids[Math.min(ids.length - 1, i >= 0 ? i : -i - 1)];
  }

  private void run(int race, int day, LocalDate date, boolean jumps, String type, int distance,
      String going, Horse[] field) {
    int n = field.length;
    int kind = jumps ? 1 : 0;
    int[] jockey = new int[n];
    double[] strength = new double[n];
    boolean[] nonRunner = new boolean[n];
    int[] draw = new int[n];
    for (int i = 0; i < n; i++) {
      draw[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = draw[i];
      draw[i] = draw[j];
      draw[j] = tmp;
    }
    double soft = going == null ? 0 : going.contains("Soft") || going.equals("Heavy") ? 1
        : going.contains("Firm") ? -1 : 0;
    for (int i = 0; i < n; i++) {
      Horse h = field[i];
      int j = rng.nextDouble() < 0.65 ? trainerJockeys[h.trainer][rng.nextInt(3)] : pickJockey(kind);
      for (int tries = 0; contains(jockey, i, j + 1); tries++) {
        // A jockey rides one horse a race; past a few draws, take the next free jockey in id order.
        j = tries < 8 ? pickJockey(kind) : (j + 1) % jockeySkill.length;
      }
      jockey[i] = j + 1;
      int age = date.getYear() - h.foaled;
      double agePeak = jumps ? -0.04 * (age - 8) * (age - 8) : -0.06 * (age - 4.5) * (age - 4.5);
      double distanceFit = -2.0 * Math.abs(Math.log((double) distance / h.bestDistance));
      strength[i] = h.ability + 0.45 * jockeySkill[j] + 0.55 * trainerSkill[h.trainer] + agePeak
          + distanceFit + h.likesSoft * soft + 0.15 * Math.min(h.runs, 4);
      nonRunner[i] = rng.nextDouble() < 0.04;
    }

    boolean isCard = day >= racecardDayFrom;
    // Plackett-Luce via Gumbel noise: the win chance of each horse is softmax(strength / BETA).
    final double beta = 1.05;
    double[] score = new double[n];
    double[] market = new double[n];
    double marketSum = 0;
    for (int i = 0; i < n; i++) {
      score[i] = strength[i] / beta - Math.log(-Math.log(rng.nextDouble()));
      if (!nonRunner[i]) {
        market[i] = Math.exp(strength[i] / beta + rng.nextGaussian() * 0.3);
        marketSum += market[i];
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    String[] status = new String[n];
    int[] position = new int[n];
    double[] beaten = new double[n];
    Arrays.fill(position, NULL_INT);
    Arrays.fill(beaten, Double.NaN);
    double fallRisk = "Chase".equals(type) ? 0.105 : "Hurdle".equals(type) ? 0.06 : 0.005;
    int finishers = 0;
    double lengths = 0;
    double lastScore = 0;
    boolean deadHeatDue = !isCard && rng.nextDouble() < 0.005;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (isCard) {
        status[i] = null;
      } else if (nonRunner[i]) {
        status[i] = "NR";
      } else if (rng.nextDouble() < fallRisk * (1.3 - 0.3 * Math.tanh(strength[i]))) {
        status[i] = jumps ? JUMP_FALLS[rng.nextInt(JUMP_FALLS.length)] : FLAT_FALLS[rng.nextInt(FLAT_FALLS.length)];
      } else {
        status[i] = "FIN";
        finishers++;
        if (finishers > 1) {
          lengths += Math.min(25, Math.round(4 * (0.1 + (lastScore - score[i]) * 1.2)) / 4.0);
        }
        lastScore = score[i];
        position[i] = finishers;
        beaten[i] = rng.nextDouble() < 0.01 ? Double.NaN : lengths;
      }
    }
    if (deadHeatDue && finishers >= 2) {
      int level = 1 + rng.nextInt(finishers - 1);
      int first = -1;
      for (int k = 0; k < n; k++) {
        int i = order[k];
        if (position[i] == level) {
          first = i;
        } else if (position[i] == level + 1 && first >= 0) {
          position[i] = level;
          beaten[i] = beaten[first];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      Horse h = field[i];
      runRace.add(race);
      runHorse.add(h.id);
      runJockey.add(rng.nextDouble() < 0.005 ? NULL_INT : jockey[i]);
      runTrainer.add(rng.nextDouble() < 0.003 ? NULL_INT : h.trainer + 1);
      runDraw.add(jumps ? NULL_INT : draw[i]);
      int rating = h.rating;
      double weight = jumps ? 63.5 : 51.0;
      weight += rating == NULL_INT ? 4 : Math.max(0, Math.min(12, (rating - 50) * 0.12));
      runWeight.add(Math.round(weight * 2) / 2.0);
      runAge.add(date.getYear() - h.foaled);
      runRating.add(rating);
      boolean unknownPrice = nonRunner[i] && !isCard || rng.nextDouble() < 0.005;
      double sp = 1.0 / (market[i] / marketSum * 1.15);
      runSp.add(unknownPrice ? Double.NaN : Math.min(251, Math.max(1.02, Math.round(sp * 100) / 100.0)));
      runStatus.add(status[i]);
      runPosition.add(position[i]);
      runBeaten.add(beaten[i]);
      afterRace(h, day, date, status[i], position[i], isCard);
    }
  }

  private static boolean contains(int[] values, int upTo, int value) {
    for (int i = 0; i < upTo; i++) {
      if (values[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** Moves the horse's rating and schedule on; retires it when its career is over. */
  private void afterRace(Horse h, int day, LocalDate date, String status, int position, boolean card) {
    if ("NR".equals(status)) {
      h.nextDay = day + 7 + rng.nextInt(15);
      pools.get(h.jumps ? 1 : 0).add(h);
      return;
    }
    h.runs++;
    if (!card) {
      if (h.rating != NULL_INT) {
        int delta = position == 1 ? 4 + rng.nextInt(5) : position == 2 ? 2 : position == 3 ? 1
            : position == NULL_INT ? -1 : -1 - rng.nextInt(3);
        h.rating = Math.max(10, Math.min(175, h.rating + delta));
      } else if (h.runs >= 3) {
        h.rating = (int) Math.max(20, Math.min(160,
            Math.round((h.jumps ? 100 : 70) + 17 * h.ability + rng.nextGaussian() * 5)));
      }
    }
    int age = date.getYear() - h.foaled;
    if (h.runs >= h.careerRuns || age >= (h.jumps ? 13 : 11)) {
      return;
    }
    h.nextDay = day + 14 + rng.nextInt(57);
    pools.get(h.jumps ? 1 : 0).add(h);
  }

}
