package io.perfagent.agent.store;

import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only creation attributes, where the file system knows POSIX permissions. */
final class FilePermissions {

  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

  private FilePermissions() {}

  /** {@code rwx------} for directories created under {@code near}, or nothing if not POSIX. */
  static FileAttribute<?>[] ownerOnlyDir(Path near) {
    return posix(near)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_DIR)}
        : NONE;
  }

  /** {@code rw-------} for files created under {@code near}, or nothing if not POSIX. */
  static FileAttribute<?>[] ownerOnlyFile(Path near) {
    return posix(near)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : NONE;
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
