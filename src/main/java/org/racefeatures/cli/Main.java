package org.racefeatures.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.racefeatures.db.InputException;
import org.racefeatures.db.Sqlite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code racefeatures} command: subcommands for each job, and the exit-code contract. */
@Command(
    name = "racefeatures",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Point-in-time machine-learning features from a racing results database.")
public final class Main implements Runnable {
  /** Exit code of a failure: bad input, a missing file, an I/O or database error. */
  public static final int EXIT_FAILURE = 1;

  /**
   * The subcommands by name, in the order help lists them. Only the one a command line names is
   * built: picocli reflects over each subcommand's options when it is added, a visible part of the
   * start of a short run. Without a subcommand name, or for {@code help}, all are built.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("generate", GenerateCommand::new);
    m.put("features", FeaturesCommand::new);
    m.put("export", ExportCommand::new);
    m.put("report", ReportCommand::new);
    m.put("explain", ExplainCommand::new);
    m.put("layout", LayoutCommand::new);
    m.put("demo-db", DemoDbCommand::new);
    m.put("import", ImportCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(m);
  }

  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace of a failure, not just its message.")
  boolean debug;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  public static void main(String[] args) {
    // Read before Arrow's classes load. The engine checks isNull before every get and never
    // reads past a vector's end (the tests run with both checks on), so the checks are dead weight
    // in the hot loops.
    System.setProperty("arrow.enable_unsafe_memory_access", "true");
    System.setProperty("arrow.enable_null_check_for_get", "false");
    String job = subcommandOf(args);
    if (job != null && !job.equals("features") && !job.equals("help") && !job.equals("layout")) {
      Sqlite.preload(); // every job but the catalogue opens a database
    }
    int exit;
    try {
      exit = commandLine(args).execute(args);
    } catch (OutOfMemoryError e) {
      // The stack has unwound, so the run's columns are garbage: there is room to say why.
      System.err.println("racefeatures: " + outOfMemory(e));
      exit = EXIT_FAILURE;
    }
    System.exit(exit);
  }

  /** What a run that ran out of heap tells the user: why it needs the memory, and what to do. */
  static String outOfMemory(OutOfMemoryError e) {
    return String.format(java.util.Locale.ROOT, "out of memory (%s) with a heap of at most %,d MB: a run holds"
        + " every race and runner row of its input (about 90 bytes per runner row) and a history of at most"
        + " --history-rows of them at a time (README, Sizing). Give the JVM more (for the launcher,"
        + " JAVA_OPTS=-Xmx16g, say), lower --history-rows, or generate where the data fits and export it by"
        + " date range", e.getMessage(), Runtime.getRuntime().maxMemory() >> 20);
  }

  /** The configured command line with every subcommand. Usage errors exit 2, failures 1. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The configured command line for these arguments: with only the subcommand they name, or with
   * all when they name none (so usage errors and help still list every job). Tests run it
   * in-process.
   */
  public static CommandLine commandLine(String... args) {
    Main main = new Main();
    CommandLine cl = new CommandLine(main);
    String job = subcommandOf(args);
    for (Map.Entry<String, Supplier<Object>> sub : SUBCOMMANDS.entrySet()) {
      if (job == null || job.equals("help") || job.equals(sub.getKey())) {
        cl.addSubcommand(sub.getKey(), sub.getValue().get());
      }
    }
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // A usage error is one line naming the problem (with picocli's suggestions for a typo) and
    // where to read more, not the whole help.
    cl.setParameterExceptionHandler((ex, arguments) -> {
      CommandLine failed = ex.getCommandLine();
      PrintWriter err = failed.getErr();
      err.println("racefeatures: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("see '" + failed.getCommandSpec().qualifiedName() + " --help'");
      err.flush();
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          PrintWriter err = line.getErr();
          err.println("racefeatures: " + describe(ex));
          if (main.debug) {
            ex.printStackTrace(err);
          }
          err.flush();
          return EXIT_FAILURE;
        });
    return cl;
  }

  /** The subcommand the arguments name (the first word that is not an option), or null if none. */
  private static String subcommandOf(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return SUBCOMMANDS.containsKey(a) ? a : null;
      }
    }
    return null;
  }

  /** One line that says what went wrong and where, without a stack trace. */
  static String describe(Throwable ex) {
    for (Throwable c = ex; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError oom) { // from a thread of the run, passed on as a cause
        return outOfMemory(oom);
      }
    }
    if (ex instanceof InputException) {
      return ex.getMessage();
    }
    if (ex instanceof UncheckedIOException u) {
      return describe(u.getCause());
    }
    if (ex instanceof NoSuchFileException f) {
      return "file not found: " + f.getFile();
    }
    if (ex instanceof IOException || ex instanceof SQLException) {
      return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }
    return ex + " (run with --debug for the stack trace)";
  }

  /** The version baked in at build time. */
  public static final class Version implements IVersionProvider {
    public static String version() {
      try (InputStream in = Main.class.getResourceAsStream("/org/racefeatures/version.properties")) {
        Properties p = new Properties();
        if (in != null) {
          p.load(in);
        }
        return p.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }

    @Override
    public String[] getVersion() {
      return new String[] {"racefeatures " + version()};
    }
  }
}
