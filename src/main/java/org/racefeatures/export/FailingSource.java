package org.racefeatures.export;

/**
 * A batch source that remembers why it stopped. A consumer across a native boundary (DuckDB pulls
 * the batches through the Arrow C stream interface) reports a source's failure as its own, wrapped
 * in its text; the exporter asks the source instead, so the message names the row at fault.
 */
interface FailingSource {
  /** What made {@code loadNextBatch} fail, or null. */
  Exception failure();
}
