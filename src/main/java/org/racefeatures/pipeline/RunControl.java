package org.racefeatures.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A run seen and steered from outside: a request to stop after the batch being written (Ctrl-C),
 * and how far the run got, readable after a failure too. Thread-safe.
 */
public final class RunControl {
  private volatile boolean stopRequested;
  private volatile long racesToWrite = -1;
  private final AtomicLong racesWritten = new AtomicLong();

  /** Asks the run to stop: the batch being written commits whole, nothing after it is written. */
  public void requestStop() {
    stopRequested = true;
  }

  public boolean stopRequested() {
    return stopRequested;
  }

  /** Races this run was to write, or -1 before it knew. */
  public long racesToWrite() {
    return racesToWrite;
  }

  /** Races this run has written (committed) so far. */
  public long racesWritten() {
    return racesWritten.get();
  }

  void toWrite(long races) {
    racesToWrite = races;
  }

  void written(long races) {
    racesWritten.addAndGet(races);
  }
}
