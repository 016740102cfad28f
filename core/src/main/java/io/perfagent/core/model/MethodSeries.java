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

  private MethodSeries(
      String functionName, @Nullable String errorType, long calls, @Nullable DurationSnapshot d) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.errorType = errorType;
    this.calls = calls;
    this.durations = d;
  }

  /** A series of a timed method; its call count is the histogram's count. */
  public static MethodSeries timed(
      String functionName, @Nullable String errorType, DurationSnapshot d) {
    return new MethodSeries(functionName, errorType, d.count(), Objects.requireNonNull(d, "d"));
  }

  /** A series of a counted (untimed) method. */
  public static MethodSeries counted(String functionName, @Nullable String errorType, long calls) {
    return new MethodSeries(functionName, errorType, calls, null);
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
