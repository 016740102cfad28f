package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The analysis's verdicts as gauges, so Collector pipelines and dashboards can alert on them:
 *
 * <ul>
 *   <li>{@code perf.degradation.level} — 0 Normal, 1 Minor, 2 Moderate, 3 Critical (absent while
 *       there is too little data): one point per judged method ({@code code.function.name}), one
 *       per indicator ({@code perf.indicator}), and one without either for the overall status;
 *   <li>{@code perf.method.duration.baseline} — the baseline p95 of each method, in seconds ({@code
 *       code.function.name}, {@code perf.quantile=0.95});
 *   <li>{@code perf.anomalies} — a cumulative count of anomalies opened, by {@code
 *       perf.anomaly.kind} and {@code perf.anomaly.severity}.
 * </ul>
 *
 * Values are the latest cycle's; before the first cycle nothing is produced.
 */
public final class AnalysisMetricsProducer implements MetricProducer {

  private static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  private static final AttributeKey<String> INDICATOR = AttributeKey.stringKey("perf.indicator");
  private static final AttributeKey<Double> QUANTILE = AttributeKey.doubleKey("perf.quantile");

  private static final AttributeKey<String> KIND = AttributeKey.stringKey("perf.anomaly.kind");
  private static final AttributeKey<String> SEVERITY =
      AttributeKey.stringKey("perf.anomaly.severity");

  private final Supplier<CycleReport> latest;
  private final Supplier<Map<String, Long>> anomalies;
  private final InstrumentationScopeInfo scope;
  private final long startEpochNanos = EpochNanos.PROCESS_START;

  /**
   * @param anomalies anomalies opened so far, keyed {@code kind|severity}
   */
  public AnalysisMetricsProducer(
      Supplier<CycleReport> latest, Supplier<Map<String, Long>> anomalies, String agentVersion) {
    this.latest = latest;
    this.anomalies = anomalies;
    this.scope =
        InstrumentationScopeInfo.builder("io.perfagent.analysis").setVersion(agentVersion).build();
  }

  @Override
  public Collection<MetricData> produce(io.opentelemetry.sdk.resources.Resource resource) {
    CycleReport report = latest.get();
    if (report == null) {
      return Collections.emptyList();
    }
    long now = EpochNanos.now();
    List<LongPointData> counts = new ArrayList<>();
    for (Map.Entry<String, Long> e : anomalies.get().entrySet()) {
      int bar = e.getKey().indexOf('|');
      counts.add(
          ImmutableLongPointData.create(
              startEpochNanos,
              now,
              Attributes.of(
                  KIND, e.getKey().substring(0, bar), SEVERITY, e.getKey().substring(bar + 1)),
              e.getValue()));
    }
    long start =
        EpochNanos.fromMillis(report.epochMillis() - (long) (report.intervalSeconds() * 1e3));
    List<LongPointData> levels = new ArrayList<>();
    List<DoublePointData> baselines = new ArrayList<>();
    for (MethodResult m : report.methods()) {
      Attributes a = Attributes.of(FUNCTION, m.cycle().name());
      addLevel(levels, m.level(), start, now, a);
      if (!Double.isNaN(m.baseline().median())) {
        baselines.add(
            ImmutableDoublePointData.create(
                start,
                now,
                Attributes.of(FUNCTION, m.cycle().name(), QUANTILE, 0.95),
                m.baseline().median()));
      }
    }
    for (IndicatorResult i : report.indicators()) {
      addLevel(levels, i.level(), start, now, Attributes.of(INDICATOR, i.indicator().key()));
    }
    addLevel(levels, report.status(), start, now, Attributes.empty());
    List<MetricData> out = new ArrayList<>(3);
    if (!counts.isEmpty()) {
      out.add(
          ImmutableMetricData.createLongSum(
              resource,
              scope,
              "perf.anomalies",
              "Anomalies found by the analysis, by kind and severity.",
              "{anomaly}",
              ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, counts)));
    }
    if (!levels.isEmpty()) {
      out.add(
          ImmutableMetricData.createLongGauge(
              resource,
              scope,
              "perf.degradation.level",
              "How much worse than its baseline: 0 Normal, 1 Minor, 2 Moderate, 3 Critical.",
              "1",
              ImmutableGaugeData.create(levels)));
    }
    if (!baselines.isEmpty()) {
      out.add(
          ImmutableMetricData.createDoubleGauge(
              resource,
              scope,
              "perf.method.duration.baseline",
              "The baseline p95 of the method's duration.",
              "s",
              ImmutableGaugeData.create(baselines)));
    }
    return out;
  }

  private static void addLevel(
      List<LongPointData> out, Level level, long start, long now, Attributes a) {
    if (level != Level.INSUFFICIENT_DATA) {
      out.add(ImmutableLongPointData.create(start, now, a, level.gaugeValue()));
    }
  }
}
