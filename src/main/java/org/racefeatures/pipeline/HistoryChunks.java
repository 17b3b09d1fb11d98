package org.racefeatures.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.racefeatures.features.FeatureEngine;
import org.racefeatures.features.History;
import org.racefeatures.features.Past;
import org.racefeatures.model.RaceTable;
import org.racefeatures.model.RacingData;

/**
 * A run's races in consecutive chunks of at most {@link #ROWS} runner rows, each computed with a
 * history of its own that is let go before the next is built ({@link History} for a selection:
 * facts per row only from the chunk's first race, and running state per key for the races before,
 * a {@link Past} the chunks carry on in turn, which also lists the runs of the year before that the
 * chunk's jockeys' and trainers' windows read). A chunk's history is then bounded by the chunk,
 * its jockeys' and trainers' runs of the year before, its horses' runs, and the number of horses,
 * jockeys, trainers and pairs, not by the rows before it; the past keeps 4 bytes per earlier run,
 * 28 per horse and 17 per run of its last year. A chunk computes exactly what one history of every
 * race would: the features do not depend on the chunking.
 *
 * <p>Used by one thread, the one that hands batches to the workers.
 */
final class HistoryChunks {
  /**
   * Runner rows per chunk. A history holds about 64 bytes per held row, per run of the chunk's
   * horses and per listed run of its jockeys and trainers (the {@code features} package states
   * what was measured). A full run of the 450,000-race demo (4.4 million rows, 9 chunks) peaked at
   * 1.2-1.4 GB with this, 1.6-1.7 GB with chunks of 1,000,000 rows and 2.5 GB in one history, in
   * about the same time (alternated runs; RESULTS has them); with today's tables and past at
   * 1.1 GB, and the 4.5-million-race demo (89 chunks) at 3.8 GB.
   */
  static final int ROWS = 500_000;

  private final RacingData data;
  private final List<int[]> chunks;
  /** What the chunks so far passed of the races before their held rows; null for one chunk. */
  private final Past past;
  /** The first chunk's engine, built in the prepare stage, until it is taken. */
  private FeatureEngine first;
  private long laterPrepareNanos;

  /** The races {@code selected} (ascending race indices) in chunks of at most {@code rows} runner rows. */
  HistoryChunks(RacingData data, int[] selected, int rows) {
    this.data = data;
    this.chunks = split(data.races(), selected, rows);
    this.past = chunks.size() > 1 ? new Past(data) : null;
  }

  /** Builds the first chunk's history: the run's prepare stage. */
  void prepareFirst() {
    first = new FeatureEngine(new History(data, chunks.get(0), past));
  }

  int size() {
    return chunks.size();
  }

  /** The races of chunk {@code c}. */
  int[] races(int c) {
    return chunks.get(c);
  }

  /**
   * The engine of chunk {@code c}: the prepared one for the first, else built now. Each engine is
   * forgotten here once handed out (the first also when a later one is asked for), and the caller
   * lets each go before asking for the next, so that one history at a time is held.
   */
  FeatureEngine engine(int c) {
    FeatureEngine prepared = first;
    first = null;
    if (c == 0 && prepared != null) {
      return prepared;
    }
    prepared = null; // let go before the next history is built

    long s = System.nanoTime();
    FeatureEngine e = new FeatureEngine(new History(data, chunks.get(c), past));
    laterPrepareNanos += System.nanoTime() - s;
    return e;
  }

  /** Time spent building the histories of chunks after the first. */
  double laterPrepareSeconds() {
    return laterPrepareNanos / 1e9;
  }

  /**
   * The races {@code selected} (ascending race indices) in chunks of at most {@code rows} runner
   * rows each, a race never split; a race with more rows than that is a chunk of its own. An empty
   * selection is one empty chunk.
   */
  static List<int[]> split(RaceTable races, int[] selected, int rows) {
    List<int[]> chunks = new ArrayList<>();
    int start = 0;
    long held = 0;
    for (int i = 0; i < selected.length; i++) {
      if (i > 0 && selected[i] <= selected[i - 1]) {
        throw new IllegalArgumentException("races are not in ascending order at " + i);
      }
      int n = races.endRunner(selected[i]) - races.firstRunner(selected[i]);
      if (i > start && held + n > rows) {
        chunks.add(Arrays.copyOfRange(selected, start, i));
        start = i;
        held = 0;
      }
      held += n;
    }
    chunks.add(Arrays.copyOfRange(selected, start, selected.length));
    return chunks;
  }

  /** The races of {@code todo} (ascending) within the span of {@code chunk}. */
  static int[] within(int[] todo, int[] chunk) {
    if (chunk.length == 0) {
      return chunk;
    }
    return Arrays.copyOfRange(todo, lowerBound(todo, chunk[0]), lowerBound(todo, chunk[chunk.length - 1] + 1));
  }

  private static int lowerBound(int[] ascending, int value) {
    int i = Arrays.binarySearch(ascending, value);
    return i >= 0 ? i : -i - 1;
  }
}
