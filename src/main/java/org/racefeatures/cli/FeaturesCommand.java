package org.racefeatures.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code racefeatures features}: prints the catalogue from the code that computes it. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Print the feature catalogue: the terms, then the name, type, definition and NULL rule of every"
        + " output column (docs/features.md holds the same, as Markdown).")
public final class FeaturesCommand implements Callable<Integer> {
  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text, markdown, json or csv (default: ${DEFAULT-VALUE}).")
  CatalogueFormat format = CatalogueFormat.text;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.render());
    out.flush();
    return 0;
  }
}
