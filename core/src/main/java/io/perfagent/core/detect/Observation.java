package io.perfagent.core.detect;

import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import java.util.Objects;

/**
 * One cycle's value of one series, as the analysis judged it: the value (a method's p95, a resource
 * indicator's cycle value), its {@link Level}, the baseline that level was computed against (NaN
 * when unknown), and for methods the calls and errors of the cycle (-1 otherwise). The detectors
 * never compute levels themselves, so they work the same whatever classified them.
 */
public final class Observation {

  private final long timestamp;
  private final double value;
  private final Level level;
  private final double baseline;
  private final long calls;
  private final long errors;

  private Observation(
      long timestamp, double value, Level level, double baseline, long calls, long errors) {
    this.timestamp = timestamp;
    this.value = value;
    this.level = Objects.requireNonNull(level, "level");
    this.baseline = baseline;
    this.calls = calls;
    this.errors = errors;
  }

  /** A resource indicator's (or any bare series') value for the cycle ending at {@code epochMs}. */
  public static Observation of(long epochMs, double value, Level level, double baseline) {
    return new Observation(epochMs, value, level, baseline, -1, -1);
  }

  /** A method's cycle: its p95 (or the judged quantile), calls and errors. */
  public static Observation method(
      long epochMs, double p95, Level level, double baseline, long calls, long errors) {
    if (calls < 0 || errors < 0 || errors > calls) {
      throw new IllegalArgumentException(
          "expected 0 <= errors <= calls, got calls=" + calls + " errors=" + errors);
    }
    return new Observation(epochMs, p95, level, baseline, calls, errors);
  }

  /**
   * A method as the analysis judged it in the cycle ending at {@code epochMs}: its p95 against its
   * baseline p95 (a counted method has neither, and only its calls and errors count).
   */
  public static Observation ofMethod(long epochMs, MethodResult m) {
    MethodCycle c = m.cycle();
    double p95 = c.timed() ? c.p95Seconds() : Double.NaN;
    Level level = c.timed() ? m.level() : Level.INSUFFICIENT_DATA;
    return method(epochMs, p95, level, m.baseline().median(), c.calls(), c.errors());
  }

  public long timestamp() {
    return timestamp;
  }

  public double value() {
    return value;
  }

  public Level level() {
    return level;
  }

  /** NaN when the analysis had no baseline. */
  public double baseline() {
    return baseline;
  }

  public boolean hasBaseline() {
    return !Double.isNaN(baseline) && baseline > 0;
  }

  /** -1 for series without calls. */
  public long calls() {
    return calls;
  }

  /** -1 for series without calls. */
  public long errors() {
    return errors;
  }

  public boolean hasCalls() {
    return calls >= 0;
  }
}
