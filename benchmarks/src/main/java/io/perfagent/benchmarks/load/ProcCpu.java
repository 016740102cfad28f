package io.perfagent.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of a process, in total and thread by thread, from {@code /proc}: the total from {@code
 * stat} (user + system, which keeps the time of threads that ended), each thread's from {@code
 * task/<tid>/schedstat} (nanoseconds on a CPU) with its {@link ThreadKind}.
 */
record ProcCpu(long processNanos, Map<String, ThreadCpu> threads) {

  private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /** One thread's kind and CPU time so far. */
  record ThreadCpu(ThreadKind kind, long nanos) {}

  static ProcCpu read(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
    // Fields after the command name (which may hold spaces) in parentheses; utime is the 14th
    // field of the line, stime the 15th.
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    long ticks = Long.parseLong(after[11]) + Long.parseLong(after[12]);
    Map<String, ThreadCpu> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          String schedstat = Files.readString(task.resolve("schedstat"), StandardCharsets.UTF_8);
          threads.put(
              task.getFileName().toString(),
              new ThreadCpu(
                  ThreadKind.of(name),
                  Long.parseLong(schedstat.substring(0, schedstat.indexOf(' ')))));
        } catch (IOException ended) {
          // the thread ended while we listed
        }
      }
    }
    return new ProcCpu(ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND), Map.copyOf(threads));
  }

  /**
   * CPU used since {@code before} by kind of thread, thread by thread (a thread that started
   * meanwhile counts from zero; one that ended is missing from both sides of the difference).
   */
  Map<ThreadKind, Long> nanosByKindSince(ProcCpu before) {
    Map<ThreadKind, Long> byKind = new EnumMap<>(ThreadKind.class);
    for (ThreadKind k : ThreadKind.values()) {
      byKind.put(k, 0L);
    }
    for (Map.Entry<String, ThreadCpu> t : threads.entrySet()) {
      ThreadCpu earlier = before.threads.get(t.getKey());
      long since = t.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
      byKind.merge(t.getValue().kind(), since, Long::sum);
    }
    return byKind;
  }
}
