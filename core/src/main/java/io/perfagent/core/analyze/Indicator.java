package io.perfagent.core.analyze;

import java.util.Objects;

/**
 * A resource indicator judged once per cycle: its key (an OpenTelemetry metric name where one
 * exists), its unit, and what counts as a real change: higher is worse for every indicator, and a
 * change smaller than {@link #floor()} (in the indicator's unit) is never a degradation. An
 * indicator that is not {@link #judged()} is recorded and shown but never given a level.
 */
public final class Indicator {

  /** Resident set size, bytes. */
  public static final Indicator RSS = judged("process.memory.usage", "By", 16 << 20);

  /** Peak resident set size (VmHWM), bytes; shown, not judged (it only ever grows). */
  public static final Indicator PEAK_RSS = shown("process.memory.peak", "By");

  /** Heap used after the last collection, summed over heap pools, bytes. */
  public static final Indicator HEAP_AFTER_GC =
      judged("jvm.memory.used_after_last_gc", "By", 16 << 20);

  /** Process CPU as a share of all processors, 0..1. */
  public static final Indicator CPU = judged("process.cpu.utilization", "1", 0.05);

  /** Share of wall time spent in GC pauses, 0..1. */
  public static final Indicator GC_TIME = judged("jvm.gc.time_fraction", "1", 0.01);

  /** JVM threads. */
  public static final Indicator THREADS = judged("jvm.thread.count", "{thread}", 5);

  /** Open file descriptors. */
  public static final Indicator FILE_DESCRIPTORS =
      judged("process.unix.file_descriptor.count", "{file_descriptor}", 10);

  /** One metadata read of the state directory, seconds. */
  public static final Indicator IO_LATENCY = judged("perf.io.latency", "s", 0.001);

  /** Time since the JVM started, seconds; shown, not judged. */
  public static final Indicator UPTIME = shown("process.uptime", "s");

  private final String key;
  private final String unit;
  private final double floor;
  private final boolean judged;

  private Indicator(String key, String unit, double floor, boolean judged) {
    this.key = Objects.requireNonNull(key, "key");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.floor = floor;
    this.judged = judged;
  }

  /** An indicator given a level each cycle; changes below {@code floor} never count. */
  public static Indicator judged(String key, String unit, double floor) {
    if (!(floor >= 0)) {
      throw new IllegalArgumentException("floor must be ≥ 0, got " + floor);
    }
    return new Indicator(key, unit, floor, true);
  }

  /** An indicator that is recorded and shown but never judged. */
  public static Indicator shown(String key, String unit) {
    return new Indicator(key, unit, 0, false);
  }

  /** An application gauge registered through the bootstrap API (a queue depth, say). */
  public static Indicator applicationGauge(String name, String unit) {
    return judged(name, unit, 10);
  }

  public String key() {
    return key;
  }

  public String unit() {
    return unit;
  }

  /** The smallest change, in the indicator's unit, that may count as worse. */
  public double floor() {
    return floor;
  }

  public boolean judged() {
    return judged;
  }

  @Override
  public String toString() {
    return key;
  }
}
