package io.perfagent.core.detect;

/** What a detector saw. {@link #id()} is the snake_case name used in JSON and settings. */
public enum FindingKind {
  /** A level held for several consecutive cycles. */
  PERSISTENT_DEGRADATION,
  /** A value far outside the recent spread: one is an event, repeated ones an anomaly. */
  OUTLIER,
  /** A lasting shift of the level, with the change point's time and before/after values. */
  STEP_CHANGE,
  /** A significant, robust upward trend of a resource, with the time left to its limit. */
  LEAK,
  /** Many series degraded in the same cycles: one finding for the process. */
  PROCESS_WIDE,
  /** A method's error ratio above its gate for several cycles. */
  ERROR_RATIO,
  /** A method's calls per cycle fell far below their recent median for several cycles. */
  THROUGHPUT_DROP;

  /** {@code persistent_degradation}, {@code outlier}, … */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
