package org.racefeatures.export;

import java.io.File;
import java.io.FileNotFoundException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBConnection;

/**
 * Whether DuckDB's JDBC driver will find its native library, checked before the driver loads: a
 * missing library is then one error that says which file is missing and where it belongs, instead
 * of a stack trace from the driver's class initializer, and it comes before any work is done.
 *
 * <p>The driver (duckdb_jdbc 2.0) looks for {@code libduckdb_java.so_<os>_<arch>} inside the jar
 * that holds its classes and, if it is there, inflates it to a temporary file on every start (about
 * 0.4 s for its 71 MB). Otherwise it loads {@code duckdb_java} from {@code java.library.path}, or
 * the library file from the jar's folder as it is. The build leaves the Linux x86-64 library out of
 * {@code racefeatures.jar} and puts it beside the jar, in {@code target/}.
 */
final class DuckDbLibrary {
  private DuckDbLibrary() {}

  /**
   * The file name the driver looks for on this platform, as the driver forms it, or null for a
   * platform it ships no library for.
   */
  static String fileName(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT).trim();
    String system = os.startsWith("windows") ? "windows"
        : os.startsWith("mac") ? "macos"
        : os.startsWith("linux") ? "linux"
        : null;
    String arch = switch (osArch.toLowerCase(Locale.ROOT).trim()) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> null;
    };
    return system == null || arch == null ? null : "libduckdb_java.so_" + system + "_" + arch;
  }

  /**
   * Throws if the driver's classes come from a jar that neither holds the library nor has it
   * beside it, and {@code java.library.path} has no {@code duckdb_java} either. Returns quietly
   * where it cannot tell (classes not in a jar, a platform without a library).
   *
   * @throws FileNotFoundException naming the library and the folder it belongs in
   */
  static void check() throws FileNotFoundException {
    String name = fileName(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    CodeSource source = DuckDBConnection.class.getProtectionDomain().getCodeSource();
    if (name == null || source == null || source.getLocation() == null) {
      return;
    }
    Path jar;
    try {
      jar = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return;
    }
    if (!Files.isRegularFile(jar)) {
      return; // classes from a folder: the driver's own rules apply
    }
    boolean inJar = DuckDBConnection.class.getResource("/" + name) != null;
    String problem = problem(name, jar, inJar, libraryPath());
    if (problem != null) {
      throw new FileNotFoundException(problem);
    }
  }

  /**
   * What is missing, or null if the driver will find a library: inside {@code jar}, in one of
   * {@code libraryPath}, or beside {@code jar}.
   */
  static String problem(String name, Path jar, boolean inJar, List<Path> libraryPath) {
    if (inJar) {
      return null;
    }
    String mapped = System.mapLibraryName("duckdb_java");
    for (Path dir : libraryPath) {
      if (Files.isRegularFile(dir.resolve(mapped))) {
        return null;
      }
    }
    Path dir = jar.toAbsolutePath().getParent();
    if (Files.isRegularFile(dir.resolve(name))) {
      return null;
    }
    return "DuckDB's native library " + name + " is not in " + jar.getFileName() + " nor beside it in "
        + dir + ": Parquet and CSV export need it (mvn package puts it in target/, beside racefeatures.jar;"
        + " keep the two together)";
  }

  private static List<Path> libraryPath() {
    List<Path> dirs = new ArrayList<>();
    for (String entry : System.getProperty("java.library.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        try {
          dirs.add(Path.of(entry));
        } catch (IllegalArgumentException e) {
          // an entry that is no path cannot hold the library
        }
      }
    }
    return dirs;
  }
}
