package io.perfagent.agent;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Lines for the CLI that asked for an attach, reload or detach: each is logged as usual and, when
 * the CLI named a reply file, appended to it. The last line is {@code done ok} or {@code done
 * failed}, which the CLI waits for.
 */
final class Reply {

  static final Reply NONE = new Reply(null);

  private final @Nullable Path file;

  private Reply(@Nullable Path file) {
    this.file = file;
  }

  static Reply to(@Nullable String path) {
    return path == null || path.isEmpty() ? NONE : new Reply(Paths.get(path));
  }

  void info(String line) {
    AgentLog.info(line);
    write(line);
  }

  void warn(String line) {
    AgentLog.warn(line);
    write("WARN " + line);
  }

  void done(boolean ok) {
    write(ok ? "done ok" : "done failed");
  }

  private void write(String line) {
    if (file == null) {
      return;
    }
    try {
      Files.write(
          file,
          (line + "\n").getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      AgentLog.warnThrottled("reply", "could not answer the CLI in " + file + ": " + e);
    }
  }
}
