package org.racefeatures.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.racefeatures.db.Sqlite;
import org.racefeatures.load.Layout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code racefeatures layout [NAME]}: lists the built-in layouts, or prints one to copy and adapt. */
@Command(
    name = "layout",
    mixinStandardHelpOptions = true,
    description = {
      "List the built-in input layouts, or print one: a mapping file of CREATE TEMP VIEW statements that",
      "reads a database's own tables as schema.sql's races and runners (native prints schema.sql itself).",
      "Adapt a copy for your database and pass it to generate --layout FILE.sql."
    })
public final class LayoutCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A built-in layout to print.")
  String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (name == null) {
      for (Layout.BuiltIn b : Layout.BUILT_IN) {
        out.printf("%-12s %s%n", b.name(), b.description());
      }
    } else if (name.equals("native")) {
      out.print(Sqlite.inputSchema());
    } else if (Layout.isBuiltIn(name)) {
      out.print(Layout.builtInScript(name));
    } else {
      throw new ParameterException(spec.commandLine(), "no built-in layout " + name + " (built in: "
          + Layout.builtInNames() + ")");
    }
    out.flush();
    return 0;
  }
}
