package org.racefeatures.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where DuckDB's driver finds its native library, and the error when it would find none. */
class DuckDbLibraryTest {
  private static final String LINUX = "libduckdb_java.so_linux_amd64";

  @Test
  void libraryNameFollowsTheDriversNamingOfSystemAndArchitecture() {
    assertEquals(LINUX, DuckDbLibrary.fileName("Linux", "amd64"));
    assertEquals(LINUX, DuckDbLibrary.fileName("Linux", "x86_64"));
    assertEquals("libduckdb_java.so_linux_arm64", DuckDbLibrary.fileName("Linux", "aarch64"));
    assertEquals("libduckdb_java.so_macos_arm64", DuckDbLibrary.fileName("Mac OS X", "aarch64"));
    assertEquals("libduckdb_java.so_windows_amd64", DuckDbLibrary.fileName("Windows 11", "amd64"));
    assertNull(DuckDbLibrary.fileName("SunOS", "sparcv9"));
    assertNull(DuckDbLibrary.fileName("Linux", "riscv64"));
  }

  @Test
  void libraryInsideTheJarIsFound(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("racefeatures.jar"));
    assertNull(DuckDbLibrary.problem(LINUX, jar, true, List.of()));
  }

  @Test
  void libraryBesideTheJarIsFound(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("racefeatures.jar"));
    Files.createFile(dir.resolve(LINUX));
    assertNull(DuckDbLibrary.problem(LINUX, jar, false, List.of()));
  }

  @Test
  void libraryOnTheLibraryPathIsFound(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("racefeatures.jar"));
    Path lib = Files.createDirectory(dir.resolve("lib"));
    Files.createFile(lib.resolve(System.mapLibraryName("duckdb_java")));
    assertNull(DuckDbLibrary.problem(LINUX, jar, false, List.of(dir.resolve("none"), lib)));
  }

  @Test
  void missingLibraryIsNamedWithTheFolderItBelongsIn(@TempDir Path dir) throws IOException {
    Path jar = Files.createFile(dir.resolve("racefeatures.jar"));
    Files.createFile(dir.resolve("libduckdb_java.so_macos_arm64")); // another platform's: no use here
    String problem = DuckDbLibrary.problem(LINUX, jar, false, List.of(dir));
    assertNotNull(problem);
    assertTrue(problem.contains(LINUX), problem);
    assertTrue(problem.contains(dir.toAbsolutePath().toString()), problem);
    assertTrue(problem.contains("racefeatures.jar"), problem);
  }

  @Test
  void checkPassesWhereTheTestsLoadTheDriver() throws IOException {
    // The tests load DuckDB from its own jar, which holds every platform's library.
    DuckDbLibrary.check();
  }
}
