package io.perfagent.core.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One exported series of method metrics: a method (by its {@code code.function.name}) and, for
 * failed calls, the {@code error.type}. Immutable.
 */
public final class MethodSeries {

  private final String functionName;
  private final @Nullable String errorType;
  private final long calls;
  private final @Nullable DurationSnapshot durations;
  private final int samplingInterval;

  private MethodSeries(
      String functionName,
      @Nullable String errorType,
      long calls,
      @Nullable DurationSnapshot d,
      int samplingInterval) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.errorType = errorType;
    this.calls = calls;
    this.durations = d;
    this.samplingInterval = samplingInterval;
  }

  /**
   * The same series, noting that its durations now come from 1 call in {@code interval} (the
   * overhead governor's sampling; the count stays exact, the histogram is scaled to it).
   */
  public MethodSeries withSamplingInterval(int interval) {
    if (interval < 1) {
      throw new IllegalArgumentException("interval must be at least 1, got " + interval);
    }
    return interval == samplingInterval
        ? this
        : new MethodSeries(functionName, errorType, calls, durations, interval);
  }

  /** 1 when every call is timed; N when 1 call in N is. */
  public int samplingInterval() {
    return samplingInterval;
  }

  /** A series of a timed method; its call count is the histogram's count. */
  public static MethodSeries timed(
      String functionName, @Nullable String errorType, DurationSnapshot d) {
    return new MethodSeries(functionName, errorType, d.count(), Objects.requireNonNull(d, "d"), 1);
  }

  /** A series of a counted (untimed) method. */
  public static MethodSeries counted(String functionName, @Nullable String errorType, long calls) {
    return new MethodSeries(functionName, errorType, calls, null, 1);
  }

  /** The {@code code.function.name} attribute value. */
  public String functionName() {
    return functionName;
  }

  /** The {@code error.type} attribute value, or {@code null} for successful calls. */
  public @Nullable String errorType() {
    return errorType;
  }

  /** Cumulative calls. */
  public long calls() {
    return calls;
  }

  /** Cumulative durations, or {@code null} for a counted method. */
  public @Nullable DurationSnapshot durations() {
    return durations;
  }
}
