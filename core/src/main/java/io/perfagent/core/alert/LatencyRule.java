package io.perfagent.core.alert;

import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.format.Units;

/** A method's latency quantile over the cycle against warning and critical durations. */
final class LatencyRule extends Rule {

  private final int quantile;
  private final double warningSeconds;
  private final double criticalSeconds;
  private final long minCalls;
  private final double hysteresis;

  LatencyRule(
      String name,
      Glob target,
      int quantile,
      double warningSeconds,
      double criticalSeconds,
      long minCalls,
      long forMillis,
      double hysteresis,
      boolean off,
      String definition) {
    super(name, "latency", target, forMillis, off, definition);
    this.quantile = quantile;
    this.warningSeconds = warningSeconds;
    this.criticalSeconds = criticalSeconds;
    this.minCalls = minCalls;
    this.hysteresis = hysteresis;
  }

  @Override
  String group() {
    return "latency:p" + quantile;
  }

  @Override
  void evaluate(AlertInput in, Context ctx) {
    if (in.report() == null) {
      return;
    }
    for (MethodResult m : in.report().methods()) {
      MethodCycle c = m.cycle();
      if (!c.timed() || c.calls() < minCalls || !matches(c.name()) || !ctx.claims(c.name())) {
        continue;
      }
      double value = quantileOf(c);
      judgeAndEmit(
          ctx,
          c.name(),
          value,
          warningSeconds,
          criticalSeconds,
          hysteresis,
          "s",
          (s, threshold) ->
              c.name()
                  + " p"
                  + quantile
                  + " "
                  + Units.seconds(value)
                  + " over "
                  + c.calls()
                  + " calls"
                  + crossing(s, Units.seconds(threshold)));
    }
  }

  private double quantileOf(MethodCycle c) {
    switch (quantile) {
      case 50:
        return c.p50Seconds();
      case 90:
        return c.p90Seconds();
      case 95:
        return c.p95Seconds();
      default:
        return c.p99Seconds();
    }
  }
}
