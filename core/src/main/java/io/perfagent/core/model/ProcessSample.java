package io.perfagent.core.model;

/**
 * The latest reading of the process's own resources. A field is {@link #MISSING} (-1) when its
 * source is absent (not Linux, unreadable file, older kernel), and is then not exported.
 *
 * <p>A mutable buffer on purpose: the sampler re-reads into the same instances every interval so
 * that a sample allocates nothing. Plain public fields, written by one sampler thread and copied
 * out under the sampler's lock ({@link ResourceSource#latest}); readers own their copy.
 */
public final class ProcessSample {

  /** The value of a field whose source is absent. */
  public static final long MISSING = -1;

  public long rssBytes = MISSING;
  public long virtualBytes = MISSING;

  /** The highest RSS so far (VmHWM). */
  public long peakRssBytes = MISSING;

  public long threads = MISSING;
  public long voluntaryContextSwitches = MISSING;
  public long involuntaryContextSwitches = MISSING;
  public long minorFaults = MISSING;
  public long majorFaults = MISSING;
  public long userCpuNanos = MISSING;
  public long systemCpuNanos = MISSING;
  public long diskReadBytes = MISSING;
  public long diskWriteBytes = MISSING;
  public long openFileDescriptors = MISSING;

  /** Share of all processors' time used since the previous sample, 0..1; NaN before two samples. */
  public double cpuUtilization = Double.NaN;

  public long memoryLimitBytes = MISSING;

  /** The CPU quota in processors (e.g. 1.5), or NaN where there is none. */
  public double cpuLimit = Double.NaN;

  public double ioLatencySeconds = Double.NaN;

  /** Copies every field into {@code target}. */
  public void copyTo(ProcessSample target) {
    target.rssBytes = rssBytes;
    target.virtualBytes = virtualBytes;
    target.peakRssBytes = peakRssBytes;
    target.threads = threads;
    target.voluntaryContextSwitches = voluntaryContextSwitches;
    target.involuntaryContextSwitches = involuntaryContextSwitches;
    target.minorFaults = minorFaults;
    target.majorFaults = majorFaults;
    target.userCpuNanos = userCpuNanos;
    target.systemCpuNanos = systemCpuNanos;
    target.diskReadBytes = diskReadBytes;
    target.diskWriteBytes = diskWriteBytes;
    target.openFileDescriptors = openFileDescriptors;
    target.cpuUtilization = cpuUtilization;
    target.memoryLimitBytes = memoryLimitBytes;
    target.cpuLimit = cpuLimit;
    target.ioLatencySeconds = ioLatencySeconds;
  }
}
