package io.perfagent.core.detect;

import io.perfagent.core.analyze.Indicator;

/**
 * The resource series the advisor knows by name: the analysis' {@link Indicator} keys. Any other
 * series is taken to be a method.
 */
public final class Indicators {

  /** Heap used after the last GC, the leak signal (D21). */
  public static final String HEAP_AFTER_GC = Indicator.HEAP_AFTER_GC.key();

  /** Resident set size. */
  public static final String RSS = Indicator.RSS.key();

  public static final String THREADS = Indicator.THREADS.key();
  public static final String OPEN_FDS = Indicator.FILE_DESCRIPTORS.key();

  /** The share of wall time spent in GC pauses during the cycle. */
  public static final String GC_TIME_FRACTION = Indicator.GC_TIME.key();

  public static final String CPU = Indicator.CPU.key();

  private Indicators() {}

  /** Whether {@code series} is one of the resource indicators rather than a method. */
  public static boolean isResource(String series) {
    return series.startsWith("jvm.")
        || series.startsWith("process.")
        || series.startsWith("perf.")
        || series.equals(ProcessWideDetector.SERIES);
  }
}
