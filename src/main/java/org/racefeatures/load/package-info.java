/**
 * The bulk loader: the input's {@code races} and {@code runners}, read through sqlite-jdbc, checked
 * and laid out as the engine's Arrow tables in race-time order ({@link
 * org.racefeatures.load.Loader}).
 *
 * <h2>Memory</h2>
 *
 * A load holds each runner column once, in about the width it keeps. The readers write numbers and
 * status codes straight into the data buffers of Arrow vectors, outside the Java heap, each number
 * column in the narrowest width that has held its values so far ({@code NarrowValues}: 1, 2 or 4
 * bytes for a whole number, 4 for a real while each is exactly a float, else 8), widened by one copy
 * when a value does not fit; their NULL flags as bits. The fingerprints read them in input order;
 * then each vector is put in race-time order in its own buffer, by following the cycles of the row
 * permutation, and handed to the {@code RunnerTable} in the fewest bytes that keep every value
 * ({@code model.CompactInts}: a whole number in 1, 2, 4 or 8 bytes; {@code model.CompactDoubles}: a
 * real as a 1- or 2-byte code into its column's distinct values where it has at most 65,536 of
 * them, else in 4 or 8 bytes). Ids are held as 32-bit ints where they fit (a wider one beside them),
 * and each id column's dense keys are written over its ids.
 *
 * <p>Measured at 450,000 races (4,418,010 runner rows, 394,494 horses, 4,500 jockeys, 3,462
 * trainers), with {@code -Xlog:gc}, a heap histogram, and RSS sampled from /proc:
 *
 * <ul>
 *   <li>the loaded tables, off the heap: 114 MB, 27 bytes per runner row, races included (what
 *       {@code generate}'s load line states, from the allocator's count; 306 MB and about 67 bytes
 *       before the columns were compacted, 186 MB and 44 bytes before reals were coded, 135 MB and
 *       32 bytes while whole numbers were signed and each row kept its race index). The widths the
 *       demo's columns take: runner id and horse 4 bytes; jockey, trainer and the starting price
 *       (24,908 distinct prices, a 2-byte code) 2; rating (10-175: one unsigned byte), draw, age,
 *       position, status, weight (50 distinct) and beaten lengths (97 distinct) 1. At 4.5 million
 *       races: 1,143 MB, 27 bytes per runner row (45,000 jockeys and 34,600 trainers: still 2
 *       bytes, as unsigned spans);
 *   <li>the read columns at the end of the read, before the compact copies: about 41 bytes per row
 *       (61 when every number was read in its type's 4 or 8 bytes);
 *   <li>on the heap during the load: 42-80 MB live at its last collections (the race order's arrays,
 *       the races' texts, the id dictionaries), about 10-18 bytes per runner row, against 126 (557
 *       MB) when every column was read into Java arrays first;
 *   <li>per horse, jockey, trainer or race id: about 12-16 bytes on the heap (its id as a primitive
 *       long and its lookup entry; 35 while ids were boxed), small beside the rows;
 *   <li>the history the feature engine builds from the tables ({@code features.History}, whose
 *       package states its measured bytes): facts per row only from 365 days before the races it
 *       computes, and running state per key for the races before; a run of more than {@code
 *       --history-rows} runner rows builds one per chunk of races, one at a time, each holding rows
 *       only from its own first race.
 * </ul>
 *
 * Every run still loads every row: the ratings and the all-time counts depend on every earlier
 * race, and are computed from the loaded rows (in one pass, not held per row, for a selection).
 */
package org.racefeatures.load;
