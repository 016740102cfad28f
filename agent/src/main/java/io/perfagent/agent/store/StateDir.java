package io.perfagent.agent.store;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The directory where this JVM keeps its history and baseline, found once at start and locked for
 * as long as the agent runs.
 *
 * <p>Where: {@code perf.state.dir} if configured, else {@code
 * ${XDG_STATE_HOME:-$HOME/.local/state}/perf-agent/<service>}; if that cannot be used, {@code
 * ${java.io.tmpdir}/perf-agent-<user>/<service>}, with one log line that names both paths and why.
 * If nothing can be used, the result is {@linkplain #isAvailable() unavailable}: the agent then
 * keeps measuring and exporting without files. Opening never throws.
 *
 * <p>Several JVMs of one service on one host: each holds an exclusive lock on {@code .lock} in its
 * <em>instance slot</em> — the directory itself (slot 0), or {@code instance-1} … {@code
 * instance-16} under it when lower slots are held by running JVMs. The operating system releases
 * the lock when a JVM dies, so a restarted single JVM gets slot 0 back and with it its baseline.
 * The lock file is never deleted: deleting it would let two JVMs lock two different files of the
 * same name.
 *
 * <p>Directories this class creates are owner-only ({@code rwx------}) where the file system has
 * POSIX permissions; existing directories are used as they are, never {@code chmod}-ed.
 */
public final class StateDir implements AutoCloseable {

  /** Configuration key of an explicitly chosen directory, for messages. */
  static final String KEY = "perf.state.dir";

  /** Highest {@code instance-N} slot tried after slot 0. */
  static final int MAX_INSTANCE = 16;

  static final String LOCK_FILE = ".lock";
  private static final int MAX_NAME_LENGTH = 100;

  private final @Nullable Path path;
  private final int slot;
  private final @Nullable FileChannel lockChannel;
  private final @Nullable FileLock lock;

  private StateDir(
      @Nullable Path path, int slot, @Nullable FileChannel lockChannel, @Nullable FileLock lock) {
    this.path = path;
    this.slot = slot;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Finds, creates and locks the state directory of this JVM.
   *
   * @param configured the value of {@code perf.state.dir}, or {@code null} for the default
   * @param serviceName {@code service.name}; sanitised to a safe file name
   */
  public static StateDir open(@Nullable String configured, String serviceName) {
    return open(configured, serviceName, System::getenv, System::getProperty);
  }

  /** As {@link #open(String, String)}, reading environment and system properties from tests. */
  static StateDir open(
      @Nullable String configured,
      String serviceName,
      Function<String, String> env,
      Function<String, String> props) {
    String service = safeFileName(serviceName, "unknown_service");
    Candidate fallback = fallback(service, props);
    Candidate first;
    String firstLabel;
    if (configured != null && !configured.trim().isEmpty()) {
      first = Candidate.of(configured.trim());
      firstLabel = KEY + "=" + configured.trim();
    } else {
      first = defaultCandidate(service, env);
      firstLabel = "state directory " + first.shown;
    }
    StateDir opened = tryOpen(first);
    if (opened != null) {
      return opened;
    }
    StateDir fallen = tryOpen(fallback);
    if (fallen != null) {
      AgentLog.warn(
          firstLabel + " is not usable (" + first.failure + "); using " + fallen.path + " instead");
      return fallen;
    }
    AgentLog.warn(
        "no usable state directory: "
            + firstLabel
            + " ("
            + first.failure
            + "), fallback "
            + fallback.shown
            + " ("
            + fallback.failure
            + "); history and baseline are not kept on disk");
    return new StateDir(null, -1, null, null);
  }

  /**
   * The directory of this JVM's slot.
   *
   * @throws IllegalStateException if {@linkplain #isAvailable() unavailable}: ask that first
   */
  public Path path() {
    if (path == null) {
      throw new IllegalStateException("no state directory: check isAvailable() first");
    }
    return path;
  }

  /** 0 for the directory itself, N for {@code instance-N}; -1 if unavailable. */
  public int slot() {
    return slot;
  }

  /** Whether there is a locked, writable directory; if not, the agent keeps no files. */
  public boolean isAvailable() {
    return path != null;
  }

  /** Releases the slot so that the next JVM (or the next start of this one) can take it. */
  @Override
  public void close() {
    if (lockChannel == null || lock == null) {
      return;
    }
    try {
      lock.release();
    } catch (IOException | RuntimeException ignored) {
      // Closing the channel below releases the lock as well.
    }
    try {
      lockChannel.close();
    } catch (IOException ignored) {
      // Nothing is left to undo: the OS drops the lock with the descriptor.
    }
  }

  @Override
  public String toString() {
    return isAvailable() ? path + " (slot " + slot + ")" : "no state directory";
  }

  /**
   * Letters and digits (ASCII), {@code .}, {@code _} and {@code -} are kept, everything else
   * becomes {@code _}; empty becomes {@code whenEmpty}, and names of only dots (which would climb
   * out of the parent directory) become underscores.
   */
  static String safeFileName(String name, String whenEmpty) {
    if (name == null || name.isEmpty()) {
      return whenEmpty;
    }
    int length = Math.min(name.length(), MAX_NAME_LENGTH);
    StringBuilder safe = new StringBuilder(length);
    boolean onlyDots = true;
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      boolean kept =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      safe.append(kept ? c : '_');
      onlyDots &= c == '.';
    }
    return onlyDots ? safe.toString().replace('.', '_') : safe.toString();
  }

  private static Candidate defaultCandidate(String service, Function<String, String> env) {
    String xdg = env.apply("XDG_STATE_HOME");
    // The XDG spec ignores relative values: they would depend on the working directory.
    if (xdg != null && xdg.startsWith("/")) {
      return Candidate.of(xdg, "perf-agent", service);
    }
    String home = env.apply("HOME");
    if (home != null && !home.isEmpty()) {
      return Candidate.of(home, ".local", "state", "perf-agent", service);
    }
    return Candidate.failed("$HOME/.local/state/perf-agent/" + service, "HOME is not set");
  }

  private static Candidate fallback(String service, Function<String, String> props) {
    String tmp = props.apply("java.io.tmpdir");
    String user = safeFileName(props.apply("user.name"), "unknown_user");
    if (tmp == null || tmp.isEmpty()) {
      return Candidate.failed(
          "${java.io.tmpdir}/perf-agent-" + user + "/" + service, "java.io.tmpdir is not set");
    }
    Candidate candidate = Candidate.of(tmp, "perf-agent-" + user, service);
    candidate.mustOwnParent = true;
    return candidate;
  }

  /** Creates and locks a slot under the candidate, or records why not and returns null. */
  private static @Nullable StateDir tryOpen(Candidate candidate) {
    if (candidate.path == null) {
      return null;
    }
    try {
      Path dir = Objects.requireNonNull(candidate.path, "only candidates with a path are tried");
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, FilePermissions.ownerOnlyDir(dir));
      }
      if (candidate.mustOwnParent
          && !ownedByThisUser(
              Objects.requireNonNull(dir.getParent(), "a state directory has a parent"))) {
        candidate.failure = dir.getParent() + " belongs to another user";
        return null;
      }
      for (int slot = 0; slot <= MAX_INSTANCE; slot++) {
        Path slotDir = slot == 0 ? dir : dir.resolve("instance-" + slot);
        if (slot > 0 && !Files.isDirectory(slotDir)) {
          Files.createDirectories(slotDir, FilePermissions.ownerOnlyDir(slotDir));
        }
        StateDir locked = tryLock(slotDir, slot);
        if (locked != null) {
          if (slot > 0) {
            AgentLog.info(
                "state directory " + dir + " is in use by another JVM; this one uses " + slotDir);
          }
          return locked;
        }
      }
      candidate.failure =
          "all " + (MAX_INSTANCE + 1) + " instance slots are locked by other running JVMs";
    } catch (IOException | RuntimeException e) {
      Path file = fileInTheWay(candidate.path);
      candidate.failure = file != null ? file + " is not a directory" : describe(e);
    }
    return null;
  }

  /** The nearest existing ancestor (or the path itself), if it is not a directory. */
  private static @Nullable Path fileInTheWay(Path path) {
    for (Path p = path; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isDirectory(p) ? null : p;
      }
    }
    return null;
  }

  /** Locks {@code <slotDir>/.lock}; null if another holder has it, IOException if unwritable. */
  private static @Nullable StateDir tryLock(Path slotDir, int slot) throws IOException {
    Path lockFile = slotDir.resolve(LOCK_FILE);
    // The permissions apply only when the file is created; an existing lock file is reused.
    FileChannel channel =
        FileChannel.open(
            lockFile,
            EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            FilePermissions.ownerOnlyFile(slotDir));
    FileLock lock = null;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldByThisJvm) {
      // Another StateDir of this same JVM holds it: as taken as a lock of another process.
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return null;
    }
    return new StateDir(slotDir, slot, channel, lock);
  }

  /** Compares the directory's owner with the owner of a file this process creates in it. */
  private static boolean ownedByThisUser(Path dir) throws IOException {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return true;
    }
    Path probe = Files.createTempFile(dir, ".owner", ".tmp", FilePermissions.ownerOnlyFile(dir));
    try {
      return Files.getOwner(probe).equals(Files.getOwner(dir));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + ((AccessDeniedException) e).getFile();
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "not a directory: " + ((FileSystemException) e).getFile();
    }
    if (e instanceof FileSystemException) {
      FileSystemException fse = (FileSystemException) e;
      return fse.getReason() != null ? fse.getReason() + ": " + fse.getFile() : e.toString();
    }
    return e.toString();
  }

  /** One place the directory might be, and why it could not be used. */
  private static final class Candidate {
    final @Nullable Path path;
    final String shown;
    @Nullable String failure;

    /**
     * For the shared temp directory: the parent ({@code perf-agent-<user>}) must belong to this
     * user, or another user could have created it to read or plant our files.
     */
    boolean mustOwnParent;

    private Candidate(@Nullable Path path, String shown, @Nullable String failure) {
      this.path = path;
      this.shown = shown;
      this.failure = failure;
    }

    static Candidate of(String first, String... more) {
      try {
        Path path = Paths.get(first, more).toAbsolutePath().normalize();
        return new Candidate(path, path.toString(), null);
      } catch (InvalidPathException e) {
        return failed(first + "/" + String.join("/", more), "invalid path: " + e.getReason());
      }
    }

    static Candidate failed(String shown, String failure) {
      return new Candidate(null, shown, failure);
    }
  }
}
