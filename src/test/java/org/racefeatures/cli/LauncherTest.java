package org.racefeatures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code src/main/bin/racefeatures}, run by {@code sh} with a stand-in
 * {@code java} that prints the arguments it was given, one per line: which options it passes,
 * which jar, and that the user's arguments arrive unchanged.
 */
class LauncherTest {
  /** The JVM options the launcher passes unless told otherwise. */
  private static final List<String> DEFAULTS = List.of("-XX:+UseSerialGC", "-XX:MaxNewSize=256m");

  @TempDir Path tmp;
  private Path target;
  private Path javaHome;

  @BeforeEach
  void layOut() throws IOException {
    target = Files.createDirectories(tmp.resolve("build dir")); // a space, as in many home folders
    Files.copy(Path.of("src", "main", "bin", "racefeatures"), target.resolve("racefeatures"));
    Files.write(target.resolve("racefeatures.jar"), new byte[0]);
    javaHome = tmp.resolve("jdk");
    Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Run(int exit, List<String> lines) {}

  private Run launch(Map<String, String> env, String... args) throws Exception {
    return launch(target.resolve("racefeatures"), env, args);
  }

  private Run launch(Path script, Map<String, String> env, String... args) throws Exception {
    return launch(script, Path.of("."), env, args);
  }

  private Run launch(Path script, Path workingFolder, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(workingFolder.toFile()).redirectErrorStream(true);
    pb.environment().remove("JAVA_OPTS");
    pb.environment().remove("RACEFEATURES_JVM_OPTS");
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out.lines().toList());
  }

  private String jar() throws IOException {
    return target.toRealPath().resolve("racefeatures.jar").toString();
  }

  /** The default options, then {@code rest}. */
  private static List<String> withDefaults(String... rest) {
    List<String> all = new ArrayList<>(DEFAULTS);
    all.addAll(List.of(rest));
    return all;
  }

  @Test
  void runsTheJarBesideItWithItsDefaultOptionsAndPassesArgumentsWhole() throws Exception {
    Run r = launch(Map.of(), "generate", "--db", "my races.db", "--limit", "");
    assertEquals(0, r.exit(), r.lines().toString());
    assertEquals(withDefaults("-jar", jar(), "generate", "--db", "my races.db", "--limit", ""), r.lines());
  }

  @Test
  void findsTheJarThroughASymbolicLinkToTheScript() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("racefeatures"), Path.of("..", "build dir", "racefeatures"));
    Run r = launch(bin.resolve("racefeatures"), Map.of(), "features");
    assertEquals(0, r.exit(), r.lines().toString());
    assertEquals(withDefaults("-jar", jar(), "features"), r.lines());
  }

  /** A {@code PATH} whose {@code uname} prints {@code answer}, then the usual folders. */
  private Map<String, String> unameSays(String answer) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("uname-bin"));
    Path uname = bin.resolve("uname");
    Files.writeString(uname, "#!/bin/sh\necho '" + answer + "'\n");
    Files.setPosixFilePermissions(uname, PosixFilePermissions.fromString("rwxr-xr-x"));
    return Map.of("PATH", bin + ":" + System.getenv("PATH"));
  }

  @Test
  void pointsSqliteJdbcAtTheLibraryBesideItOnLinuxX86_64() throws Exception {
    Files.write(target.resolve("libsqlitejdbc.so_linux_amd64"), new byte[0]);
    Run r = launch(unameSays("Linux x86_64"), "features");
    assertEquals(0, r.exit(), r.lines().toString());
    assertEquals(withDefaults("-Dorg.sqlite.lib.path=" + target.toRealPath(),
        "-Dorg.sqlite.lib.name=libsqlitejdbc.so_linux_amd64", "-jar", jar(), "features"), r.lines());
  }

  @Test
  void leavesSqliteJdbcToItsOwnLibraryOnOtherPlatformsOrWithoutTheCopy() throws Exception {
    Run withoutCopy = launch(unameSays("Linux x86_64"), "features");
    assertEquals(withDefaults("-jar", jar(), "features"), withoutCopy.lines());
    Files.write(target.resolve("libsqlitejdbc.so_linux_amd64"), new byte[0]);
    Run elsewhere = launch(unameSays("Darwin arm64"), "features");
    assertEquals(withDefaults("-jar", jar(), "features"), elsewhere.lines());
  }

  @Test
  void jvmOptionsFromTheEnvironmentReplaceOrExtendTheDefaults() throws Exception {
    Run r = launch(Map.of("RACEFEATURES_JVM_OPTS", "-XX:+UseG1GC -Xmx8g", "JAVA_OPTS", "-Dx=1"), "features");
    assertEquals(List.of("-XX:+UseG1GC", "-Xmx8g", "-Dx=1", "-jar", jar(), "features"), r.lines());
  }

  @Test
  void aMissingJarIsAnErrorNamingIt() throws Exception {
    Files.delete(target.resolve("racefeatures.jar"));
    Run r = launch(Map.of(), "generate");
    assertEquals(1, r.exit());
    assertTrue(r.lines().get(0).contains(jar() + " not found"), r.lines().toString());
  }
}
