package org.racefeatures.write;

import it.unimi.dsi.fastutil.longs.LongArrays;
import java.nio.charset.StandardCharsets;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureRows;
import org.racefeatures.features.ValueType;

/**
 * The rows of one batch, encoded as the image of an SQLite database that holds a {@code
 * runner_features} table of the output layout.
 *
 * <p>Why: the cost of writing through sqlite-jdbc is binding every value (one driver call each,
 * about 26 million for 45,000 races) and SQLite building its records, all of it on the one thread
 * that holds the connection. Here a worker writes the records of its own batch straight into
 * database pages ({@link SqliteImage}), in plain Java and in parallel with the other workers; the
 * one writer then attaches the image ({@code sqlite3_deserialize}) and copies the finished records
 * with {@code INSERT ... SELECT} (see {@link FeatureWriter}). No worker opens the input or output
 * database.
 *
 * <p>An image is plain bytes: immutable once made and safe to hand from the worker to the writer.
 */
public final class BatchImage {
  private static final ValueType[] TYPES =
      FeatureTable.columns().stream().map(Feature::type).toArray(ValueType[]::new);

  private BatchImage() {}

  /**
   * Encodes {@code rows} (keys, features and labels in table order; NULL as {@link
   * FeatureRows#NULL_INT} or NaN) as an SQLite database file with one table, {@code
   * runner_features}, declared by the same DDL as the output table, rows in runner_id order.
   *
   * @throws IllegalArgumentException if two rows have the same runner_id
   */
  public static byte[] encode(FeatureRows rows) {
    int n = rows.size();
    int[] order = new int[n];
    long[] ids = new long[n];
    boolean sorted = true;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      ids[i] = rows.runnerId(i);
      sorted &= i == 0 || ids[i - 1] <= ids[i];
    }
    // A table b-tree is built in rowid order; the rows come in race order, which is often the same.
    if (!sorted) {
      LongArrays.radixSortIndirect(order, ids, false);
    }
    SqliteImage image = new SqliteImage(FeatureTable.NAME, FeatureTable.createFeatures(), TYPES.length);
    String lastDate = null;
    byte[] lastDateBytes = null;
    TextCache texts = new TextCache(TYPES.length);
    for (int r : order) {
      String date = rows.raceDate(r);
      if (!date.equals(lastDate)) {
        lastDate = date;
        lastDateBytes = date.getBytes(StandardCharsets.UTF_8);
      }
      row(image, rows, r, lastDateBytes, texts);
    }
    return image.finish();
  }

  /** Adds row {@code r}; a method of its own so the JIT compiles it whole rather than mid-loop. */
  private static void row(SqliteImage image, FeatureRows rows, int r, byte[] date, TextCache texts) {
    image.beginRow(rows.runnerId(r));
    image.addNull(); // runner_id is the INTEGER PRIMARY KEY: kept as the rowid
    addId(image, rows.raceId(r));
    addId(image, rows.horseId(r));
    image.addText(date);
    for (int c = 4; c < TYPES.length; c++) {
      switch (TYPES[c]) {
        case INTEGER -> {
          long v = rows.ints(c - 4)[r];
          if (v == FeatureRows.NULL_INT) {
            image.addNull();
          } else {
            image.addLong(v);
          }
        }
        case REAL -> {
          double v = rows.reals(c - 4)[r];
          if (Double.isNaN(v)) {
            image.addNull();
          } else {
            image.addDouble(v);
          }
        }
        default -> {
          Object v = rows.values(c - 4)[r];
          if (v instanceof String text) {
            image.addText(texts.utf8(c, text));
          } else {
            addId(image, v);
          }
        }
      }
    }
    image.endRow();
  }

  /**
   * The UTF-8 bytes of the last text of each column. A batch's rows come race by race and the
   * values of a race's rows are one shared String, so most rows reuse the bytes of the row before.
   */
  private static final class TextCache {
    private final String[] last;
    private final byte[][] bytes;

    TextCache(int columns) {
      last = new String[columns];
      bytes = new byte[columns][];
    }

    byte[] utf8(int column, String text) {
      if (text != last[column]) { // identity: the same String object, the same bytes
        last[column] = text;
        bytes[column] = text.getBytes(StandardCharsets.UTF_8);
      }
      return bytes[column];
    }
  }

  /**
   * An id or category as stored: an integer, text, or NULL (an id column has no affinity, so text
   * stays text; a category is text in a TEXT column).
   */
  private static void addId(SqliteImage image, Object id) {
    if (id == null) {
      image.addNull();
    } else if (id instanceof Long l) {
      image.addLong(l);
    } else {
      image.addText(((String) id).getBytes(StandardCharsets.UTF_8));
    }
  }
}
