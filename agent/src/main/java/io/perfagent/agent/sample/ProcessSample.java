package io.perfagent.agent.sample;

/**
 * The latest reading of the process's own resources. A field is {@link ProcFile#MISSING} (-1)
 * when its source is absent (not Linux, unreadable file, older kernel), and is then not exported.
 * Plain fields: written by the sampler thread and read by collectors under the sampler's lock.
 */
final class ProcessSample {
  long rssBytes = ProcFile.MISSING;
  long virtualBytes = ProcFile.MISSING;
  long threads = ProcFile.MISSING;
  long voluntaryContextSwitches = ProcFile.MISSING;
  long involuntaryContextSwitches = ProcFile.MISSING;
  long minorFaults = ProcFile.MISSING;
  long majorFaults = ProcFile.MISSING;
  long userCpuNanos = ProcFile.MISSING;
  long systemCpuNanos = ProcFile.MISSING;
  long diskReadBytes = ProcFile.MISSING;
  long diskWriteBytes = ProcFile.MISSING;
  long openFileDescriptors = ProcFile.MISSING;
  /** Share of all processors' time used since the previous sample, 0..1; NaN before two samples. */
  double cpuUtilization = Double.NaN;
  long memoryLimitBytes = ProcFile.MISSING;
  /** The CPU quota in processors (e.g. 1.5), or NaN where there is none. */
  double cpuLimit = Double.NaN;
  double ioLatencySeconds = Double.NaN;

  void copyTo(ProcessSample target) {
    target.rssBytes = rssBytes;
    target.virtualBytes = virtualBytes;
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
