package org.racefeatures.export;

import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureRows;
import org.racefeatures.features.ValueType;

/** Copies a {@link FeatureRows} batch into Arrow vectors of the {@link FeatureSchema}. */
final class BatchFiller {
  private BatchFiller() {}

  static void fill(FeatureRows rows, VectorSchemaRoot root) {
    int n = rows.size();
    root.allocateNew();
    List<Feature> cols = FeatureSchema.columns();
    BigIntVector runner = (BigIntVector) root.getVector(0);
    DateDayVector date = (DateDayVector) root.getVector(3);
    String lastText = null;
    int lastDay = 0;
    for (int r = 0; r < n; r++) {
      runner.setSafe(r, rows.runnerId(r));
      setId(root.getVector(1), r, rows.raceId(r));
      setId(root.getVector(2), r, rows.horseId(r));
      String text = rows.raceDate(r);
      if (!text.equals(lastText)) { // rows of a race share one date string
        lastText = text;
        lastDay = (int) LocalDate.parse(text).toEpochDay();
      }
      date.setSafe(r, lastDay);
    }
    for (int c = 4; c < cols.size(); c++) {
      int column = c - 4;
      ValueType type = cols.get(c).type();
      if (type == ValueType.ID || type == ValueType.CATEGORY) {
        FieldVector v = root.getVector(c);
        Object[] values = rows.values(column);
        for (int r = 0; r < n; r++) {
          if (values[r] == null) {
            v.setNull(r);
          } else {
            setId(v, r, values[r]);
          }
        }
      } else if (type == ValueType.INTEGER) {
        BigIntVector v = (BigIntVector) root.getVector(c);
        long[] values = rows.ints(column);
        for (int r = 0; r < n; r++) {
          if (values[r] == FeatureRows.NULL_INT) {
            v.setNull(r);
          } else {
            v.setSafe(r, values[r]);
          }
        }
      } else {
        Float8Vector v = (Float8Vector) root.getVector(c);
        double[] values = rows.reals(column);
        for (int r = 0; r < n; r++) {
          if (Double.isNaN(values[r])) {
            v.setNull(r);
          } else {
            v.setSafe(r, values[r]);
          }
        }
      }
    }
    root.setRowCount(n);
  }

  /** An id or category into an int64 or a string column, as the schema has it. */
  private static void setId(FieldVector vector, int row, Object id) {
    if (vector instanceof VarCharVector text) {
      text.setSafe(row, new Text(id.toString()));
    } else {
      ((BigIntVector) vector).setSafe(row, (Long) id);
    }
  }
}
