package io.perfagent.agent.endpoint;

import io.perfagent.agent.store.AtomicFiles;
import io.perfagent.core.json.Json;
import io.perfagent.core.json.JsonException;
import io.perfagent.core.json.JsonValues;
import io.perfagent.core.json.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code <state dir>/agent-<pid>.json}: how the CLI finds a running agent (pid, endpoint host and
 * port, version, service, start time). Written atomically and owner-only at start, removed at exit;
 * a file whose pid is no longer alive is stale, ignored and removed by whoever finds it. It never
 * holds the token, only whether one is needed.
 */
public final class Registration {

  static final String PREFIX = "agent-";
  static final String SUFFIX = ".json";

  public final long pid;
  public final String host;
  public final int port;
  public final String version;
  public final String service;
  public final long startEpochMillis;
  public final boolean tokenRequired;

  /** The file it was read from (or written to). */
  public final Path file;

  Registration(
      long pid,
      String host,
      int port,
      String version,
      String service,
      long startEpochMillis,
      boolean tokenRequired,
      Path file) {
    this.pid = pid;
    this.host = host;
    this.port = port;
    this.version = version;
    this.service = service;
    this.startEpochMillis = startEpochMillis;
    this.tokenRequired = tokenRequired;
    this.file = file;
  }

  /** The file name of a pid's registration. */
  public static String fileName(long pid) {
    return PREFIX + pid + SUFFIX;
  }

  String json() {
    return new JsonWriter()
            .beginObject()
            .name("pid", pid)
            .name("host", host)
            .name("port", port)
            .name("version", version)
            .name("service", service)
            .name("start_time", startEpochMillis)
            .name("token_required", tokenRequired)
            .name("state_dir", String.valueOf(file.getParent()))
            .endObject()
            .toString()
        + "\n";
  }

  /** Writes this registration (owner-only, atomically). */
  void write() throws IOException {
    AtomicFiles.write(file, json().getBytes(StandardCharsets.UTF_8));
  }

  /** The base URL, e.g. {@code http://127.0.0.1:9001}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    if (h.equals("0.0.0.0") || h.equals("[::]")) {
      h = "127.0.0.1";
    }
    return "http://" + h + ":" + port;
  }

  /** Parses a registration file; null if it is not one (torn, foreign, unreadable). */
  public static @Nullable Registration read(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      Map<String, Object> o = Json.parseObject(text);
      Object token = o.get("token_required");
      return new Registration(
          JsonValues.integer(o, "pid"),
          JsonValues.string(o, "host"),
          (int) JsonValues.integer(o, "port"),
          JsonValues.string(o, "version"),
          JsonValues.string(o, "service"),
          JsonValues.integer(o, "start_time"),
          Boolean.TRUE.equals(token),
          file);
    } catch (IOException | JsonException | ClassCastException e) {
      return null;
    }
  }

  /**
   * The live registrations in {@code dir} and its {@code instance-N} and service subdirectories
   * (two levels down); files of dead pids are removed on the way.
   */
  public static List<Registration> scan(Path dir) {
    List<Registration> out = new ArrayList<>();
    scan(dir, 3, out);
    return out;
  }

  private static void scan(Path dir, int depth, List<Registration> out) {
    if (depth < 0 || !Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(p)) {
          Registration r = read(p);
          if (r == null) {
            continue;
          }
          if (ProcessHandle.of(r.pid).map(ProcessHandle::isAlive).orElse(false)) {
            out.add(r);
          } else {
            try {
              Files.deleteIfExists(p);
            } catch (IOException ignored) {
              // Someone else's file or a read-only dir: it stays ignored all the same.
            }
          }
        } else if (Files.isDirectory(p) && !Files.isSymbolicLink(p)) {
          scan(p, depth - 1, out);
        }
      }
    } catch (IOException | SecurityException ignored) {
      // An unreadable directory holds nothing we can use.
    }
  }
}
