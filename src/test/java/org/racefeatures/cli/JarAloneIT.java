package org.racefeatures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar works alone: a copy of {@code target/racefeatures.jar} in an empty folder, with
 * no library beside it, runs {@code demo-db}, {@code generate} and a Parquet {@code export} with
 * plain {@code java -jar}. Run by {@code mvn verify}, after the jar is built.
 */
class JarAloneIT {
  @TempDir Path folder;

  private record Run(int exit, String output) {}

  private Run java(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + folder.resolve("tmp"), "-jar", "racefeatures.jar"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + out);
    return new Run(p.exitValue(), out);
  }

  @Test
  void aCopyOfTheJarAloneMakesADatabaseComputesItsFeaturesAndExportsParquet() throws Exception {
    Path built = Path.of("target", "racefeatures.jar");
    assertTrue(Files.isRegularFile(built), "mvn verify builds the jar before this test");
    Files.copy(built, folder.resolve("racefeatures.jar"));
    Files.createDirectories(folder.resolve("tmp"));
    try (Stream<Path> files = Files.list(folder)) {
      assertEquals(List.of("racefeatures.jar", "tmp"), files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    Run demo = java("demo-db", "--races", "600", "--out", "races.db");
    assertEquals(0, demo.exit(), demo.output());
    Run generate = java("generate", "--db", "races.db");
    assertEquals(0, generate.exit(), generate.output());
    Run export = java("export", "--db", "races.db", "--out", "features.parquet");
    assertEquals(0, export.exit(), export.output());
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs = duck.createStatement().executeQuery("SELECT count(*) FROM '"
            + folder.resolve("features.parquet").toString().replace("'", "''") + "'")) {
      rs.next();
      assertTrue(rs.getLong(1) > 4_000, "rows in the Parquet file: " + rs.getLong(1));
    }
  }
}
