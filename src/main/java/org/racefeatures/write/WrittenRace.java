package org.racefeatures.write;

/**
 * What {@code feature_races} says of a race whose rows are in the table.
 *
 * @param catalogueVersion the catalogue that computed them
 * @param toolVersion the tool version of the run that wrote them (null if unknown)
 * @param fingerprint the fingerprint of the race's input rows then (null: written before fingerprints)
 * @param startMinute the race's start then, minutes since 1970-01-01 local time (null if unknown)
 * @param racecard whether the race was a racecard then (no runner had a result)
 */
public record WrittenRace(int catalogueVersion, String toolVersion, Long fingerprint, Long startMinute,
    boolean racecard) {}
