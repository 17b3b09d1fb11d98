package org.racefeatures.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/** Arrow batches as text rows, for comparing what two readers give; dictionary-encoded columns as their values. */
public final class ArrowRows {
  private ArrowRows() {}

  /** Every value of every row, in the order the reader gives them; closes the reader. */
  public static List<String> readAll(ArrowReader reader) throws Exception {
    List<String> out = new ArrayList<>();
    try (reader) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        for (int i = 0; i < root.getRowCount(); i++) {
          StringBuilder row = new StringBuilder();
          for (FieldVector v : root.getFieldVectors()) {
            org.apache.arrow.vector.types.pojo.DictionaryEncoding d = v.getField().getDictionary();
            Object value = v.getObject(i);
            row.append(d == null || value == null ? value
                : reader.lookup(d.getId()).getVector().getObject((Integer) value)).append('|');
          }
          out.add(row.toString());
        }
      }
    }
    return out;
  }
}
