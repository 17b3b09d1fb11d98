package org.racefeatures.write;

import java.sql.SQLException;
import org.racefeatures.features.FeatureRows;

/**
 * How a batch's rows get into {@code runner_features}, inside the writer's transaction. Two
 * implementations write identical tables (tested): {@link JdbcInserter}, the plain reference that
 * binds every value through the driver, and {@link ImageInserter}, which has the workers encode
 * each batch as SQLite pages ({@link BatchImage}) and copies them with one {@code INSERT ... SELECT}.
 */
interface RowInserter {
  /** A short name for the run's summary. */
  String name();

  /**
   * Worker side, off the writer thread: whatever can be prepared from the rows alone (the page
   * image), or null.
   */
  byte[] encode(FeatureRows rows);

  /** Writer side, before the batch's transaction begins. */
  void beforeTransaction(byte[] encoded) throws SQLException;

  /**
   * Writer side, in the batch's transaction: inserts the rows.
   *
   * @param replace whether a row may meet an older row of the same runner_id, which it replaces
   */
  void insert(FeatureRows rows, byte[] encoded, boolean replace) throws SQLException;
}
