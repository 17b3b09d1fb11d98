package org.racefeatures.features;

import java.util.Arrays;

/**
 * Where the day windows of each jockey and trainer start, remembered from race to race of one
 * batch. A batch's races come in time order, so a key's next window starts at or after where its
 * last one did: the start is found by stepping on from there (a few runs) instead of bisecting the
 * key's whole history each time. Owned by one batch, so by one worker; never shared.
 */
final class WindowCursors {
  /** The longest window: no jockey or trainer feature reads a run older than this before its race. */
  static final int LONGEST_WINDOW_DAYS = 365;

  /** The jockey's and the trainer's windows, by day count. */
  final Cursor jockey365;
  final Cursor jockey90;
  final Cursor jockey14;
  final Cursor trainer365;
  final Cursor trainer90;
  final Cursor trainer14;

  WindowCursors(History h) {
    jockey365 = new Cursor(h.jockeys, LONGEST_WINDOW_DAYS);
    jockey90 = new Cursor(h.jockeys, 90);
    jockey14 = new Cursor(h.jockeys, 14);
    trainer365 = new Cursor(h.trainers, LONGEST_WINDOW_DAYS);
    trainer90 = new Cursor(h.trainers, 90);
    trainer14 = new Cursor(h.trainers, 14);
  }

  /** The window of {@code days} days of one {@link RunGroups}, per key. */
  static final class Cursor {
    final RunGroups groups;
    final int days;
    /** Per key: the start last found, or -1. */
    private final int[] position;
    /** Per key: the first day of the window it was found for. */
    private final int[] minDay;

    Cursor(RunGroups groups, int days) {
      this.groups = groups;
      this.days = days;
      position = new int[groups.keys()];
      minDay = new int[groups.keys()];
      Arrays.fill(position, -1);
    }

    /**
     * The first position in {@code start(key) .. end} whose day is at least {@code day - days}: as
     * {@link RunGroups#windowStart}. Every position before the remembered one has a day before the
     * window it was found for, so where that window began no later, the answer is at or after it.
     */
    int start(int key, int end, int day) {
      int from = day - days;
      int p = position[key];
      if (p >= 0 && minDay[key] <= from && p <= end) {
        while (p < end && groups.day(p) < from) {
          p++;
        }
      } else {
        p = groups.windowStart(key, end, from);
      }
      position[key] = p;
      minDay[key] = from;
      return p;
    }
  }
}
