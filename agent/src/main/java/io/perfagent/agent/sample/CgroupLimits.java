package io.perfagent.agent.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory limit and CPU quota that the kernel enforces on this process's cgroup (v2 {@code
 * memory.max} / {@code cpu.max}, v1 {@code memory.limit_in_bytes} / {@code cpu.cfs_quota_us}). No
 * limit is reported as absent, never as a huge number. Read rarely: limits seldom change.
 */
final class CgroupLimits {

  /** v1 reports "no limit" as a page-rounded {@code LONG_MAX}; anything this large means none. */
  private static final long V1_UNLIMITED = 1L << 60;

  private final Path cgroupRoot;
  private final Path procSelf;

  CgroupLimits(Path cgroupRoot, Path procSelf) {
    this.cgroupRoot = cgroupRoot;
    this.procSelf = procSelf;
  }

  /** Fills the limits into {@code s}; absent ones stay MISSING / NaN. */
  void read(ProcessSample s) {
    s.memoryLimitBytes = ProcFile.MISSING;
    s.cpuLimit = Double.NaN;
    Path v2 = cgroupRoot.resolve(relativeV2Path());
    String memory = firstLine(v2.resolve("memory.max"));
    if (memory == null) {
      memory = firstLine(cgroupRoot.resolve("memory.max"));
    }
    if (memory != null) {
      s.memoryLimitBytes = parseLimit(memory, Long.MAX_VALUE);
    } else {
      String v1 = firstLine(cgroupRoot.resolve("memory").resolve("memory.limit_in_bytes"));
      if (v1 != null) {
        s.memoryLimitBytes = parseLimit(v1, V1_UNLIMITED);
      }
    }
    String cpu = firstLine(v2.resolve("cpu.max"));
    if (cpu == null) {
      cpu = firstLine(cgroupRoot.resolve("cpu.max"));
    }
    if (cpu != null) {
      int space = cpu.indexOf(' ');
      if (space > 0 && !cpu.startsWith("max")) {
        s.cpuLimit = quota(cpu.substring(0, space), cpu.substring(space + 1));
      }
    } else {
      String quota = firstLine(cgroupRoot.resolve("cpu").resolve("cpu.cfs_quota_us"));
      String period = firstLine(cgroupRoot.resolve("cpu").resolve("cpu.cfs_period_us"));
      if (quota != null && period != null && !quota.startsWith("-")) {
        s.cpuLimit = quota(quota, period);
      }
    }
  }

  /** The v2 path from {@code /proc/self/cgroup}'s {@code 0::/path} line, relative. */
  private String relativeV2Path() {
    String lines = read(procSelf.resolve("cgroup"));
    if (lines != null) {
      for (String line : lines.split("\n")) {
        if (line.startsWith("0::")) {
          String p = line.substring(3).trim();
          return p.startsWith("/") ? p.substring(1) : p;
        }
      }
    }
    return "";
  }

  private static long parseLimit(String text, long unlimitedFrom) {
    try {
      long v = Long.parseLong(text.trim());
      return v >= unlimitedFrom ? ProcFile.MISSING : v;
    } catch (NumberFormatException max) {
      return ProcFile.MISSING; // "max"
    }
  }

  private static double quota(String quota, String period) {
    try {
      double q = Double.parseDouble(quota.trim());
      double p = Double.parseDouble(period.trim());
      return q > 0 && p > 0 ? q / p : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String firstLine(Path file) {
    String text = read(file);
    if (text == null) {
      return null;
    }
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).trim();
  }

  private static String read(Path file) {
    try {
      return Files.isReadable(file) ? new String(Files.readAllBytes(file), StandardCharsets.US_ASCII) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
