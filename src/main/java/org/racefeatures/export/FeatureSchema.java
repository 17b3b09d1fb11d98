package org.racefeatures.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;

/**
 * The Arrow schema of an exported file: the table's columns in order, 64-bit integers and doubles,
 * every column nullable, {@code race_date} a date (days). An id key ({@code race_id}, {@code
 * horse_id}, and the feature {@code course_id}) is a 64-bit integer, or a string where the rows hold
 * text ids (an integer id among them is then written as its decimal text). A category ({@code
 * going}, {@code surface}, {@code race_type}) is a string.
 */
public final class FeatureSchema {
  private FeatureSchema() {}

  /** Keys then catalogue columns, as in the table. */
  public static List<Feature> columns() {
    return FeatureCatalogue.tableColumns();
  }

  /** @param textIds the id columns to write as strings */
  public static Schema schema(Map<String, String> metadata, java.util.Set<String> textIds) {
    List<Field> fields = new ArrayList<>();
    for (Feature f : columns()) {
      ArrowType type = switch (f.type()) {
        case INTEGER -> new ArrowType.Int(64, true);
        case REAL -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        case TEXT -> new ArrowType.Date(DateUnit.DAY);
        case ID -> textIds.contains(f.name()) ? ArrowType.Utf8.INSTANCE : new ArrowType.Int(64, true);
        case CATEGORY -> ArrowType.Utf8.INSTANCE;
      };
      fields.add(new Field(f.name(), FieldType.nullable(type), null));
    }
    return new Schema(fields, metadata);
  }
}
