package org.racefeatures.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** A {@code generate} that must refuse its input: exit 1, every message given, no stack trace, nothing written. */
public final class Rejection {
  private Rejection() {}

  public static void assertRejected(Path db, String... messages) throws Exception {
    byte[] before = Files.readAllBytes(db);
    Cli.Result r = Cli.run("generate", "--db=" + db);
    assertEquals(1, r.exit(), r.out() + r.err());
    for (String m : messages) {
      assertTrue(r.err().contains(m), "message contains [" + m + "]: " + r.err());
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertTrue(Arrays.equals(before, Files.readAllBytes(db)), "nothing written");
  }
}
