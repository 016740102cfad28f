package io.perfagent.agent.alert;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.alert.Alert;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A thread dump into the state directory when an alert turns critical: at most one per 10 minutes,
 * and only the newest 5 files are kept, so a flapping alert cannot fill the disk.
 */
final class ThreadDumps {

  static final long MIN_GAP_MILLIS = 10 * 60_000;
  private static final int KEEP = 5;

  private final Path dir;
  private long last = Long.MIN_VALUE / 2;

  ThreadDumps(Path dir) {
    this.dir = dir;
  }

  void write(Alert cause) {
    long now = System.currentTimeMillis();
    if (now - last < MIN_GAP_MILLIS) {
      return;
    }
    last = now;
    StringBuilder b =
        new StringBuilder("# thread dump for critical alert ")
            .append(cause.id())
            .append("\n# ")
            .append(cause.evidence())
            .append("\n\n");
    for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      b.append('"')
          .append(t.getThreadName())
          .append("\" #")
          .append(t.getThreadId())
          .append(' ')
          .append(t.getThreadState());
      if (t.getLockName() != null) {
        b.append(" on ").append(t.getLockName());
      }
      b.append('\n');
      for (StackTraceElement e : t.getStackTrace()) {
        b.append("\tat ").append(e).append('\n');
      }
      b.append('\n');
    }
    Path file = dir.resolve("thread-dump-" + now + ".txt");
    try {
      Files.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
      AgentLog.info("thread dump for the critical alert written to " + file);
      prune();
    } catch (Exception e) {
      AgentLog.warnEvery("thread-dump", 600_000, "could not write " + file + ": " + e);
    }
  }

  private void prune() throws java.io.IOException {
    java.util.List<Path> dumps = new java.util.ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> s =
        Files.newDirectoryStream(dir, "thread-dump-*.txt")) {
      for (Path p : s) {
        dumps.add(p);
      }
    }
    dumps.sort(null);
    for (int i = 0; i < dumps.size() - KEEP; i++) {
      Files.deleteIfExists(dumps.get(i));
    }
  }
}
