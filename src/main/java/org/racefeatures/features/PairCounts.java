package org.racefeatures.features;

import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * The runs and wins of each pair of keys seen (a pair numbered as {@link PairKeys#pair}), in a
 * hash map of the pair's number: keyed by an int where every pair's number fits in one (12 bytes a
 * slot; the pairs of tens of thousands of jockeys and trainers do), else by a long (16 bytes).
 * The maps fill to 90% before they double (fastutil's default is 75%): they are the largest part of
 * a long run's past (14.7 million jockey-trainer pairs in the 4.5-million-race demo: 2^24 slots
 * at 90%, 2^25 at 75%), and a probe of a fuller map costs little beside the run's other reads.
 */
final class PairCounts {
  /** A value's runs are its low 32 bits, its wins the high. */
  private static final long RUN = 1;
  private static final long WIN = 1L << 32;
  /** The share of slots filled before a map doubles. */
  private static final float FILL = 0.9f;

  private final Int2LongOpenHashMap small;
  private final Long2LongOpenHashMap large;

  /** For pairs of a key of {@code aKeys} with one of {@code bKeys}. */
  PairCounts(int aKeys, int bKeys) {
    boolean fits = (long) aKeys * bKeys <= Integer.MAX_VALUE;
    small = fits ? new Int2LongOpenHashMap(16, FILL) : null;
    large = fits ? null : new Long2LongOpenHashMap(16, FILL);
  }

  /** Counts a run of {@code pair}. */
  void add(long pair, boolean won) {
    long v = won ? RUN | WIN : RUN;
    if (small != null) {
      small.addTo((int) pair, v);
    } else {
      large.addTo(pair, v);
    }
  }

  private long get(long pair) {
    return small != null ? small.get((int) pair) : large.get(pair);
  }

  int runs(long pair) {
    return (int) get(pair);
  }

  int wins(long pair) {
    return (int) (get(pair) >>> 32);
  }
}
