package org.racefeatures.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.racefeatures.features.Feature;
import org.racefeatures.features.FeatureCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code racefeatures features}: prints the catalogue from the code that computes it. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Print the feature catalogue: name, type and definition of every output column.")
public final class FeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("Feature catalogue, version %d: %d keys, %d features, %d labels%n", FeatureCatalogue.VERSION,
        FeatureCatalogue.KEYS.size(), FeatureCatalogue.features().size(), FeatureCatalogue.labels().size());
    String section = null;
    for (Feature f : FeatureCatalogue.tableColumns()) {
      if (!f.section().equals(section)) {
        section = f.section();
        out.printf("%n%s%n", section);
      }
      out.printf("  %-28s %-5s %s%n", f.name(), f.type().catalogueName(), f.definition());
    }
    out.flush();
    return 0;
  }
}
