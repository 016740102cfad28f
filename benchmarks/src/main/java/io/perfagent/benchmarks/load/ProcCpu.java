package io.perfagent.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a process and of its threads whose name starts with a prefix, from {@code /proc}: the
 * process total from {@code stat} (user + system, which keeps the time of threads that ended), a
 * thread's from {@code task/<tid>/schedstat} (nanoseconds on a CPU), by thread id.
 */
record ProcCpu(long processNanos, Map<String, Long> prefixedThreadNanos) {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  static ProcCpu read(long pid, String threadPrefix) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
    // Fields after the command name (which may hold spaces) in parentheses; utime is the 14th
    // field of the line, stime the 15th.
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
    Map<String, Long> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          if (name.startsWith(threadPrefix)) {
            String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8);
            threads.put(
                task.getFileName().toString(),
                Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))));
          }
        } catch (IOException ended) {
          // the thread ended while we listed
        }
      }
    }
    return new ProcCpu(ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND), Map.copyOf(threads));
  }

  /**
   * CPU the prefixed threads used since {@code before}, thread by thread (a thread that started
   * meanwhile counts from zero; one that ended is missing from both sides' difference).
   */
  long prefixedThreadNanosSince(ProcCpu before) {
    long sum = 0;
    for (Map.Entry<String, Long> t : prefixedThreadNanos.entrySet()) {
      sum += t.getValue() - before.prefixedThreadNanos.getOrDefault(t.getKey(), 0L);
    }
    return sum;
  }
}
