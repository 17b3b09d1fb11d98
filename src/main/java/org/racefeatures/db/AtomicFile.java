package org.racefeatures.db;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a temporary name beside its target and renames it into place, so the target
 * is either absent, the old file, or the complete new file: never half written.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Fails, naming the file, when it exists and {@code force} is off. */
  public static void checkWritable(Path target, boolean force) {
    if (Files.isDirectory(target)) {
      throw new InputException(target + ": is a folder, not a file");
    }
    if (Files.exists(target) && !force) {
      throw new InputException(target + " already exists (use --force to replace it)");
    }
    checkFolder(target);
  }

  /**
   * Checks that a file may be created or written at {@code target}: not a folder, its folder there
   * and writable, and the file itself writable where it exists. Each problem names the path.
   */
  public static void checkCanWrite(Path target) {
    if (Files.isDirectory(target)) {
      throw new InputException(target + ": is a folder, not a file");
    }
    if (Files.exists(target) && !Files.isWritable(target)) {
      throw new InputException(target + ": is not writable");
    }
    checkFolder(target);
  }

  private static void checkFolder(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new InputException(target + ": no folder " + dir + " to write it in");
    }
    if (dir != null && !Files.isWritable(dir)) {
      throw new InputException(target + ": the folder " + dir + " is not writable");
    }
  }

  /**
   * Whether two paths name the same file: the same file where both exist, else the same absolute
   * path once the existing folders are resolved.
   */
  public static boolean sameFile(Path a, Path b) {
    try {
      if (Files.exists(a) && Files.exists(b)) {
        return Files.isSameFile(a, b);
      }
      return resolved(a).equals(resolved(b));
    } catch (IOException e) {
      return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
  }

  private static Path resolved(Path p) throws IOException {
    Path abs = p.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    return dir != null && Files.isDirectory(dir) ? dir.toRealPath().resolve(abs.getFileName()) : abs;
  }

  /** A fresh temporary path in the target's folder (same file system, so the rename is atomic). */
  public static Path temporaryFor(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    return tmp;
  }

  /** Moves the finished temporary file over the target. */
  public static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes a temporary file after a failure; never throws. */
  public static void discard(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // Best effort: the failure being reported matters more than the leftover file.
    }
  }
}
