package org.racefeatures.pipeline;

/** Where a run tells what it is doing before its races are computed, and what it found. */
public interface Reporter {
  /** A finding the user reads with the results ("12 races changed ..."). */
  default void notice(String line) {}

  /** A stage starting, before any race is computed ("loading races and runners"). */
  default void stage(String what) {}

  /** The stage just started ended after {@code seconds}, having done {@code what}. */
  default void stageDone(String what, double seconds) {}

  /** Reports nothing. */
  Reporter NONE = new Reporter() {};
}
