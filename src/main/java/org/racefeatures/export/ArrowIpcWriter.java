package org.racefeatures.export;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/**
 * Writes batches of the plain {@link FeatureSchema} (categories as strings) to an Arrow IPC file in
 * which the {@link Dictionaries}' columns are dictionary-encoded: 32-bit indexes into one dictionary
 * per column, written once before the first batch (the file format allows no later replacement,
 * which is why every value must be known first). The other columns' buffers move over unchanged.
 * Used by one thread.
 */
final class ArrowIpcWriter implements AutoCloseable {
  private static final ArrowType.Int INDEX = new ArrowType.Int(32, true);

  private final FileOutputStream out;
  private final VectorSchemaRoot root;
  private final DictionaryProvider.MapDictionaryProvider provider = new DictionaryProvider.MapDictionaryProvider();
  private final ArrowFileWriter writer;
  /** Per column: its index in the dictionary's values, for an encoded column; else null. */
  private final List<Map<Text, Integer>> indexes = new ArrayList<>();
  private boolean anyBatch;

  /** Opens {@code file} for batches of {@code plain}, the schema of the rows to come. */
  ArrowIpcWriter(Path file, Schema plain, Dictionaries dictionaries, BufferAllocator allocator) throws IOException {
    List<Field> fields = new ArrayList<>();
    List<VarCharVector> made = new ArrayList<>();
    try {
      long id = 0;
      for (Field f : plain.getFields()) {
        if (!dictionaries.encodes(f.getName())) {
          fields.add(f);
          indexes.add(null);
          continue;
        }
        DictionaryEncoding encoding = new DictionaryEncoding(id++, false, INDEX);
        List<String> values = dictionaries.values(f.getName());
        VarCharVector dictionary = new VarCharVector(f.getName() + "_dictionary", allocator);
        made.add(dictionary);
        Map<Text, Integer> index = new HashMap<>();
        dictionary.allocateNew();
        for (int i = 0; i < values.size(); i++) {
          byte[] bytes = values.get(i).getBytes(StandardCharsets.UTF_8);
          dictionary.setSafe(i, bytes);
          index.put(new Text(bytes), i);
        }
        dictionary.setValueCount(values.size());
        provider.put(new Dictionary(dictionary, encoding));
        fields.add(new Field(f.getName(), new FieldType(true, INDEX, encoding), null));
        indexes.add(index);
      }
      this.out = new FileOutputStream(file.toFile());
    } catch (IOException | RuntimeException e) {
      made.forEach(VarCharVector::close);
      throw e;
    }
    this.root = VectorSchemaRoot.create(new Schema(fields, plain.getCustomMetadata()), allocator);
    this.writer = new ArrowFileWriter(root, provider, out.getChannel());
    writer.start();
  }

  /** Writes {@code batch} (rows of the plain schema); its vectors' buffers are moved, so it is empty after. */
  void write(VectorSchemaRoot batch) throws IOException {
    int rows = batch.getRowCount();
    for (int c = 0; c < indexes.size(); c++) {
      FieldVector from = batch.getVector(c);
      FieldVector to = root.getVector(c);
      Map<Text, Integer> index = indexes.get(c);
      if (index == null) {
        from.makeTransferPair(to).transfer();
        continue;
      }
      VarCharVector text = (VarCharVector) from;
      IntVector codes = (IntVector) to;
      codes.allocateNew(Math.max(rows, 1));
      for (int r = 0; r < rows; r++) {
        if (text.isNull(r)) {
          codes.setNull(r);
        } else {
          Integer code = index.get(text.getObject(r));
          if (code == null) { // the dictionary came from the same rows: a defect, never a silent NULL
            throw new IllegalStateException(from.getName() + ": '" + text.getObject(r) + "' is not in its dictionary");
          }
          codes.set(r, code);
        }
      }
      codes.setValueCount(rows);
    }
    root.setRowCount(rows);
    writer.writeBatch();
    anyBatch = true;
  }

  /** Ends the file; a file of no rows still holds its dictionaries (in one empty batch). */
  void finish() throws IOException {
    if (!anyBatch) {
      root.allocateNew();
      root.setRowCount(0);
      writer.writeBatch();
    }
    writer.end();
  }

  @Override
  public void close() throws IOException {
    try (out;
        writer) {
      // closed by try-with-resources, then the vectors the writer read
    } finally {
      root.close();
      for (long id : provider.getDictionaryIds()) {
        provider.lookup(id).getVector().close();
      }
    }
  }
}
