package org.racefeatures.features;

import java.util.List;

/**
 * A small named unit of the catalogue: a group of features that share one computation (one scan of
 * a history, say). A family writes only its own columns, for the target rows of one race at a time.
 *
 * <p>Implementations are stateless and read only the shared, immutable {@link History}, so any
 * number of workers may call {@link #compute} at once, and the catalogue can list a family's
 * features without any data loaded.
 */
public interface FeatureFamily {
  /** The columns this family writes, in catalogue order. */
  List<Feature> features();

  /**
   * Writes this family's columns for every target row of {@code race}.
   *
   * @param column the output column of this family's first feature
   */
  void compute(History history, RaceSlice race, FeatureRows out, int column);
}
