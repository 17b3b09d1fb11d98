package org.racefeatures.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.racefeatures.cli.Main;
import picocli.CommandLine;

/** Runs the {@code racefeatures} command in-process and captures what it prints. */
public final class Cli {
  public record Result(int exit, String out, String err) {}

  private Cli() {}

  public static Result run(String... args) {
    CommandLine cl = Main.commandLine(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** Runs and fails the test unless the exit code is 0. */
  public static Result ok(String... args) {
    Result r = run(args);
    if (r.exit() != 0) {
      throw new AssertionError("exit " + r.exit() + " for " + String.join(" ", args) + "\n" + r.err());
    }
    return r;
  }
}
