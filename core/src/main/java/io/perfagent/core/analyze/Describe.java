package io.perfagent.core.analyze;

import io.perfagent.core.format.Units;

/** One-line descriptions of judged values, for reasons and log lines. */
final class Describe {

  private Describe() {}

  /** "shop.OrderService.place p95 142 ms vs 100 ms baseline (+42 %, Moderate, 1240 calls)". */
  static String method(MethodResult r) {
    MethodCycle c = r.cycle();
    return c.name()
        + " p95 "
        + Units.seconds(c.p95Seconds())
        + " vs "
        + Units.seconds(r.baseline().median())
        + " baseline ("
        + Units.change(r.change())
        + ", "
        + r.level().label()
        + ", "
        + c.calls()
        + " calls)";
  }

  /** "process.memory.usage 512 MB vs 300 MB baseline (+71 %, Critical)". */
  static String indicator(IndicatorResult r) {
    String unit = r.indicator().unit();
    return r.indicator().key()
        + " "
        + Units.value(r.value(), unit)
        + " vs "
        + Units.value(r.baseline().median(), unit)
        + " baseline ("
        + Units.change(r.change())
        + ", "
        + r.level().label()
        + ")";
  }
}
