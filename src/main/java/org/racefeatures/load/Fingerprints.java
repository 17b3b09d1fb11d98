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
      // A row's digest is a sum of one term per column, each mixed with its column's number, so the
      // columns' mixes run side by side instead of one after another; the rows are then chained in
      // order. The first term is the row's kinds (NULL, integer or text, two bits per column), so a
      // NULL (mixed as 0) differs from 0 and 5 from '5'. One changed cell changes one term, and a
      // mix is one-to-one: the digest changes.
      long kinds = kind(rc.raceId, race) | kind(rc.courseId, race) << 2 | kind(rc.date.values[race]) << 4
          | kind(rc.offTime.values[race]) << 6 | kind(rc.distance, race) << 8 | kind(rc.going.values[race]) << 10
          | kind(rc.surface.values[race]) << 12 | kind(rc.raceType.values[race]) << 14
          | kind(rc.raceClass, race) << 16 | kind(rc.prize, race) << 18;
      h.add(term(0, kinds) + term(1, id(rc.raceId, race)) + term(2, id(rc.courseId, race))
          + term(3, text(rc.date.values[race])) + term(4, text(rc.offTime.values[race]))
          + term(5, rc.distance.get(race)) + term(6, text(rc.going.values[race]))
          + term(7, text(rc.surface.values[race])) + term(8, text(rc.raceType.values[race]))
          + term(9, rc.raceClass.get(race)) + term(10, rc.prize.get(race)));
      for (int r = order.firstRunner[pos]; r < order.firstRunner[pos + 1]; r++) {
        int row = order.rows[r];
        kinds = kind(rn.runnerId, row) | kind(rn.horseId, row) << 2 | kind(rn.jockeyId, row) << 4
            | kind(rn.trainerId, row) << 6 | kind(rn.draw, row) << 8 | kind(rn.weight, row) << 10
            | kind(rn.age, row) << 12 | kind(rn.rating, row) << 14 | kind(rn.sp, row) << 16
            | kind(rn.position, row) << 18 | kind(rn.beaten, row) << 20;
        h.add(term(0, kinds) + term(1, rn.runnerId.get(row)) + term(2, id(rn.horseId, row))
            + term(3, id(rn.jockeyId, row)) + term(4, id(rn.trainerId, row)) + term(5, rn.draw.get(row))
            + term(6, rn.weight.get(row)) + term(7, rn.age.get(row)) + term(8, rn.rating.get(row))
            + term(9, rn.sp.get(row)) + term(10, rn.status.code(row)) + term(11, rn.position.get(row))
            + term(12, rn.beaten.get(row)));
      }
      out[pos] = h.value();
    }
  }

  private static final long NULL = 0;
  private static final long NUMBER = 1;
  private static final long TEXT = 2;

  private static long kind(IdReader ids, int row) {
    return ids.isNull.get(row) ? NULL : ids.texts != null && ids.texts[row] != null ? TEXT : NUMBER;
  }

  private static long kind(ColumnReader.Integers c, int row) {
    return c.isNull.get(row) ? NULL : NUMBER;
  }

  private static long kind(ColumnReader.Doubles c, int row) {
    return c.isNull.get(row) ? NULL : NUMBER;
  }

  private static long kind(String text) {
    return text == null ? NULL : TEXT;
  }

  /** Column {@code column}'s term for value {@code v}: a one-to-one mix of the value and the column. */
  private static long term(int column, long v) {
    return Hash.mix(v + (column + 1) * 0x9E3779B97F4A7C15L);
  }

  /** A REAL by its bits (NULL is held as 0.0: the kinds tell them apart). */
  private static long term(int column, double v) {
    return term(column, Double.doubleToLongBits(v));
  }

  /** An id as one long: an integer as itself, a text by its digest, NULL as 0 (the kinds tell which). */
  private static long id(IdReader ids, int row) {
    if (ids.isNull.get(row)) {
      return 0;
    }
    String t = ids.texts == null ? null : ids.texts[row];
    return t == null ? ids.integerId(row) : text(t);
  }

  /** A text's digest: its length and its chars, four to a mix; NULL as 0 (the kinds tell it from ''). */
  private static long text(String s) {
    if (s == null) {
      return 0;
    }
    Hash h = new Hash();
    h.add(s.length());
    for (int i = 0; i < s.length(); i += 4) {
      long chunk = 0;
      for (int j = i; j < Math.min(s.length(), i + 4); j++) {
        chunk = chunk << 16 | s.charAt(j);
      }
      h.add(chunk);
    }
    return h.value();
  }

  /**
   * A running 64-bit hash: each value mixed into the state by two multiplies, and the whole run of
   * values finished by SplitMix64's finaliser.
   */
  private static final class Hash {
    private long state = 0x9E3779B97F4A7C15L;

    Hash add(long v) {
      long z = (state + v) * 0xBF58476D1CE4E5B9L;
      state = Long.rotateLeft(z ^ (z >>> 31), 27) * 0x94D049BB133111EBL;
      return this;
    }

    long value() {
      return mix(state);
    }

    /** The finaliser of SplitMix64: every input bit affects every output bit. */
    static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
