/**
 * The feature engine: the catalogue's features ({@link org.racefeatures.features.FeatureCatalogue}),
 * each race's computed from a {@link org.racefeatures.features.History} prepared once from the
 * loaded tables. Knows no JDBC.
 *
 * <h2>Memory of a history</h2>
 *
 * A history holds facts per runner row (keys, run, won, placed, norm_pos, market rank and
 * probability, the rating before the race) from its base row on, and run lists of horses,
 * jockeys, trainers and four pairs. For every race the base is row 0. For a selection (a chunk,
 * a date range, an update) it is the first row of the first race within 365 days of the
 * selection's first race, as far back as a jockey's or trainer's window looks; what the
 * features read of the races before it, {@code Prelude} keeps in one pass in race-time order as
 * running state per key: every horse's rating, the selection's pairs' runs and wins, its
 * jockeys' and trainers' market sums, and the runs of its own horses (their form reads every
 * earlier run). Every value is the same to the bit as a history of every row gives: the sums are
 * added in the same order.
 *
 * <p>Measured at 450,000 races (4,418,010 runner rows) from a heap dump during the compute stage
 * of {@code generate --from 2024-09-09} (45,056 races; 855,376 rows held from the base): about 64
 * bytes per held row, 64 bytes per run of the selection's horses (905,409 runs, their run list
 * and {@code HorseRuns}), 44 bytes per held run of its jockeys and trainers (run lists and
 * market sums), 28 bytes per target row (each group's position of the row), 20 bytes per race
 * and 8 per horse: 270 MB live on the heap in all, against 572 MB when every row's facts were
 * held. A history of every race is about 300 bytes per row: every row is held, and every
 * horse's, jockey's, trainer's and pair's runs are listed; so {@code generate} builds one only for
 * a run of at most {@code --history-rows} runner rows, and computes a larger run in chunks of races,
 * a history of a selection each, one at a time ({@code pipeline.HistoryChunks}). The chunks of
 * such a run share a {@code Past} instead of a Prelude each: the same running state, for every
 * key, carried from chunk to chunk, so the run reads each earlier row once in all (a Prelude per
 * chunk read every row before it again: at 4.5 million races, 89 chunks, the run took 927 s that
 * way and 404-433 s with the past). The past also keeps the runs of its last 365 days (17 bytes
 * each: row, race, won, market probability), which a chunk's jockeys' and trainers' windows read,
 * so a chunk of such a run holds rows only from its own first race's time: its year before is
 * listed per jockey and trainer ({@code WindowRuns}), not held per row (at 4.5 million races a
 * year is about 1.4 million rows against a chunk's 500,000). It holds 4 bytes per earlier run (the
 * horse's run before it, from which a chunk's horses' earlier runs are listed), 28 per horse (its
 * rating, its latest run, its rating before that run and the highest before any: all the features
 * read of an earlier run's rating), and per pair seen its runs and wins in a hash map of 12 bytes a
 * slot ({@code PairCounts}; 16 where pair numbers exceed an int), up to twice as many slots as
 * pairs; it held 12 bytes per earlier run while each run's rating was kept.
 */
package org.racefeatures.features;
