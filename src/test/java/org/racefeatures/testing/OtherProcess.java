package org.racefeatures.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another program working on a test's database: a class of the test class path run in a JVM of its
 * own, started once it has printed its ready line.
 */
public final class OtherProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;

  private OtherProcess(Process process, BufferedReader out) {
    this.process = process;
    this.out = out;
  }

  /** Starts {@code main} with {@code args} and waits until its first line is {@code ready}. */
  public static OtherProcess start(Class<?> main, String ready, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    OtherProcess other = new OtherProcess(p, out);
    assertEquals(ready, out.readLine());
    return other;
  }

  /** Asks it to stop (a line on its standard input); the lines it printed since it was ready. */
  public List<String> stop() throws Exception {
    process.getOutputStream().write('\n');
    process.getOutputStream().flush();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the other process stopped");
    List<String> lines = out.lines().toList();
    assertEquals(0, process.exitValue(), String.join("\n", lines));
    return lines;
  }

  /** Kills it at once, as a crash or {@code kill -9} would, and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
