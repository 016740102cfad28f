package io.perfagent.agent.sample;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.model.ProcessSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The memory limit and CPU quota that the kernel enforces on this process's cgroup (v2 {@code
 * memory.max} / {@code cpu.max}, v1 {@code memory.limit_in_bytes} / {@code cpu.cfs_quota_us}). No
 * limit is reported as absent, never as a huge number.
 *
 * <p>The files are located once and then kept open and re-read like the {@code /proc} files, so a
 * re-read allocates nothing; a file that stops being readable makes the next read locate again. Not
 * thread-safe: the sampler thread owns it.
 */
final class CgroupLimits implements AutoCloseable {

  /** v1 reports "no limit" as a page-rounded {@code LONG_MAX}; anything this large means none. */
  private static final long V1_UNLIMITED = 1L << 60;

  private final Path cgroupRoot;
  private final Path procSelf;
  private boolean located;
  private @Nullable ProcFile memory;
  private boolean memoryIsV1;

  /** v2 {@code cpu.max} ("quota period"), or v1 quota with {@link #cpuPeriod} beside it. */
  private @Nullable ProcFile cpu;

  private @Nullable ProcFile cpuPeriod;

  CgroupLimits(Path cgroupRoot, Path procSelf) {
    this.cgroupRoot = cgroupRoot;
    this.procSelf = procSelf;
  }

  /** Fills the limits into {@code s}; absent ones stay MISSING / NaN. */
  void read(ProcessSample s) {
    s.memoryLimitBytes = ProcFile.MISSING;
    s.cpuLimit = Double.NaN;
    if (!located) {
      locate();
    }
    try {
      if (memory != null && memory.read() > 0) {
        long limit = memory.firstNumber();
        s.memoryLimitBytes = memoryIsV1 && limit >= V1_UNLIMITED ? ProcFile.MISSING : limit;
      }
      if (cpu != null && cpu.read() > 0) {
        long quota = cpu.firstNumber(); // "max" and v1's "-1" parse as MISSING: no quota
        long period = ProcFile.MISSING;
        if (cpuPeriod == null) {
          period = cpu.secondNumber();
        } else if (cpuPeriod.read() > 0) {
          period = cpuPeriod.firstNumber();
        }
        if (quota > 0 && period > 0) {
          s.cpuLimit = quota / (double) period;
        }
      }
    } catch (IOException gone) {
      close(); // the next read locates the files again
    }
  }

  private void locate() {
    located = true;
    Path v2 = cgroupRoot.resolve(relativeV2Path());
    memory = firstOpen(v2.resolve("memory.max"), cgroupRoot.resolve("memory.max"));
    memoryIsV1 = memory == null;
    if (memory == null) {
      memory = firstOpen(cgroupRoot.resolve("memory").resolve("memory.limit_in_bytes"));
    }
    cpu = firstOpen(v2.resolve("cpu.max"), cgroupRoot.resolve("cpu.max"));
    if (cpu == null) {
      cpu = firstOpen(cgroupRoot.resolve("cpu").resolve("cpu.cfs_quota_us"));
      cpuPeriod =
          cpu == null ? null : firstOpen(cgroupRoot.resolve("cpu").resolve("cpu.cfs_period_us"));
      if (cpuPeriod == null) {
        AgentLog.closeQuietly(cpu, "the cgroup CPU quota file");
        cpu = null;
      }
    }
  }

  /** The v2 path from {@code /proc/self/cgroup}'s {@code 0::/path} line, relative. */
  private String relativeV2Path() {
    try {
      for (String line :
          Files.readAllLines(procSelf.resolve("cgroup"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("0::")) {
          String p = line.substring(3).trim();
          return p.startsWith("/") ? p.substring(1) : p;
        }
      }
    } catch (IOException | RuntimeException unreadable) {
      // no v2 hierarchy for us: the root-level and v1 files are tried
    }
    return "";
  }

  private static @Nullable ProcFile firstOpen(Path... candidates) {
    for (Path file : candidates) {
      if (Files.isReadable(file)) {
        try {
          return ProcFile.open(file, 64);
        } catch (IOException | RuntimeException unreadable) {
          // try the next
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    AgentLog.closeQuietly(memory, "the cgroup memory limit file");
    AgentLog.closeQuietly(cpu, "the cgroup CPU quota file");
    AgentLog.closeQuietly(cpuPeriod, "the cgroup CPU period file");
    memory = cpu = cpuPeriod = null;
    located = false;
  }
}
