package io.perfagent.core.analyze;

import java.util.Collections;
import java.util.List;

/**
 * Everything one analysis cycle found: each method with calls in the cycle and each indicator, with
 * its baseline and level, and the overall status — the worst level — with its reasons. Immutable.
 */
public final class CycleReport {

  private final long epochMillis;
  private final double intervalSeconds;
  private final List<MethodResult> methods;
  private final List<IndicatorResult> indicators;
  private final Level status;
  private final List<String> reasons;

  CycleReport(
      long epochMillis,
      double intervalSeconds,
      List<MethodResult> methods,
      List<IndicatorResult> indicators,
      Level status,
      List<String> reasons) {
    this.epochMillis = epochMillis;
    this.intervalSeconds = intervalSeconds;
    this.methods = Collections.unmodifiableList(methods);
    this.indicators = Collections.unmodifiableList(indicators);
    this.status = status;
    this.reasons = Collections.unmodifiableList(reasons);
  }

  /** Rebuilds a report from recorded values (history replay). */
  public static CycleReport of(
      long epochMillis,
      double intervalSeconds,
      List<MethodResult> methods,
      List<IndicatorResult> indicators,
      Level status,
      List<String> reasons) {
    return new CycleReport(epochMillis, intervalSeconds, methods, indicators, status, reasons);
  }

  /** When the cycle ended. */
  public long epochMillis() {
    return epochMillis;
  }

  public double intervalSeconds() {
    return intervalSeconds;
  }

  /** Methods with at least one call in the cycle, in registration order. */
  public List<MethodResult> methods() {
    return methods;
  }

  public List<IndicatorResult> indicators() {
    return indicators;
  }

  /**
   * The worst level of any method or indicator; Normal when nothing could be judged yet is not
   * claimed: then it is {@link Level#INSUFFICIENT_DATA}.
   */
  public Level status() {
    return status;
  }

  /** One line per degraded method or indicator, worst first. */
  public List<String> reasons() {
    return reasons;
  }
}
