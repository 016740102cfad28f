package io.perfagent.agent.cli;

import io.perfagent.agent.analyze.BaselineFile;
import io.perfagent.agent.endpoint.Registration;
import io.perfagent.agent.store.AgentPointer;
import io.perfagent.agent.store.HistoryWriter;
import io.perfagent.core.history.HistoryReader;
import io.perfagent.core.history.HistoryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The agent a command is about: a running one found through its registration file (or given by
 * {@code --url}), or, when none runs, the state directory it left behind.
 */
final class Target {

  /** Not found, or not unique: the message says where it looked and what to do. */
  static final class NotFound extends Exception {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /** The running agent, or null when reading files. */
  final @Nullable Registration registration;

  /** The client of the running agent, or null. */
  final @Nullable AgentClient client;

  /** The state directory (of the running agent, or the one read), or null with --url only. */
  final @Nullable Path stateDir;

  private Target(
      @Nullable Registration registration, @Nullable AgentClient client, @Nullable Path stateDir) {
    this.registration = registration;
    this.client = client;
    this.stateDir = stateDir;
  }

  /** The endpoint client of a live target. */
  AgentClient liveClient() {
    return Objects.requireNonNull(client, "not a live target: check live() first");
  }

  /** The state directory: a live agent's own, or the one found for an offline service. */
  Path dir() {
    return Objects.requireNonNull(stateDir, "a target without a state directory");
  }

  boolean live() {
    return client != null;
  }

  /** Where agents register by default: the XDG state home and the temp-dir fallback. */
  static List<Path> defaultRoots(Function<String, String> env) {
    return AgentPointer.roots(env);
  }

  /** The roots to search: {@code --state-dir}, else the defaults. */
  static List<Path> roots(CliArgs args) {
    return roots(args, System::getenv);
  }

  /**
   * {@code --state-dir}, else the default roots and the state directories that running agents point
   * to from there ({@link AgentPointer}): an agent with {@code perf.state.dir} anywhere is found
   * with no option.
   */
  static List<Path> roots(CliArgs args, Function<String, String> env) {
    String dir = args.value("--state-dir");
    if (dir != null) {
      List<Path> one = new ArrayList<>();
      one.add(Paths.get(dir).toAbsolutePath());
      return one;
    }
    List<Path> roots = defaultRoots(env);
    for (Path pointed : AgentPointer.stateDirs(roots)) {
      if (!roots.contains(pointed)) {
        roots.add(pointed);
      }
    }
    return roots;
  }

  /** Every running agent under the roots (stale registrations are cleaned on the way). */
  static List<Registration> running(List<Path> roots) {
    List<Registration> all = new ArrayList<>();
    for (Path root : roots) {
      for (Registration r : Registration.scan(root)) {
        if (all.stream().noneMatch(x -> x.pid == r.pid)) {
          all.add(r);
        }
      }
    }
    return all;
  }

  /**
   * Finds the agent: {@code --url}; else the one running agent that matches {@code --pid} and
   * {@code --service}; else, if {@code allowOffline}, the state directory with history.
   */
  static Target find(CliArgs args, boolean allowOffline) throws NotFound, CliArgs.UsageException {
    String token =
        args.value("--token") != null
            ? args.value("--token")
            : System.getenv("PERF_ENDPOINT_TOKEN");
    if (args.value("--url") != null) {
      String dir = args.value("--state-dir");
      return new Target(
          null,
          new AgentClient(args.value("--url"), token, args.value("--url")),
          dir == null ? null : Paths.get(dir));
    }
    long pid = args.number("--pid");
    String service = args.value("--service");
    List<Path> roots = roots(args);
    List<Registration> matching = new ArrayList<>();
    for (Registration r : running(roots)) {
      if ((pid < 0 || r.pid == pid) && (service == null || service.equals(r.service))) {
        matching.add(r);
      }
    }
    if (matching.size() == 1) {
      Registration r = matching.get(0);
      return new Target(r, new AgentClient(r.url(), token, "pid " + r.pid), r.file.getParent());
    }
    if (matching.size() > 1) {
      StringBuilder s =
          new StringBuilder("several perf-agents are running; choose one with --pid or --service:");
      for (Registration r : matching) {
        s.append("\n  pid ")
            .append(r.pid)
            .append("  service ")
            .append(r.service)
            .append("  ")
            .append(r.url());
      }
      throw new NotFound(s.toString());
    }
    String looked = "looked in " + roots;
    if (pid >= 0) {
      throw new NotFound(
          "no perf-agent in pid "
              + pid
              + " ("
              + looked
              + "): start it with "
              + "-javaagent:perf-agent.jar, or pass --state-dir if it uses perf.state.dir");
    }
    if (allowOffline) {
      Path dir = historyDir(roots, service);
      if (dir != null) {
        return new Target(null, null, dir);
      }
    }
    throw new NotFound(
        "no running perf-agent"
            + (service == null ? "" : " of service " + service)
            + (allowOffline ? " and no history" : "")
            + " found ("
            + looked
            + "): start the JVM with "
            + "-javaagent:perf-agent.jar, or pass --state-dir if it uses perf.state.dir");
  }

  /** The directory holding history: a root itself, or the one service directory under it. */
  private static @Nullable Path historyDir(List<Path> roots, @Nullable String service)
      throws NotFound {
    List<Path> found = new ArrayList<>();
    for (Path root : roots) {
      if (hasHistory(root) && (service == null || root.getFileName().toString().equals(service))) {
        found.add(root);
        continue;
      }
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
        for (Path d : dirs) {
          if (hasHistory(d) && (service == null || d.getFileName().toString().equals(service))) {
            found.add(d);
          }
        }
      } catch (IOException ignored) {
        // unreadable: nothing found there
      }
    }
    if (found.size() > 1) {
      StringBuilder s =
          new StringBuilder(
              "no perf-agent is running, and several services left history; choose with --service or --state-dir:");
      for (Path d : found) {
        s.append("\n  ").append(d);
      }
      throw new NotFound(s.toString());
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static boolean hasHistory(Path dir) {
    return Files.isRegularFile(dir.resolve(BaselineFile.HISTORY + ".jsonl"));
  }

  /** The last good cycle in the state directory's history, or null. */
  @Nullable HistoryRecord lastRecord(List<String> warnings) throws IOException {
    if (stateDir == null) {
      return null;
    }
    HistoryRecord[] last = {null};
    List<Path> files = HistoryWriter.filesOldestFirst(stateDir, BaselineFile.HISTORY);
    // The live file alone normally holds the last cycle; the generations only when it is empty.
    for (int i = files.size() - 1; i >= 0 && last[0] == null; i--) {
      try (BufferedReader in = HistoryWriter.openLines(files.get(i))) {
        HistoryReader.read(
            in, files.get(i).getFileName().toString(), r -> last[0] = r, warnings::add);
      }
    }
    return last[0];
  }

  /** Names the target for headings: "pid 4711 · port 9001", or the directory read. */
  String describe() {
    if (registration != null) {
      return "pid " + registration.pid + " · " + registration.url();
    }
    if (client != null) {
      return client.baseUrl();
    }
    return "not running · history in " + stateDir;
  }

  static String service(Map<String, Object> summary, @Nullable Target t) {
    Object s = summary.get("service");
    if (s != null) {
      return s.toString();
    }
    return t != null && t.registration != null ? t.registration.service : "?";
  }
}
