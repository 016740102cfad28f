package io.perfagent.exporter;

import java.lang.management.ManagementFactory;

/**
 * Wall-clock time as OpenTelemetry points carry it: nanoseconds since the epoch (at millisecond
 * precision), and the one start time of every cumulative series this process exports.
 */
final class EpochNanos {

  /**
   * When every cumulative series starts: the JVM's start. The process and JVM counters (CPU time,
   * GC, classes, page faults, disk I/O) count from there, and with {@code -javaagent} the method
   * counts do too, give or take the JVM's boot. One value for all producers, so that OTLP and the
   * Prometheus endpoint, methods and resources, all report the same start for this process.
   */
  static final long PROCESS_START = processStart();

  private EpochNanos() {}

  /** The wall clock now. */
  static long now() {
    return fromMillis(System.currentTimeMillis());
  }

  /** {@code epochMillis} in epoch nanoseconds. */
  static long fromMillis(long epochMillis) {
    return epochMillis * 1_000_000L;
  }

  private static long processStart() {
    try {
      return fromMillis(ManagementFactory.getRuntimeMXBean().getStartTime());
    } catch (RuntimeException | LinkageError noManagement) { // a JVM without java.management
      return now();
    }
  }
}
