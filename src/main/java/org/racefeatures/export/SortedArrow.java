package org.racefeatures.export;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/**
 * An Arrow IPC file of a reader's rows in runner_id order. Every batch is held in memory at once (as
 * large as the file), so this is the path only for rows that did not come in that order.
 */
final class SortedArrow {
  /** Rows per written batch. */
  private static final int BATCH_ROWS = 65_536;

  private SortedArrow() {}

  /**
   * Writes the rows of {@code source} sorted; a dictionary-encoded column of the source is decoded
   * first, and the {@code dictionaries}' columns are encoded again as the file is written.
   */
  static void write(ArrowReader source, Path file, BufferAllocator allocator, Dictionaries dictionaries)
      throws IOException {
    List<VectorSchemaRoot> batches = new ArrayList<>();
    try {
      VectorSchemaRoot in = source.getVectorSchemaRoot();
      while (source.loadNextBatch()) {
        List<FieldVector> kept = new ArrayList<>();
        for (FieldVector v : in.getFieldVectors()) {
          DictionaryEncoding encoding = v.getField().getDictionary();
          if (encoding != null) {
            try (org.apache.arrow.vector.ValueVector decoded =
                DictionaryEncoder.decode(v, source.lookup(encoding.getId()), allocator)) {
              TransferPair named = decoded.getTransferPair(v.getName(), allocator); // the column's name, not the dictionary's
              named.transfer();
              kept.add((FieldVector) named.getTo());
            }
          } else {
            TransferPair t = v.getTransferPair(allocator);
            t.transfer();
            kept.add((FieldVector) t.getTo());
          }
        }
        batches.add(new VectorSchemaRoot(kept));
      }
      Schema plain = batches.isEmpty() ? in.getSchema() : batches.get(0).getSchema();
      int total = batches.stream().mapToInt(VectorSchemaRoot::getRowCount).sum();
      int[] batchOf = new int[total];
      int[] rowOf = new int[total];
      long[] key = new long[total];
      int n = 0;
      for (int b = 0; b < batches.size(); b++) {
        BigIntVector ids = (BigIntVector) batches.get(b).getVector("runner_id");
        for (int r = 0; r < batches.get(b).getRowCount(); r++, n++) {
          batchOf[n] = b;
          rowOf[n] = r;
          key[n] = ids.get(r);
        }
      }
      int[] order = new int[total];
      for (int i = 0; i < total; i++) {
        order[i] = i;
      }
      IntArrays.quickSort(order, (a, c) -> Long.compare(key[a], key[c]));
      try (VectorSchemaRoot out = VectorSchemaRoot.create(new Schema(plain.getFields(), in.getSchema().getCustomMetadata()),
          allocator);
          ArrowIpcWriter writer = new ArrowIpcWriter(file, out.getSchema(), dictionaries, allocator)) {
        for (int from = 0; from < total; from += BATCH_ROWS) {
          int rows = Math.min(BATCH_ROWS, total - from);
          out.allocateNew();
          for (int c = 0; c < out.getFieldVectors().size(); c++) {
            FieldVector target = out.getVector(c);
            for (int i = 0; i < rows; i++) {
              int row = order[from + i];
              target.copyFromSafe(rowOf[row], i, batches.get(batchOf[row]).getVector(c));
            }
          }
          out.setRowCount(rows);
          writer.write(out);
        }
        writer.finish();
      }
    } finally {
      batches.forEach(VectorSchemaRoot::close);
    }
  }
}
