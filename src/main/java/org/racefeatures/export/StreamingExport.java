package org.racefeatures.export;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.racefeatures.db.AtomicFile;
import org.racefeatures.features.FeatureRows;

/**
 * The {@code generate --export} sink: takes computed batches as the writer stores them, so the file
 * needs no read-back from the database. Batches go to an Arrow IPC file beside the target; at the
 * end that file is renamed into place (Arrow) or converted (Parquet, CSV). Used by one thread.
 */
public final class StreamingExport implements AutoCloseable {
  private final Path target;
  private final ExportFormat format;
  private final Map<String, String> metadata;
  private final BufferAllocator allocator;
  private final Path ipc;
  private final Dictionaries dictionaries;
  private final VectorSchemaRoot root;
  private final ArrowIpcWriter writer;
  private boolean finished;
  private boolean writerClosed;
  /** Whether every row so far came after the one before in runner_id order. */
  private boolean ordered = true;
  private long lastRunnerId = Long.MIN_VALUE;

  /**
   * @param dictionaries the id columns to write as strings (they hold text ids) and the values of
   *     the columns an Arrow IPC target holds dictionary-encoded
   */
  public StreamingExport(Path target, ExportFormat format, Map<String, String> metadata,
      Dictionaries dictionaries, BufferAllocator allocator) throws IOException {
    this.target = target;
    this.format = format;
    this.metadata = metadata;
    this.allocator = allocator;
    this.dictionaries = dictionaries;
    this.ipc = AtomicFile.temporaryFor(target.resolveSibling(target.getFileName() + ".arrow"));
    this.root = VectorSchemaRoot.create(FeatureSchema.schema(metadata, dictionaries.textIds()), allocator);
    // Encoded only for an Arrow target, which this file becomes; DuckDB encodes Parquet itself.
    ArrowIpcWriter w;
    try {
      w = new ArrowIpcWriter(ipc, root.getSchema(), format == ExportFormat.ARROW ? dictionaries : dictionaries.plain(),
          allocator);
    } catch (IOException | RuntimeException e) {
      root.close();
      throw e;
    }
    this.writer = w;
  }

  /** Appends one batch. */
  public void add(FeatureRows rows) throws IOException {
    for (int i = 0; i < rows.size() && ordered; i++) {
      ordered = rows.runnerId(i) > lastRunnerId;
      lastRunnerId = rows.runnerId(i);
    }
    BatchFiller.fill(rows, root);
    writer.write(root);
  }

  /**
   * Completes the file at the target, its rows in runner_id order as {@code export} writes them:
   * as they came where they came in that order (runner ids growing with race time, the usual case),
   * else sorted ({@link Exporter#write} with sorting).
   */
  public void finish() throws IOException, SQLException {
    writer.finish();
    closeWriter();
    if (format == ExportFormat.ARROW && ordered) {
      AtomicFile.commit(ipc, target);
    } else {
      ArrowFileReader reader = new ArrowFileReader(new FileInputStream(ipc.toFile()).getChannel(), allocator);
      Exporter.write(reader, target, format, metadata, allocator, dictionaries, !ordered);
      AtomicFile.discard(ipc);
    }
    finished = true;
  }

  private void closeWriter() throws IOException {
    if (writerClosed) {
      return;
    }
    writerClosed = true;
    try (root;
        writer) {
      // closed by try-with-resources
    }
  }

  @Override
  public void close() throws IOException {
    if (!finished) {
      closeWriter();
      AtomicFile.discard(ipc);
    }
  }
}
