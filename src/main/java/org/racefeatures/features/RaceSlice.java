package org.racefeatures.features;

/**
 * The target rows of one race, as a family sees them.
 *
 * @param race the race index (row of the race table)
 * @param rows the runner rows of the target rows (status not 'NR'), in runner_id order
 * @param firstOut the output row of {@code rows[0]}; target {@code i} is output row {@code firstOut + i}
 * @param cursors the batch's window cursors (the batch's own: its races come in time order)
 */
public record RaceSlice(int race, int[] rows, int firstOut, WindowCursors cursors) {}
