package org.racefeatures.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One timed run of {@code racefeatures} as a whole process, JVM start to exit: wall time, the
 * stage split it prints, and peak RSS (VmHWM, polled from /proc while it runs).
 */
record ProcessRun(double wallSeconds, double load, double prepare, double compute, double write,
    long rows, long peakRssKb, String output) {

  private static final Pattern SPLIT = Pattern.compile(
      "load ([0-9.]+) s, prepare ([0-9.]+) s, compute ([0-9.]+) s, write ([0-9.]+) s");
  private static final Pattern ROWS = Pattern.compile("races and ([0-9,]+) runner rows written");

  /**
   * The command that starts racefeatures as a user does: the launcher {@code racefeatures} that
   * the build writes beside the jar, else the jar with {@code java -jar}, else this JVM's class path.
   */
  static List<String> command(Path jar) {
    if (hasLauncher(jar)) {
      return new ArrayList<>(List.of("sh", jar.resolveSibling("racefeatures").toString()));
    }
    return plainJava(jar);
  }

  /** Whether the jar is built and the launcher the build writes sits beside it. */
  static boolean hasLauncher(Path jar) {
    return jar != null && Files.isRegularFile(jar) && Files.isRegularFile(jar.resolveSibling("racefeatures"));
  }

  /** {@code java -jar} with the JVM's default options (or the class path when no jar is built). */
  static List<String> plainJava(Path jar) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (jar != null && Files.isRegularFile(jar)) {
      cmd.add("-jar");
      cmd.add(jar.toString());
    } else {
      cmd.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("org.racefeatures.cli.Main");
    }
    return cmd;
  }

  /**
   * Writes the file data the harness itself left dirty (a copy of a 1.6 GB table, a run's output)
   * to disk before a timed run, so the run does not share the machine's two cores with that
   * writeback. {@code sync}; where it is missing, nothing.
   */
  static void flushWrites() throws InterruptedException {
    try {
      new ProcessBuilder("sync").inheritIO().start().waitFor();
    } catch (IOException e) {
      // No sync command: the runs are timed as they come.
    }
  }

  static ProcessRun run(List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("racefeatures-bench", ".log");
    try {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long peak = 0;
      Path status = Path.of("/proc", Long.toString(p.pid()), "status");
      while (!p.waitFor(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        peak = Math.max(peak, highWaterMark(status));
      }
      double wall = (System.nanoTime() - start) / 1e9;
      String out = Files.readString(log);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", command) + "\n" + out);
      }
      Matcher m = SPLIT.matcher(out);
      Matcher r = ROWS.matcher(out);
      boolean split = m.find();
      return new ProcessRun(wall, split ? Double.parseDouble(m.group(1)) : Double.NaN,
          split ? Double.parseDouble(m.group(2)) : Double.NaN, split ? Double.parseDouble(m.group(3)) : Double.NaN,
          split ? Double.parseDouble(m.group(4)) : Double.NaN,
          r.find() ? Long.parseLong(r.group(1).replace(",", "")) : -1, peak, out);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** VmHWM in kB, or 0 when /proc is not there (not Linux) or the process has gone. */
  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended between two polls
    }
    return 0;
  }
}
