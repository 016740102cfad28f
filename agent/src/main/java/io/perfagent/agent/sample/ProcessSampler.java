package io.perfagent.agent.sample;

import io.perfagent.agent.log.AgentLog;
import io.perfagent.core.model.ProcessSample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code status}, {@code stat} and {@code io} of a {@code /proc/<pid>}-like folder. A file
 * that cannot be opened disables its metrics with one log line; the others go on.
 */
final class ProcessSampler implements AutoCloseable {

  /** {@code USER_HZ}: the unit of {@code utime}/{@code stime}; 100 on every mainstream Linux. */
  static final long CLOCK_TICKS_PER_SECOND = 100;

  private static final byte[] VM_RSS = key("VmRSS:");
  private static final byte[] VM_SIZE = key("VmSize:");
  private static final byte[] VM_HWM = key("VmHWM:");
  private static final byte[] THREADS = key("Threads:");
  private static final byte[] VOLUNTARY = key("voluntary_ctxt_switches:");
  private static final byte[] INVOLUNTARY = key("nonvoluntary_ctxt_switches:");
  private static final byte[] READ_BYTES = key("read_bytes:");
  private static final byte[] WRITE_BYTES = key("write_bytes:");

  private final @Nullable ProcFile status;
  private final @Nullable ProcFile stat;
  private final @Nullable ProcFile io;
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final int processors = Runtime.getRuntime().availableProcessors();
  private final CpuUtilization utilization = new CpuUtilization();

  ProcessSampler(Path procSelf) {
    this.status = open(procSelf.resolve("status"), 4096);
    this.stat = open(procSelf.resolve("stat"), 1024);
    this.io = open(procSelf.resolve("io"), 512);
  }

  private static @Nullable ProcFile open(Path file, int capacity) {
    try {
      return ProcFile.open(file, capacity);
    } catch (IOException | RuntimeException unavailable) {
      AgentLog.info("resource metrics from " + file + " are off: " + unavailable);
      return null;
    }
  }

  /** Fills {@code s} from the files; allocation-free once warm. */
  void sample(ProcessSample s, long wallNanos) throws IOException {
    if (status != null && status.read() > 0) {
      s.rssBytes = kilobytes(status.keyed(VM_RSS));
      s.virtualBytes = kilobytes(status.keyed(VM_SIZE));
      s.peakRssBytes = kilobytes(status.keyed(VM_HWM));
      s.threads = status.keyed(THREADS);
      s.voluntaryContextSwitches = status.keyed(VOLUNTARY);
      s.involuntaryContextSwitches = status.keyed(INVOLUNTARY);
    }
    if (stat != null && stat.read() > 0) {
      s.minorFaults = stat.statField(10);
      s.majorFaults = stat.statField(12);
      s.userCpuNanos = ticksToNanos(stat.statField(14));
      s.systemCpuNanos = ticksToNanos(stat.statField(15));
    }
    if (io != null && io.read() > 0) {
      s.diskReadBytes = io.keyed(READ_BYTES);
      s.diskWriteBytes = io.keyed(WRITE_BYTES);
    }
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
      // Counted natively by the JVM (a directory scan in C): no allocation on our side.
      s.openFileDescriptors =
          ((com.sun.management.UnixOperatingSystemMXBean) os).getOpenFileDescriptorCount();
    }
    long cpu = s.userCpuNanos < 0 || s.systemCpuNanos < 0 ? -1 : s.userCpuNanos + s.systemCpuNanos;
    s.cpuUtilization = utilization.next(cpu, wallNanos, processors);
  }

  private static long kilobytes(long kb) {
    return kb < 0 ? kb : kb * 1024;
  }

  private static long ticksToNanos(long ticks) {
    return ticks < 0 ? ticks : ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
  }

  private static byte[] key(String k) {
    return k.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    for (ProcFile f : new ProcFile[] {status, stat, io}) {
      if (f != null) {
        try {
          f.close();
        } catch (IOException ignored) {
          // closing a read-only proc file cannot lose anything
        }
      }
    }
  }
}
