package org.racefeatures.cli;

import java.io.PrintWriter;
import org.racefeatures.pipeline.Reporter;

/**
 * The run's findings on standard output; its stages before the first race on standard error
 * ("loading races and runners ... loaded 45,000 races and 441,219 runner rows in 0.96 s"), as one
 * line each where the line can be finished in place (a terminal), else a line at start and end.
 */
final class StageLines implements Reporter {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;

  StageLines(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void notice(String line) {
    out.println(line);
    out.flush();
  }

  @Override
  public void stage(String what) {
    if (terminal) {
      err.print(what + " ... ");
    } else {
      err.println(what + " ...");
    }
    err.flush();
  }

  @Override
  public void stageDone(String what, double seconds) {
    err.printf("%s%s in %.2f s%n", terminal ? "" : "  ", what, seconds);
    err.flush();
  }
}
