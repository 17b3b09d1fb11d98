package org.racefeatures.pipeline;

import java.nio.file.Path;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.racefeatures.export.ExportFormat;
import org.racefeatures.export.Exporter;
import org.racefeatures.export.SqliteFeatureReader;

/** The whole feature table of a database, exported to one file (as {@code export} does). */
final class ExportTable {
  private ExportTable() {}

  /** @return the rows exported */
  static long write(BufferAllocator allocator, Path db, Path out, ExportFormat format, Map<String, String> metadata)
      throws Exception {
    SqliteFeatureReader reader = new SqliteFeatureReader(allocator, db, null, null, metadata);
    Exporter.write(reader, out, format, metadata, allocator);
    return reader.rows();
  }
}
