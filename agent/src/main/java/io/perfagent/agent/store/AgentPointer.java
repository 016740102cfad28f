package io.perfagent.agent.store;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the CLI finds an agent whatever its state directory: at start the agent writes {@code
 * <root>/running/<pid>}, one line naming its state directory, into the first usable per-user root
 * ({@code $XDG_STATE_HOME/perf-agent}, else {@code $HOME/.local/state/perf-agent}, else {@code
 * ${java.io.tmpdir}/perf-agent-<user>}: the places the CLI searches by default anyway), and removes
 * it at exit. The CLI follows the pointers of live pids to their state directories, where the
 * registration ({@code agent-<pid>.json}) says the rest; a pointer of a dead pid (a kill -9) is
 * removed by whoever finds it, one not owned by the user is ignored. Pointers are owner-only and
 * written atomically, like every state file.
 */
public final class AgentPointer {

  static final String DIR = "running";

  private AgentPointer() {}

  /** The per-user roots, first the one written to; the CLI's default search roots. */
  public static List<Path> roots(Function<String, String> env) {
    List<Path> roots = new ArrayList<>();
    String xdg = env.apply("XDG_STATE_HOME");
    String home = env.apply("HOME");
    if (xdg != null && xdg.startsWith("/")) {
      roots.add(Paths.get(xdg, "perf-agent"));
    } else if (home != null && !home.isEmpty()) {
      roots.add(Paths.get(home, ".local", "state", "perf-agent"));
    }
    String user =
        System.getProperty("user.name", "unknown_user").replaceAll("[^A-Za-z0-9._-]", "_");
    roots.add(Paths.get(System.getProperty("java.io.tmpdir"), "perf-agent-" + user));
    return roots;
  }

  /**
   * Writes this JVM's pointer to {@code stateDir}; returns the file, or {@code null} when no root
   * could take it (one debug line: the CLI then needs {@code --state-dir}).
   */
  public static @Nullable Path write(long pid, Path stateDir, Function<String, String> env) {
    byte[] line = (stateDir.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8);
    for (Path root : roots(env)) {
      Path dir = root.resolve(DIR);
      Path file = dir.resolve(Long.toString(pid));
      try {
        Files.createDirectories(dir, FilePermissions.ownerOnlyDir(dir));
        AtomicFiles.write(file, line);
        return file;
      } catch (IOException | RuntimeException e) {
        AgentLog.debug("no agent pointer in " + root + ": " + e);
      }
    }
    return null;
  }

  /** Removes a pointer written by {@link #write}; {@code null} is fine. */
  public static void remove(@Nullable Path pointer) {
    if (pointer == null) {
      return;
    }
    try {
      Files.deleteIfExists(pointer);
    } catch (IOException | RuntimeException ignored) {
      // A stale pointer is removed by the next CLI that finds its pid dead.
    }
  }

  /** The state directories the pointers under {@code roots} name, of live pids only. */
  public static List<Path> stateDirs(List<Path> roots) {
    List<Path> out = new ArrayList<>();
    String user = System.getProperty("user.name", "");
    for (Path root : roots) {
      Path dir = root.resolve(DIR);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> pointers = Files.newDirectoryStream(dir)) {
        for (Path p : pointers) {
          Path target = follow(p, user);
          if (target != null && !out.contains(target)) {
            out.add(target);
          }
        }
      } catch (IOException | RuntimeException unreadable) {
        // Nothing found there.
      }
    }
    return out;
  }

  private static @Nullable Path follow(Path pointer, String user) throws IOException {
    long pid;
    try {
      pid = Long.parseLong(pointer.getFileName().toString());
    } catch (NumberFormatException notOurs) {
      return null;
    }
    if (!Files.isRegularFile(pointer) || !Files.getOwner(pointer).getName().equals(user)) {
      return null;
    }
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      remove(pointer);
      return null;
    }
    String text = new String(Files.readAllBytes(pointer), StandardCharsets.UTF_8).trim();
    if (text.isEmpty() || !text.startsWith("/")) {
      return null;
    }
    return Paths.get(text);
  }
}
