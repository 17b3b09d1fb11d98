package org.racefeatures.load;

import java.sql.SQLException;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.TinyIntVector;
import org.racefeatures.db.Cells;

/**
 * {@code runners.status} as a code ({@code STATUS_*} of the runner table), compared exactly (the
 * column's collation plays no part): NULL, {@code 'FIN'}, {@code 'NR'}, any other upper-case code.
 * A code not in upper case, or not text, is a problem. Counts the rows of each code.
 */
final class StatusReader extends ColumnReader {
  /** The codes, in a vector's data buffer (see {@link ColumnReader}). */
  TinyIntVector codes;
  final java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
  private int racecards;
  private int finished;
  private int nonRunners;

  StatusReader(String name, List<Problem> problems, BufferAllocator allocator) {
    super(name, problems);
    codes = new TinyIntVector(name, allocator);
  }

  @Override
  int plainType() {
    return Cells.TEXT;
  }

  /**
   * The code, computed by SQLite, then the value: only codes other than NULL, FIN and NR cost a
   * text read.
   */
  @Override
  List<String> select(String quoted) {
    return List.of("CASE WHEN " + quoted + " IS NULL THEN 0 WHEN " + quoted + " = 'FIN' COLLATE BINARY THEN 1"
        + " WHEN " + quoted + " = 'NR' COLLATE BINARY THEN 2 ELSE 3 END", quoted);
  }

  @Override
  void consume(Cells cells, int column, int row) throws SQLException {
    int code = (int) cells.integer(column);
    switch (code) {
      case 0 -> racecards++;
      case 1 -> finished++;
      case 2 -> nonRunners++;
      default -> other(cells.object(column + 1), row);
    }
    codes.getDataBuffer().setByte(row, code);
  }

  private void other(Object v, int row) {
    if (v instanceof String s) {
      if (s.isBlank() || !s.equals(s.toUpperCase(java.util.Locale.ROOT))) {
        problem(row, "'" + s + "' is not an upper-case status code");
      } else {
        counts.merge(s, 1, Integer::sum);
      }
    } else {
      problem(row, describe(v) + ", not a status code");
    }
  }

  @Override
  void share(ColumnReader whole, int firstRow, int rows) {
    codes = ((StatusReader) whole).codes;
  }

  @Override
  void merge(ColumnReader part) {
    StatusReader p = (StatusReader) part;
    racecards += p.racecards;
    finished += p.finished;
    nonRunners += p.nonRunners;
    p.counts.forEach((code, n) -> counts.merge(code, n, Integer::sum));
  }

  /** Rows per status code: NULL (racecards), 'FIN', 'NR', then the other codes in order. */
  java.util.Map<String, Integer> countsByCode() {
    java.util.Map<String, Integer> all = new java.util.LinkedHashMap<>();
    all.put("NULL", racecards);
    all.put("FIN", finished);
    all.put("NR", nonRunners);
    all.putAll(counts);
    return all;
  }

  /** The code of row {@code row}. */
  byte code(int row) {
    return codes.getDataBuffer().getByte(row);
  }

  @Override
  void ensureCapacity(int rows) {
    if (rows > codes.getValueCapacity()) {
      room(codes, grow(codes.getValueCapacity(), rows));
    }
  }

  @Override
  void close() {
    codes.close();
  }

  @Override
  void readPlain(Cells cells, int column, int row) {
    throw new UnsupportedOperationException("read in consume");
  }

  @Override
  void readOther(Object value, int row) {
    throw new UnsupportedOperationException("read in consume");
  }
}
