package io.perfagent.benchmarks.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A process's resident memory and threads from {@code /proc/<pid>/status} ({@code VmRSS}, {@code
 * Threads}), its threads' names from {@code /proc/<pid>/task/<tid>/comm} (the JVM names native
 * threads after Java threads, cut to 15 characters), and the CPU it used so far (user + system from
 * {@code /proc/<pid>/stat}, all threads): on a shared, loaded machine the CPU a start costs is a
 * steadier measure than its wall time.
 */
record ProcStatus(long rssKb, int threads, List<String> threadNames, double cpuMillis) {

  /** The kernel's clock ticks per second ({@code USER_HZ}); 100 on Linux everywhere we run. */
  private static final double TICKS_PER_SECOND = 100;

  static ProcStatus read(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    long rss = -1;
    int threads = -1;
    for (String line : Files.readAllLines(proc.resolve("status"), StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
      } else if (line.startsWith("Threads:")) {
        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
      }
    }
    if (rss < 0 || threads < 0) {
      throw new IOException("no VmRSS or Threads in " + proc.resolve("status"));
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
      for (Path task : tasks) {
        try {
          names.add(Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim());
        } catch (IOException exited) {
          // the thread ended while we listed
        }
      }
    }
    Collections.sort(names);
    String stat = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // After the command: state is field 3, utime 14 and stime 15 (1-based) of the whole line.
    double cpu =
        (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND;
    return new ProcStatus(rss, threads, List.copyOf(names), cpu);
  }

  double rssMb() {
    return rssKb / 1024.0;
  }
}
