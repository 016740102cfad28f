package io.perfagent.core.detect;

/**
 * The resource series the advisor knows by name (OpenTelemetry semantic-convention names, as
 * exported). Any other series is taken to be a method.
 */
public final class Indicators {

  /** Heap used after the last GC, the leak signal (D21). */
  public static final String HEAP_AFTER_GC = "jvm.memory.used_after_last_gc";
  /** Resident set size. */
  public static final String RSS = "process.memory.usage";
  public static final String THREADS = "jvm.thread.count";
  public static final String OPEN_FDS = "process.unix.file_descriptor.count";
  /** The share of wall time spent in GC pauses during the cycle. */
  public static final String GC_TIME_FRACTION = "jvm.gc.time_fraction";
  public static final String CPU = "process.cpu.utilization";

  private Indicators() {}

  /** Whether {@code series} is one of the resource indicators rather than a method. */
  public static boolean isResource(String series) {
    return series.startsWith("jvm.") || series.startsWith("process.")
        || series.startsWith("perf.") || series.equals(ProcessWideDetector.SERIES);
  }
}
