package org.racefeatures.cli;

import org.racefeatures.pipeline.RunControl;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, Ctrl-C (SIGINT) asks the run to stop after the batch being written, instead of
 * killing the process mid-transaction; a second Ctrl-C exits at once (SQLite rolls back the open
 * transaction). Closing puts the previous handler back.
 */
final class StopOnInterrupt implements AutoCloseable {
  /** The exit code of a run stopped by SIGINT: 128 + 2, as shells report it. */
  static final int EXIT_INTERRUPTED = 130;

  private final SignalHandler previous;

  StopOnInterrupt(RunControl control, java.io.PrintWriter err) {
    SignalHandler installed;
    try {
      installed = Signal.handle(new Signal("INT"), signal -> {
        if (control.stopRequested()) {
          Runtime.getRuntime().halt(EXIT_INTERRUPTED);
        }
        control.requestStop();
        err.println();
        err.println("stopping after the batch being written (Ctrl-C again to quit at once)");
        err.flush();
      });
    } catch (IllegalArgumentException e) { // no SIGINT here (or the JVM reserves it): default behaviour
      installed = null;
    }
    previous = installed;
  }

  @Override
  public void close() {
    if (previous != null) {
      Signal.handle(new Signal("INT"), previous);
    }
  }
}
