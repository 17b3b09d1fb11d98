/**
 * The bulk loader: the input's {@code races} and {@code runners}, read through sqlite-jdbc, checked
 * and laid out as the engine's Arrow tables in race-time order ({@link
 * org.racefeatures.load.Loader}).
 *
 * <h2>Memory</h2>
 *
 * A load holds each runner column once. The readers write numbers and status codes straight into
 * the data buffers of Arrow vectors, outside the Java heap, and their NULL flags as bits; the
 * fingerprints read them in input order; then each vector is put in race-time order in its own
 * buffer, by following the cycles of the row permutation, and handed to the {@code RunnerTable}
 * in the narrowest width that keeps every value ({@code model.CompactInts}: a whole number in 1, 2,
 * 4 or 8 bytes; {@code model.CompactDoubles}: a real in 4 bytes where every value of its column is
 * exactly a float). Ids are held as 32-bit ints where they fit (a wider one beside them), and each
 * id column's dense keys are written over its ids.
 *
 * <p>Measured at 450,000 races (4,418,010 runner rows, 394,494 horses, 4,500 jockeys, 3,462
 * trainers), with {@code -XX:NativeMemoryTracking=summary} and {@code -Xlog:gc}:
 *
 * <ul>
 *   <li>the loaded tables, off the heap: 186 MB, 44 bytes per runner row, races included (what
 *       {@code generate}'s load line states, from the allocator's count; 306 MB and about 67 bytes
 *       before the columns were compacted, 223 MB while Arrow rounded each buffer under 16 MB up to
 *       a power of two: {@code generate}'s allocator takes them to the KB). The widths the demo's columns take: runner id, horse
 *       and race 4 bytes, jockey, trainer and rating 2, draw, age, position and status 1, weight
 *       and beaten lengths 4, the starting price 8 (1.34 is not a float). The copy to the narrow
 *       width is made after the read, so the load's peak still holds the read widths (4 and 8
 *       bytes) for a moment;
 *   <li>on the heap during the load: 83 MB live at its last collection (the race order's arrays,
 *       the races' texts, the id dictionaries), about 19 bytes per runner row, against 126 (557
 *       MB) when every column was read into Java arrays first;
 *   <li>per horse, jockey, trainer or race id: about 35 bytes on the heap (its id boxed, its slot
 *       in the dictionary's list and its lookup entry), small beside the rows;
 *   <li>the history the feature engine builds from the tables ({@code features.History}, whose
 *       package states its measured bytes): facts per row only from 365 days before the races it
 *       computes, and running state per key for the races before; a run of more than {@code
 *       --history-rows} runner rows builds one per chunk of races, one at a time.
 * </ul>
 *
 * Every run still loads every row: the ratings and the all-time counts depend on every earlier
 * race, and are computed from the loaded rows (in one pass, not held per row, for a selection).
 */
package org.racefeatures.load;
