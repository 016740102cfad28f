package io.perfagent.core.alert;

import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Severity;
import java.util.HashSet;
import java.util.Set;

/**
 * The analysis's open anomalies (persistent degradation, leaks, step changes, error ratio,
 * throughput drops, process-wide degradation) as alerts: one per anomaly kind and series, at the
 * anomaly's severity (info-level anomalies are not alerts). An anomaly the detectors close resolves
 * its alert.
 */
final class AnomalyRule extends Rule {

  private final Glob kinds;

  AnomalyRule(
      String name, Glob target, Glob kinds, long forMillis, boolean off, String definition) {
    super(name, "anomaly", target, forMillis, off, definition);
    this.kinds = kinds;
  }

  @Override
  void evaluate(AlertInput in, Context ctx) {
    Set<String> open = new HashSet<>();
    for (Finding f : in.openAnomalies()) {
      String series = f.kind().id() + ":" + f.series();
      if (f.severity() == Severity.INFO
          || !kinds.matches(f.kind().id())
          || !matches(f.series())
          || !ctx.claims(series)) {
        continue;
      }
      open.add(series);
      ctx.emit(new Signal(series, f.severity(), f.value(), f.threshold(), "", f.evidence()));
    }
    for (String series : ctx.tracked()) {
      if (!open.contains(series)) {
        ctx.emit(Signal.clear(series, Double.NaN, "", "the analysis closed the anomaly"));
      }
    }
  }
}
