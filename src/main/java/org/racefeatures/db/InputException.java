package org.racefeatures.db;

/**
 * A problem with what the user gave us (a file, a table, a row), as opposed to a bug. The CLI prints
 * its message alone, without a stack trace, and exits with code 1.
 */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
