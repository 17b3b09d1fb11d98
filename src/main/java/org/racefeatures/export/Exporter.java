package org.racefeatures.export;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.racefeatures.db.AtomicFile;

/**
 * Writes a stream of feature batches to one file: Arrow IPC with Arrow Java's own writer, Parquet
 * and CSV through DuckDB, which takes the batches zero-copy over the Arrow C data interface.
 * DuckDB was chosen for Parquet because it is the fastest writer measured here (zstd) and needs no
 * Hadoop; it also gives the tests an independent reader.
 *
 * <p>The file is written under a temporary name beside the target and renamed into place; a failure
 * leaves the target as it was.
 */
public final class Exporter {
  /** Rows per Parquet row group (DuckDB's default): ~1 MB per column chunk of doubles. */
  static final int ROW_GROUP_ROWS = 122_880;
  /**
   * zstd's level for Parquet. Level 1 instead of DuckDB's default 3: a single-threaded COPY of the
   * 45,000-race table took 0.85 s instead of 1.18 s (medians of 10), for a file 1.6% larger.
   */
  static final int ZSTD_LEVEL = 1;

  private Exporter() {}

  /**
   * Checks, before any work, what writing {@code format} needs beyond the target file: for Parquet
   * and CSV, DuckDB's native library ({@link DuckDbLibrary}).
   *
   * @throws FileNotFoundException naming what is missing and where it belongs
   */
  public static void checkCanWrite(ExportFormat format) throws FileNotFoundException {
    if (format == ExportFormat.PARQUET || format == ExportFormat.CSV) {
      DuckDbLibrary.check();
    }
  }

  /**
   * Writes the {@code runner_features} rows of {@code db} (races from {@code from} to {@code to}
   * inclusive; null for no bound), read in runner_id order, to {@code target}.
   *
   * @return the rows written
   */
  public static long writeTable(BufferAllocator allocator, Path db, java.time.LocalDate from, java.time.LocalDate to,
      Path target, ExportFormat format, Map<String, String> metadata) throws IOException, SQLException {
    SqliteFeatureReader reader = new SqliteFeatureReader(allocator, db, from, to, metadata);
    write(reader, target, format, metadata, allocator, reader.dictionaries(), false);
    return reader.rows();
  }

  /**
   * Writes every batch of {@code source} (the plain {@link FeatureSchema}, or for Arrow IPC also
   * with the dictionaries' columns encoded) to {@code target}. Closes {@code source}.
   *
   * @param metadata provenance, stored as Parquet key-value metadata or Arrow schema metadata
   * @param dictionaries the values of the columns Arrow IPC holds dictionary-encoded
   * @param sortByRunnerId write the rows in runner_id order whatever their order in {@code source}
   *     (Arrow IPC: sorted in memory, all batches held at once; Parquet, CSV: by DuckDB)
   */
  static void write(ArrowReader source, Path target, ExportFormat format, Map<String, String> metadata,
      BufferAllocator allocator, Dictionaries dictionaries, boolean sortByRunnerId)
      throws IOException, SQLException {
    Path tmp = AtomicFile.temporaryFor(target);
    try {
      switch (format) {
        case ARROW -> {
          if (sortByRunnerId) {
            SortedArrow.write(source, tmp, allocator, dictionaries);
          } else {
            writeArrow(source, tmp, allocator, dictionaries);
          }
        }
        case PARQUET, CSV -> writeWithDuckDb(source, tmp, format, metadata, allocator, sortByRunnerId);
        default -> throw new IllegalStateException(format.toString());
      }
      AtomicFile.commit(tmp, target);
    } catch (IOException | SQLException | RuntimeException e) {
      AtomicFile.discard(tmp);
      throw e;
    } finally {
      source.close();
    }
  }

  private static void writeArrow(ArrowReader source, Path file, BufferAllocator allocator,
      Dictionaries dictionaries) throws IOException {
    try (ArrowIpcWriter writer = new ArrowIpcWriter(file, source.getVectorSchemaRoot().getSchema(), dictionaries,
        allocator)) {
      while (source.loadNextBatch()) {
        writer.write(source.getVectorSchemaRoot());
      }
      writer.finish();
    }
  }

  private static void writeWithDuckDb(ArrowReader source, Path file, ExportFormat format,
      Map<String, String> metadata, BufferAllocator allocator, boolean sort)
      throws SQLException, FileNotFoundException {
    DuckDbLibrary.check();
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
        Statement st = conn.createStatement()) {
      Data.exportArrayStream(allocator, source, stream);
      conn.unwrap(DuckDBConnection.class).registerArrowStream("features", stream);
      if (format == ExportFormat.PARQUET) {
        // One core fewer than DuckDB would take, as the rows come from a thread of ours (the
        // reader's): with every core, DuckDB left most of its Parquet encoding until the last
        // batch; with one fewer, it encodes while the reader reads. (CSV's writer was slower so.)
        // Row order is kept either way: preserve_insertion_order stays on.
        st.execute("SET threads = " + duckDbThreads());
      }
      String options = format == ExportFormat.PARQUET
          ? "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL " + ZSTD_LEVEL + ", ROW_GROUP_SIZE " + ROW_GROUP_ROWS
              + ", KV_METADATA " + kv(metadata)
          : "FORMAT csv, HEADER true, NULLSTR ''";
      st.execute("COPY (SELECT * FROM features" + (sort ? " ORDER BY runner_id" : "") + ") TO "
          + quote(file.toAbsolutePath().toString()) + " (" + options + ")");
    } catch (SQLException e) {
      if (source instanceof FailingSource f && f.failure() != null) {
        if (f.failure() instanceof RuntimeException re) {
          throw re;
        }
        throw new SQLException(f.failure().getMessage(), f.failure());
      }
      throw e;
    }
  }

  /** DuckDB's worker threads for a Parquet COPY: the cores but one, at least one. */
  static int duckDbThreads() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
  }

  private static String kv(Map<String, String> metadata) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      b.append(b.length() == 1 ? "" : ", ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
    }
    return b.append('}').toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
