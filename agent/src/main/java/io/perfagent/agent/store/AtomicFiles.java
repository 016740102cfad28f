package io.perfagent.agent.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Replaces a small file all at once: readers (and a restart after a crash or power loss) see either
 * the old content or the new, never a mixture or a truncated file.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code content} to a temporary owner-only ({@code 0600}) file next to {@code target},
   * forces it to the device, renames it over {@code target} atomically and then, best effort,
   * forces the directory so that the rename itself survives a power loss.
   *
   * @throws IOException if any step before the rename fails or the rename fails; the temporary file
   *     is then removed and {@code target} keeps its old content
   */
  public static void write(Path target, byte[] content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = Objects.requireNonNull(absolute.getParent(), "a file's absolute path has a parent");
    // Same directory, hence same file system: the only place a rename is atomic.
    Path temp =
        Files.createTempFile(
            dir, "." + absolute.getFileName(), ".tmp", FilePermissions.ownerOnlyFile(dir));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(
          temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    forceDirectory(dir);
  }

  /**
   * Forces a directory's entries to the device. Linux supports this through a read-only channel;
   * other systems may refuse, and the rename is then as durable as the system makes it.
   */
  static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException ignored) {
      // Best effort by design: the content is already safe, only the rename's durability waits.
    }
  }
}
