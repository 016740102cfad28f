package io.perfagent.core.alert;

import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.HistogramDelta;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the analysis cycles the rules read, one method or indicator at a time. */
final class Cycles {

  private final List<MethodResult> methods = new ArrayList<>();
  private final List<IndicatorResult> indicators = new ArrayList<>();
  private final List<Finding> anomalies = new ArrayList<>();
  private final Map<String, Double> limits = new HashMap<>();

  static Cycles cycle() {
    return new Cycles();
  }

  /** A timed method whose calls took the given durations ({@code count} calls each). */
  Cycles method(String name, long errors, long[]... countAndNanos) {
    long[] slots = new long[DurationBuckets.SLOTS];
    long sum = 0;
    for (long[] cn : countAndNanos) {
      slots[DurationBuckets.slotOf(cn[1])] += cn[0];
      sum += cn[0] * cn[1];
    }
    HistogramDelta d = HistogramDelta.of(DurationSnapshot.create(slots, 0, sum));
    methods.add(
        MethodResult.of(
            MethodCycle.timed(name, d, errors, 60),
            BaselineView.EMPTY,
            Double.NaN,
            Level.INSUFFICIENT_DATA));
    return this;
  }

  Cycles indicator(Indicator indicator, double value) {
    indicators.add(
        IndicatorResult.of(
            indicator, value, BaselineView.EMPTY, Double.NaN, Level.INSUFFICIENT_DATA));
    return this;
  }

  Cycles limit(String key, double limit) {
    limits.put(key, limit);
    return this;
  }

  Cycles anomaly(Finding f) {
    anomalies.add(f);
    return this;
  }

  AlertInput at(long epochMillis) {
    CycleReport report =
        CycleReport.of(
            epochMillis, 60, methods, indicators, Level.INSUFFICIENT_DATA, Collections.emptyList());
    return new AlertInput(epochMillis, report, anomalies, limits);
  }

  static long[] calls(long count, long nanos) {
    return new long[] {count, nanos};
  }
}
