package io.perfagent.core.analyze;

import org.jspecify.annotations.Nullable;

/**
 * One measured method over one cycle: calls and errors since the previous cycle, and for a timed
 * method the latency summary of those calls. Durations are in seconds; NaN where unknown (a counted
 * method, or no calls). Immutable.
 */
public final class MethodCycle {

  private final String name;
  private final boolean timed;
  private final long calls;
  private final long errors;
  private final double intervalSeconds;
  private final double meanSeconds;
  private final double minSeconds;
  private final double maxSeconds;
  private final double stddevSeconds;
  private final double p50;
  private final double p90;
  private final double p95;
  private final double p99;

  /** The cycle's durations (timed methods measured live; null for counted ones and replays). */
  private final @Nullable HistogramDelta durations;

  private MethodCycle(
      String name,
      boolean timed,
      long calls,
      long errors,
      double intervalSeconds,
      double mean,
      double min,
      double max,
      double stddev,
      double p50,
      double p90,
      double p95,
      double p99,
      @Nullable HistogramDelta durations) {
    this.durations = durations;
    this.name = name;
    this.timed = timed;
    this.calls = calls;
    this.errors = errors;
    this.intervalSeconds = intervalSeconds;
    this.meanSeconds = mean;
    this.minSeconds = min;
    this.maxSeconds = max;
    this.stddevSeconds = stddev;
    this.p50 = p50;
    this.p90 = p90;
    this.p95 = p95;
    this.p99 = p99;
  }

  /** A timed method's cycle, summarised from the durations recorded in it. */
  public static MethodCycle timed(
      String name, HistogramDelta d, long errors, double intervalSeconds) {
    long calls = d.count();
    double mean = calls == 0 ? Double.NaN : d.sumNanos() / 1e9 / calls;
    return new MethodCycle(
        name,
        true,
        calls,
        errors,
        intervalSeconds,
        mean,
        d.minSeconds(),
        d.maxSeconds(),
        d.stddevSeconds(),
        d.quantileSeconds(0.50),
        d.quantileSeconds(0.90),
        d.quantileSeconds(0.95),
        d.quantileSeconds(0.99),
        d);
  }

  /** A counted method's cycle: calls and errors only. */
  public static MethodCycle counted(String name, long calls, long errors, double intervalSeconds) {
    double nan = Double.NaN;
    return new MethodCycle(
        name, false, calls, errors, intervalSeconds, nan, nan, nan, nan, nan, nan, nan, nan, null);
  }

  /** Rebuilds a cycle from its recorded values (history replay). */
  public static MethodCycle of(
      String name,
      boolean timed,
      long calls,
      long errors,
      double intervalSeconds,
      double mean,
      double min,
      double max,
      double stddev,
      double p50,
      double p90,
      double p95,
      double p99) {
    return new MethodCycle(
        name,
        timed,
        calls,
        errors,
        intervalSeconds,
        mean,
        min,
        max,
        stddev,
        p50,
        p90,
        p95,
        p99,
        null);
  }

  /** The {@code code.function.name}. */
  public String name() {
    return name;
  }

  /** Whether durations are measured (else only calls are counted). */
  public boolean timed() {
    return timed;
  }

  public long calls() {
    return calls;
  }

  public long errors() {
    return errors;
  }

  /** Errors over calls; 0 without calls. */
  public double errorRatio() {
    return calls == 0 ? 0 : (double) errors / calls;
  }

  /** Calls per second over the cycle. */
  public double throughput() {
    return intervalSeconds <= 0 ? 0 : calls / intervalSeconds;
  }

  public double intervalSeconds() {
    return intervalSeconds;
  }

  public double meanSeconds() {
    return meanSeconds;
  }

  /** The lower bound of the fastest call's bucket. */
  public double minSeconds() {
    return minSeconds;
  }

  /** The upper bound of the slowest call's bucket. */
  public double maxSeconds() {
    return maxSeconds;
  }

  public double stddevSeconds() {
    return stddevSeconds;
  }

  public double p50Seconds() {
    return p50;
  }

  public double p90Seconds() {
    return p90;
  }

  public double p95Seconds() {
    return p95;
  }

  public double p99Seconds() {
    return p99;
  }

  /**
   * The calls certainly slower than {@code seconds}, counted from the cycle's histogram buckets
   * (see {@link HistogramDelta#countSlowerThan(double)}); -1 when the buckets are not known (a
   * counted method, or a cycle rebuilt from history).
   */
  public long callsSlowerThan(double seconds) {
    return durations == null ? -1 : durations.countSlowerThan(seconds);
  }
}
