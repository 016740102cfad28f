package io.perfagent.core.alert;

import io.perfagent.core.detect.Severity;
import org.jspecify.annotations.Nullable;

/**
 * What a rule says about one series in one evaluation: the severity it deserves now ({@code null}:
 * clear, past the hysteresis margin), the value, the threshold crossed and why.
 */
final class Signal {

  final String series;
  final @Nullable Severity severity;
  final double value;
  final double threshold;
  final String unit;
  final String evidence;

  Signal(
      String series,
      @Nullable Severity severity,
      double value,
      double threshold,
      String unit,
      String evidence) {
    this.series = series;
    this.severity = severity;
    this.value = value;
    this.threshold = threshold;
    this.unit = unit;
    this.evidence = evidence;
  }

  static Signal clear(String series, double value, String unit, String evidence) {
    return new Signal(series, null, value, Double.NaN, unit, evidence);
  }
}
