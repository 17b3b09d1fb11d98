package org.racefeatures.load;

/**
 * Per race, a 64-bit fingerprint of its input as read: the race row and all of its runner rows (in
 * runner_id order), every column the catalogue reads, ids by their stored value and class (never
 * by the load's numbering, which depends on the rest of the file). Two reads of unchanged rows give
 * the same fingerprint; any change of a read value changes it but for a 2^-64 chance. Computed from
 * the columns the load holds, not from a second read.
 */
final class Fingerprints {
  private Fingerprints() {}

  /**
   * Fills {@code out} with the fingerprints of the kept races at positions {@code from} to {@code to
   * - 1} in race-time order (each race's depends on its rows alone, so parts may be filled by
   * different threads).
   */
  static void fill(InputColumns.Races rc, InputColumns.Runners rn, RaceOrder order, long[] out, int from, int to) {
    for (int pos = from; pos < to; pos++) {
      int race = order.races[pos];
      Hash h = new Hash();
      h.id(rc.raceId, race).id(rc.courseId, race).text(rc.date.values[race]).text(rc.offTime.values[race])
          .number(rc.distance, race).text(rc.going.values[race]).text(rc.surface.values[race])
          .text(rc.raceType.values[race]).number(rc.raceClass, race).number(rc.prize, race);
      for (int r = order.firstRunner[pos]; r < order.firstRunner[pos + 1]; r++) {
        int row = order.rows[r];
        h.number(rn.runnerId, row).id(rn.horseId, row).id(rn.jockeyId, row).id(rn.trainerId, row)
            .number(rn.draw, row).number(rn.weight, row).number(rn.age, row).number(rn.rating, row)
            .number(rn.sp, row).add(rn.status.codes[row]).number(rn.position, row).number(rn.beaten, row);
      }
      out[pos] = h.value();
    }
  }

  /**
   * A running 64-bit hash: each value is mixed in with a tag for its kind (so NULL, 0 and "" differ),
   * by one multiply and shift per value (the load's cold code pays per value), and the whole run of
   * values is finished by SplitMix64's finaliser.
   */
  private static final class Hash {
    private long state = 0x9E3779B97F4A7C15L;

    Hash add(long v) {
      long z = (state + v) * 0xBF58476D1CE4E5B9L;
      state = Long.rotateLeft(z ^ (z >>> 31), 27) * 0x94D049BB133111EBL;
      return this;
    }

    Hash id(IdReader ids, int row) {
      if (ids.isNull[row]) {
        return add(1);
      }
      Object v = ids.id(row);
      return v instanceof String s ? add(2).text(s) : add(3).add((Long) v);
    }

    Hash text(String s) {
      if (s == null) {
        return add(4);
      }
      add(5).add(s.length());
      for (int i = 0; i < s.length(); i += 4) {
        long chunk = 0;
        for (int j = i; j < Math.min(s.length(), i + 4); j++) {
          chunk = chunk << 16 | s.charAt(j);
        }
        add(chunk);
      }
      return this;
    }

    Hash number(ColumnReader.Longs c, int row) {
      return c.isNull[row] ? add(6) : add(7).add(c.values[row]);
    }

    /** As a {@link ColumnReader.Longs} value: the same fingerprint whichever width holds it. */
    Hash number(ColumnReader.Ints c, int row) {
      return c.isNull[row] ? add(6) : add(7).add(c.values[row]);
    }

    Hash number(ColumnReader.Doubles c, int row) {
      return c.isNull[row] ? add(6) : add(8).add(Double.doubleToLongBits(c.values[row]));
    }

    long value() {
      return mix(state);
    }

    /** The finaliser of SplitMix64: every input bit affects every output bit. */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
