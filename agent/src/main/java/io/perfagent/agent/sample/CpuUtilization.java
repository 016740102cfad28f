package io.perfagent.agent.sample;

/**
 * CPU utilization between two readings of a cumulative CPU time: CPU time used over CPU time
 * available (wall time × processors), clamped to [0, 1]. NaN for the first reading or a missing
 * one. Not thread-safe: one sampler owns it.
 */
final class CpuUtilization {

  private long previousCpuNanos = -1;
  private long previousWallNanos;

  /** The utilization since the previous call; {@code cpuNanos} < 0 means "not available". */
  double next(long cpuNanos, long wallNanos, long processors) {
    double result = Double.NaN;
    if (cpuNanos >= 0 && previousCpuNanos >= 0 && wallNanos > previousWallNanos && processors > 0) {
      result =
          (cpuNanos - previousCpuNanos) / (double) ((wallNanos - previousWallNanos) * processors);
      result = Math.max(0, Math.min(1, result));
    }
    previousCpuNanos = cpuNanos;
    previousWallNanos = wallNanos;
    return result;
  }
}
