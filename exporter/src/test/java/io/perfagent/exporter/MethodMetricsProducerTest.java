package io.perfagent.exporter;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.equalTo;

import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.MethodSeries;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodMetricsProducerTest {

  private static final List<MethodSeries> SERIES =
      Arrays.asList(
          MethodSeries.timed("shop.Cart.add", null, Snapshots.of(1_000_000, 3_000_000)),
          MethodSeries.timed("shop.Cart.add", "java.io.IOException", Snapshots.of(5_000_000)),
          MethodSeries.counted("shop.Cart.peek", null, 7));

  @Test
  void produce_reportsCallsDurationsAndErrorTypesThroughTheSdk() {
    Collection<MetricData> metrics = collect(HistogramShape.EXPLICIT);

    assertThat(find(metrics, MethodMetricsProducer.CALLS))
        .hasUnit("{call}")
        .hasLongSumSatisfying(
            sum ->
                sum.isMonotonic()
                    .isCumulative()
                    .hasPointsSatisfying(
                        p ->
                            p.hasValue(2)
                                .hasAttributesSatisfyingExactly(
                                    equalTo(MethodMetricsProducer.FUNCTION, "shop.Cart.add")),
                        p ->
                            p.hasValue(1)
                                .hasAttributesSatisfyingExactly(
                                    equalTo(MethodMetricsProducer.FUNCTION, "shop.Cart.add"),
                                    equalTo(
                                        MethodMetricsProducer.ERROR_TYPE, "java.io.IOException")),
                        p ->
                            p.hasValue(7)
                                .hasAttributesSatisfyingExactly(
                                    equalTo(MethodMetricsProducer.FUNCTION, "shop.Cart.peek"))));
    assertThat(find(metrics, MethodMetricsProducer.DURATION))
        .hasUnit("s")
        .hasHistogramSatisfying(
            h ->
                h.isCumulative()
                    .hasPointsSatisfying(
                        p ->
                            p.hasCount(2)
                                .hasSum(0.004)
                                .hasBucketBoundaries(
                                    ExplicitBuckets.DEFAULT_BOUNDARIES_SECONDS.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .toArray()),
                        p -> p.hasCount(1).hasSum(0.005)));
  }

  @Test
  void produce_exportsExponentialHistogramsWhenAsked() {
    Collection<MetricData> metrics = collect(HistogramShape.EXPONENTIAL);
    assertThat(find(metrics, MethodMetricsProducer.DURATION))
        .hasExponentialHistogramSatisfying(
            h ->
                h.hasPointsSatisfying(
                    p -> p.hasCount(2).hasSum(0.004).hasScale(DurationBuckets.SCALE),
                    p -> p.hasCount(1).hasSum(0.005)));
  }

  @Test
  void produce_isEmptyWithoutCalls() {
    MethodMetricsProducer producer = MethodMetricsProducer.builder(Arrays::asList).build();
    assertThat(producer.produce(io.opentelemetry.sdk.resources.Resource.empty())).isEmpty();
  }

  @Test
  void sampledMethod_reportsItsSamplingInterval_othersNone() {
    List<MethodSeries> series =
        Arrays.asList(
            MethodSeries.timed("shop.Cart.add", null, Snapshots.of(1_000_000, 3_000_000))
                .withSamplingInterval(16),
            MethodSeries.timed("shop.Cart.remove", null, Snapshots.of(1_000_000)));
    Collection<MetricData> metrics = collect(() -> series, HistogramShape.EXPLICIT);

    assertThat(find(metrics, MethodMetricsProducer.DURATION_SAMPLING))
        .hasUnit("{call}")
        .hasLongGaugeSatisfying(
            g ->
                g.hasPointsSatisfying(
                    p ->
                        p.hasValue(16)
                            .hasAttributesSatisfyingExactly(
                                equalTo(MethodMetricsProducer.FUNCTION, "shop.Cart.add"))));
  }

  private static Collection<MetricData> collect(HistogramShape shape) {
    return collect(() -> SERIES, shape);
  }

  private static Collection<MetricData> collect(
      io.perfagent.core.model.MethodMetricsSource source, HistogramShape shape) {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(reader)
            .registerMetricProducer(
                MethodMetricsProducer.builder(source).setHistogramShape(shape).build())
            .build()) {
      return reader.collectAllMetrics();
    }
  }

  private static MetricData find(Collection<MetricData> metrics, String name) {
    return metrics.stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
  }
}
