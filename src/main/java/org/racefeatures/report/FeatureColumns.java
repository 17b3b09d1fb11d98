package org.racefeatures.report;

import it.unimi.dsi.fastutil.bytes.ByteArrayList;
import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import org.racefeatures.features.ValueType;

/**
 * The rows of {@code runner_features} a report looks at, held column by column: every feature as
 * doubles (integers are exact to 2^53) or, for a category or id, as codes into its distinct values;
 * per row the label {@code won} and the race's month.
 *
 * <p>A NULL number is held as NaN: SQLite cannot store a NaN (it stores NULL instead), so no value
 * read from the table is NaN. A NULL category is code -1.
 */
final class FeatureColumns {
  /** The label the report scores features against. */
  static final String LABEL = "won";

  final List<Feature> features = FeatureCatalogue.features();
  private final DoubleArrayList[] numbers = new DoubleArrayList[features.size()];
  private final IntArrayList[] codes = new IntArrayList[features.size()];
  private final List<List<String>> values = new ArrayList<>();
  private final List<Object2IntOpenHashMap<String>> valueCodes = new ArrayList<>();
  private final ByteArrayList won = new ByteArrayList();
  private final IntArrayList month = new IntArrayList();
  private final Set<Object> races = new HashSet<>();
  private int firstDay = Integer.MAX_VALUE;
  private int lastDay = Integer.MIN_VALUE;

  private FeatureColumns() {
    for (int f = 0; f < features.size(); f++) {
      values.add(new ArrayList<>());
      valueCodes.add(new Object2IntOpenHashMap<>());
      if (isCategory(features.get(f))) {
        codes[f] = new IntArrayList();
      } else {
        numbers[f] = new DoubleArrayList();
      }
    }
  }

  /**
   * Reads every batch of {@code reader} (the export's {@code FeatureSchema}). Does not close it.
   *
   * @param expectedRows the rows to allocate for at once (more are taken if they come)
   */
  static FeatureColumns read(ArrowReader reader, int expectedRows) throws IOException {
    FeatureColumns c = new FeatureColumns();
    c.won.ensureCapacity(expectedRows);
    c.month.ensureCapacity(expectedRows);
    for (int f = 0; f < c.features.size(); f++) {
      if (c.codes[f] != null) {
        c.codes[f].ensureCapacity(expectedRows);
      } else {
        c.numbers[f].ensureCapacity(expectedRows);
      }
    }
    while (reader.loadNextBatch()) {
      c.add(reader.getVectorSchemaRoot());
    }
    return c;
  }

  /** A category or id feature: summarised by its distinct values, not as a number. */
  static boolean isCategory(Feature f) {
    return f.type() == ValueType.CATEGORY || f.type() == ValueType.ID;
  }

  private void add(VectorSchemaRoot root) {
    int n = root.getRowCount();
    DateDayVector date = (DateDayVector) root.getVector("race_date");
    FieldVector raceId = root.getVector("race_id");
    BaseIntVector label = (BaseIntVector) root.getVector(LABEL);
    Object previousRace = null;
    int previousDay = Integer.MIN_VALUE;
    int previousMonth = 0;
    for (int i = 0; i < n; i++) {
      int day = date.get(i); // the reader rejects a row without a date
      if (day != previousDay) { // a race's rows share one date
        firstDay = Math.min(firstDay, day);
        lastDay = Math.max(lastDay, day);
        LocalDate d = LocalDate.ofEpochDay(day);
        previousMonth = d.getYear() * 12 + d.getMonthValue() - 1;
        previousDay = day;
      }
      month.add(previousMonth);
      won.add(label.isNull(i) ? -1 : (byte) label.getValueAsLong(i));
      Object race = raceId.getObject(i);
      if (!Objects.equals(race, previousRace)) { // a race's rows are usually together: skip the set then
        races.add(race instanceof org.apache.arrow.vector.util.Text t ? t.toString() : race);
        previousRace = race;
      }
    }
    for (int f = 0; f < features.size(); f++) {
      FieldVector v = root.getVector(features.get(f).name());
      if (codes[f] != null) {
        addCodes(f, v, n);
        continue;
      }
      DoubleArrayList out = numbers[f];
      int at = out.size();
      out.size(at + n);
      double[] to = out.elements();
      boolean nulls = v.getNullCount() > 0;
      if (v instanceof Float8Vector fv) {
        for (int i = 0; i < n; i++) {
          to[at + i] = nulls && fv.isNull(i) ? Double.NaN : fv.get(i);
        }
      } else {
        BigIntVector iv = (BigIntVector) v;
        for (int i = 0; i < n; i++) {
          to[at + i] = nulls && iv.isNull(i) ? Double.NaN : iv.get(i);
        }
      }
    }
  }

  private void addCodes(int f, FieldVector v, int n) {
    IntArrayList out = codes[f];
    Object2IntOpenHashMap<String> known = valueCodes.get(f);
    List<String> names = values.get(f);
    for (int i = 0; i < n; i++) {
      if (v.isNull(i)) {
        out.add(-1);
        continue;
      }
      String value = v.getObject(i).toString();
      int code = known.getOrDefault(value, -1);
      if (code < 0) {
        code = names.size();
        names.add(value);
        known.put(value, code);
      }
      out.add(code);
    }
  }

  int rows() {
    return won.size();
  }

  long races() {
    return races.size();
  }

  /** The first race date of the rows; null without rows. */
  LocalDate firstDate() {
    return rows() == 0 ? null : LocalDate.ofEpochDay(firstDay);
  }

  LocalDate lastDate() {
    return rows() == 0 ? null : LocalDate.ofEpochDay(lastDay);
  }

  /** Feature {@code f}'s values (NaN for NULL), or null for a category; {@link #rows()} long. */
  double[] numbers(int f) {
    return numbers[f] == null ? null : numbers[f].elements();
  }

  /** Category {@code f}'s codes (-1 for NULL), or null for a number. */
  int[] codes(int f) {
    return codes[f] == null ? null : codes[f].elements();
  }

  /** Category {@code f}'s distinct values, by code. */
  List<String> values(int f) {
    return values.get(f);
  }

  /** Per row: 1 won, 0 not, -1 NULL (a racecard). */
  byte[] won() {
    return won.elements();
  }

  /** Per row: its race's month, as year * 12 + month - 1. */
  int[] months() {
    return month.elements();
  }

  /** The index of the feature named {@code name}. */
  int indexOf(String name) {
    for (int f = 0; f < features.size(); f++) {
      if (features.get(f).name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("no feature " + name);
  }
}
