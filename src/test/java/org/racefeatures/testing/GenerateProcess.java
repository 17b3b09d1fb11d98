package org.racefeatures.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code racefeatures generate} in a JVM of its own (to be killed or interrupted), its output in a
 * log file, and a wait until its output table holds some races.
 */
public final class GenerateProcess {
  private GenerateProcess() {}

  /** Starts {@code generate} with {@code args}, standard output and error both to {@code log}. */
  public static Process start(Path log, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "org.racefeatures.cli.Main", "generate"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits (at most 60 s) until {@code out} holds {@code races} races or the process has ended. */
  public static void awaitRaces(Process p, Path out, long races) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (DbFiles.count(out, "SELECT count(*) FROM feature_races") < races && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
