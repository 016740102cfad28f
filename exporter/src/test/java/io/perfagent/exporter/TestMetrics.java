package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Metric data as a collection would hand it to an exporter: one point per method. */
final class TestMetrics {

  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("test");

  private TestMetrics() {}

  /** A cumulative counter with one point per method, {@code m0 .. m<n-1>}, each of value 3. */
  static MetricData calls(int methods) {
    List<LongPointData> points = new ArrayList<>();
    for (int i = 0; i < methods; i++) {
      points.add(ImmutableLongPointData.create(1, 2, Attributes.of(FUNCTION, "m" + i), 3));
    }
    return ImmutableMetricData.createLongSum(
        Resource.empty(),
        SCOPE,
        "perf.method.calls",
        "calls",
        "{call}",
        ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points));
  }

  /** A histogram with one point per method, 24 boundaries each (as the explicit export). */
  static MetricData durations(int methods) {
    List<Double> bounds = new ArrayList<>();
    List<Long> counts = new ArrayList<>(Collections.nCopies(25, 0L));
    for (int b = 0; b < 24; b++) {
      bounds.add(1e-6 * (b + 1));
    }
    counts.set(3, 3L);
    List<HistogramPointData> points = new ArrayList<>();
    for (int i = 0; i < methods; i++) {
      points.add(
          ImmutableHistogramPointData.create(
              1, 2, Attributes.of(FUNCTION, "m" + i), 0.5, false, 0, false, 0, bounds, counts));
    }
    return ImmutableMetricData.createDoubleHistogram(
        Resource.empty(),
        SCOPE,
        "perf.method.duration",
        "duration",
        "s",
        ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points));
  }
}
