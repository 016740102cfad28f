package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The alerts as metrics:
 *
 * <ul>
 *   <li>{@code perf.alerts.active} — firing alerts now, by {@code perf.alert.rule} and {@code
 *       perf.alert.severity} ({@code WARNING}, {@code CRITICAL}); a rule with nothing firing
 *       reports 0 once it has fired, so a graph drops to zero rather than ending;
 *   <li>{@code perf.alerts} — a cumulative count of alerts fired (and severity changes), by the
 *       same attributes.
 * </ul>
 */
public final class AlertMetricsProducer implements MetricProducer {

  private static final AttributeKey<String> RULE = AttributeKey.stringKey("perf.alert.rule");
  private static final AttributeKey<String> SEVERITY =
      AttributeKey.stringKey("perf.alert.severity");

  private final Supplier<Map<String, Long>> firing;
  private final Supplier<Map<String, Long>> fired;
  private final InstrumentationScopeInfo scope;
  private final long startEpochNanos = System.currentTimeMillis() * 1_000_000L;

  /**
   * @param firing alerts firing now, keyed {@code rule|SEVERITY}
   * @param fired alerts fired so far, keyed {@code rule|SEVERITY}
   */
  public AlertMetricsProducer(
      Supplier<Map<String, Long>> firing, Supplier<Map<String, Long>> fired, String agentVersion) {
    this.firing = firing;
    this.fired = fired;
    this.scope =
        InstrumentationScopeInfo.builder("io.perfagent.alerts").setVersion(agentVersion).build();
  }

  @Override
  public Collection<MetricData> produce(io.opentelemetry.sdk.resources.Resource resource) {
    long now = System.currentTimeMillis() * 1_000_000L;
    Map<String, Long> total = fired.get();
    Map<String, Long> active = firing.get();
    List<LongPointData> activePoints = new ArrayList<>();
    List<LongPointData> totalPoints = new ArrayList<>();
    for (Map.Entry<String, Long> e : total.entrySet()) {
      Attributes a = attributes(e.getKey());
      totalPoints.add(ImmutableLongPointData.create(startEpochNanos, now, a, e.getValue()));
      Long n = active.get(e.getKey());
      activePoints.add(ImmutableLongPointData.create(startEpochNanos, now, a, n == null ? 0 : n));
    }
    List<MetricData> out = new ArrayList<>(2);
    if (!activePoints.isEmpty()) {
      out.add(
          ImmutableMetricData.createLongGauge(
              resource,
              scope,
              "perf.alerts.active",
              "Alerts firing now, by rule and severity.",
              "{alert}",
              ImmutableGaugeData.create(activePoints)));
      out.add(
          ImmutableMetricData.createLongSum(
              resource,
              scope,
              "perf.alerts",
              "Alerts fired (and severity changes) since start, by rule and severity.",
              "{alert}",
              ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, totalPoints)));
    }
    return out;
  }

  private static Attributes attributes(String key) {
    int bar = key.lastIndexOf('|');
    return Attributes.of(RULE, key.substring(0, bar), SEVERITY, key.substring(bar + 1));
  }
}
