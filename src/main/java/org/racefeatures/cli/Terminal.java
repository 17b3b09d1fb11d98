package org.racefeatures.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: where the progress bar is drawn, so what decides it. */
final class Terminal {
  private Terminal() {}

  static boolean isStderr() {
    Path fd = Path.of("/proc/self/fd/2");
    try {
      // Linux: the descriptor links to the terminal device it writes to.
      String target = Files.readSymbolicLink(fd).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null; // elsewhere: Java 17 can tell only of standard output
    }
  }
}
