package io.perfagent.core.alert;

import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.detect.Severity;
import io.perfagent.core.format.Units;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A static threshold on a resource indicator or application gauge, warning and/or critical,
 * absolute or as a share of the indicator's limit; judged on the cycle value, or on its mean over
 * {@code window} (CPU: one busy sample is not an alert).
 */
final class ThresholdRule extends Rule {

  /** Values kept per series for the window mean, at most. */
  private static final int MAX_VALUES = 1024;

  private final Quantity warning;
  private final Quantity critical;
  private final long windowMillis;
  private final double hysteresis;
  private final Map<String, ArrayDeque<double[]>> windows = new HashMap<>();

  ThresholdRule(
      String name,
      Glob target,
      Quantity warning,
      Quantity critical,
      long windowMillis,
      long forMillis,
      double hysteresis,
      boolean off,
      String definition) {
    super(name, "threshold", target, forMillis, off, definition);
    this.warning = warning;
    this.critical = critical;
    this.windowMillis = windowMillis;
    this.hysteresis = hysteresis;
  }

  @Override
  void evaluate(AlertInput in, Context ctx) {
    if (in.report() == null) {
      return;
    }
    for (IndicatorResult r : in.report().indicators()) {
      String key = r.indicator().key();
      if (!matches(key) || !ctx.claims(key)) {
        continue;
      }
      String unit = r.indicator().unit();
      double limit = in.limit(key, unit);
      double warn = warning.resolve(limit);
      double crit = critical.resolve(limit);
      if (Double.isNaN(warn) && Double.isNaN(crit)) {
        continue; // relative thresholds and no limit here (no cgroup limit, say)
      }
      double value = windowMillis > 0 ? mean(key, in.epochMillis(), r.value()) : r.value();
      if (Double.isNaN(value)) {
        continue;
      }
      judgeAndEmit(
          ctx,
          key,
          value,
          warn,
          crit,
          hysteresis,
          unit,
          (s, threshold) -> evidence(key, value, unit, limit, s, threshold));
    }
  }

  private String evidence(
      String key, double value, String unit, double limit, @Nullable Severity s, double threshold) {
    StringBuilder b = new StringBuilder(key).append(' ');
    b.append(windowMillis > 0 ? "averaged " : "is ").append(Units.value(value, unit));
    if (windowMillis > 0) {
      b.append(" over ").append(AlertRules.durationText(windowMillis));
    }
    if ((warning.relative || critical.relative) && !"1".equals(unit)) {
      b.append(" = ")
          .append(Units.percent(value / limit))
          .append(" of the ")
          .append(Units.value(limit, unit))
          .append(" limit");
    }
    return b.append(crossing(s, Units.value(threshold, unit))).toString();
  }

  /** The mean of the cycle values of the last {@code window}, this one included. */
  private double mean(String key, long now, double value) {
    ArrayDeque<double[]> values = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    if (!Double.isNaN(value)) {
      values.addLast(new double[] {now, value});
    }
    while (!values.isEmpty()
        && (values.peekFirst()[0] <= now - windowMillis || values.size() > MAX_VALUES)) {
      values.removeFirst();
    }
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (double[] v : values) {
      sum += v[1];
    }
    return sum / values.size();
  }
}
