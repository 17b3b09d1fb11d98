package org.racefeatures.report;

/**
 * The calendar months a report covers, from the first row's to the last row's, each as
 * {@code year * 12 + month - 1}. The PSI compares the first 12 of them with the last 12, and only
 * when those do not overlap (at least 24 months).
 */
record Months(int first, int last) {
  static Months of(FeatureColumns c) {
    return c.rows() == 0 ? new Months(0, 0)
        : new Months(index(c.firstDate()), index(c.lastDate()));
  }

  static int index(java.time.LocalDate d) {
    return d.getYear() * 12 + d.getMonthValue() - 1;
  }

  int count() {
    return last - first + 1;
  }

  boolean hasTwoYears() {
    return count() >= 24;
  }

  boolean inFirstYear(int month) {
    return month - first < 12;
  }

  boolean inLastYear(int month) {
    return last - month < 12;
  }

  /** The {@code i}-th month of the span as YYYY-MM. */
  String name(int i) {
    int m = first + i;
    return String.format("%04d-%02d", m / 12, m % 12 + 1);
  }
}
