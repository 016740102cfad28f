package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final Resource RESOURCE =
      Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop"));
  private static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.create("io.perfagent");
  private static final Attributes PLACE =
      Attributes.of(AttributeKey.stringKey("code.function.name"), "shop.Orders.place");

  private static MetricData calls() {
    return ImmutableMetricData.createLongSum(
        RESOURCE,
        SCOPE,
        "perf.method.calls",
        "Calls.",
        "{call}",
        ImmutableSumData.create(
            true,
            AggregationTemporality.CUMULATIVE,
            Collections.singletonList(ImmutableLongPointData.create(0, 1, PLACE, 42))));
  }

  private static MetricData duration() {
    return ImmutableMetricData.createDoubleHistogram(
        RESOURCE,
        SCOPE,
        "perf.method.duration",
        "Durations.",
        "s",
        ImmutableHistogramData.create(
            AggregationTemporality.CUMULATIVE,
            Collections.singletonList(
                ImmutableHistogramPointData.create(
                    0,
                    1,
                    PLACE,
                    1.25,
                    false,
                    0,
                    false,
                    0,
                    Arrays.asList(0.01, 0.1),
                    Arrays.asList(3L, 5L, 2L)))));
  }

  private static MetricData gauge(String name, String unit, double value) {
    return ImmutableMetricData.createDoubleGauge(
        RESOURCE,
        SCOPE,
        name,
        "A \"gauge\"\\.",
        unit,
        ImmutableGaugeData.create(
            Collections.singletonList(
                ImmutableDoublePointData.create(0, 1, Attributes.empty(), value))));
  }

  private static String text(List<MetricData> metrics, boolean openMetrics) {
    StringBuilder out = new StringBuilder();
    PrometheusText.write(RESOURCE, metrics, openMetrics, out);
    return out.toString();
  }

  @Test
  void aMonotonicSum_isACounterWithTotal_andTheAnnotationUnitDropped() {
    String t = text(List.of(calls()), false);
    assertThat(t)
        .contains("# HELP perf_method_calls_total Calls.\n")
        .contains("# TYPE perf_method_calls_total counter\n")
        .contains(
            "perf_method_calls_total{code_function_name=\"shop.Orders.place\",otel_scope_name=\"io.perfagent\"} 42\n");
  }

  @Test
  void anExplicitHistogram_hasCumulativeBucketsSumAndCount_withTheUnitAsSuffix() {
    String t = text(List.of(duration()), false);
    String labels = "code_function_name=\"shop.Orders.place\",otel_scope_name=\"io.perfagent\"";
    assertThat(t)
        .contains("# TYPE perf_method_duration_seconds histogram\n")
        .contains("perf_method_duration_seconds_bucket{" + labels + ",le=\"0.01\"} 3\n")
        .contains("perf_method_duration_seconds_bucket{" + labels + ",le=\"0.1\"} 8\n")
        .contains("perf_method_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 10\n")
        .contains("perf_method_duration_seconds_sum{" + labels + "} 1.25\n")
        .contains("perf_method_duration_seconds_count{" + labels + "} 10\n");
  }

  @Test
  void gauges_getUnitSuffixes_ratioForDimensionless_andEscapedHelp() {
    String t =
        text(
            List.of(
                gauge("process.cpu.utilization", "1", 0.5),
                gauge("process.memory.usage", "By", 1024)),
            false);
    assertThat(t)
        .contains("# TYPE process_cpu_utilization_ratio gauge\n")
        .contains("process_cpu_utilization_ratio{otel_scope_name=\"io.perfagent\"} 0.5\n")
        .contains("process_memory_usage_bytes{otel_scope_name=\"io.perfagent\"} 1024.0\n")
        .contains("# HELP process_memory_usage_bytes A \"gauge\"\\\\.\n");
  }

  @Test
  void theResource_isTargetInfo() {
    assertThat(text(List.of(), false))
        .isEqualTo(
            "# HELP target_info Target metadata\n# TYPE target_info gauge\ntarget_info{service_name=\"shop\"} 1\n");
  }

  @Test
  void openMetrics_namesCounterFamiliesWithoutTotal_andEndsWithEof() {
    String t = text(List.of(calls()), true);
    assertThat(t)
        .contains("# TYPE perf_method_calls counter\n")
        .contains("\nperf_method_calls_total{")
        .contains("# TYPE target info\n")
        .endsWith("# EOF\n");
  }

  @Test
  void names_followTheOtlpToPrometheusTranslation() {
    assertThat(PrometheusText.metricName("perf.method.calls", "{call}", true, false))
        .isEqualTo("perf_method_calls_total");
    assertThat(PrometheusText.metricName("perf.method.duration", "s", false, false))
        .isEqualTo("perf_method_duration_seconds");
    assertThat(PrometheusText.metricName("jvm.gc.duration", "s", false, false))
        .isEqualTo("jvm_gc_duration_seconds");
    assertThat(PrometheusText.metricName("process.disk.io", "By", true, false))
        .isEqualTo("process_disk_io_bytes_total");
    assertThat(PrometheusText.metricName("perf.degradation.level", "1", false, true))
        .isEqualTo("perf_degradation_level_ratio");
    assertThat(PrometheusText.metricName("a-b..c", "ms", false, true))
        .isEqualTo("a_b_c_milliseconds");
    assertThat(PrometheusText.metricName("process.cpu.time", "s", true, false))
        .isEqualTo("process_cpu_time_seconds_total");
  }

  @Test
  void streamed_isByteForByteTheSameText_acrossManyChunks_withNonAsciiLabels() throws Exception {
    List<MetricData> metrics = new java.util.ArrayList<>();
    for (int i = 0; i < 3_000; i++) { // ~30 chunks of text
      Attributes who =
          Attributes.of(
              AttributeKey.stringKey("code.function.name"),
              "shop.Caf\u00e9\u20ac\ud83d\ude00.m" + i);
      metrics.add(
          ImmutableMetricData.createDoubleHistogram(
              RESOURCE,
              SCOPE,
              "perf.method.duration" + i,
              "Durations.",
              "s",
              ImmutableHistogramData.create(
                  AggregationTemporality.CUMULATIVE,
                  Collections.singletonList(
                      ImmutableHistogramPointData.create(
                          0,
                          1,
                          who,
                          1.25,
                          false,
                          0,
                          false,
                          0,
                          Arrays.asList(0.01, 0.1),
                          Arrays.asList(3L, 5L, 2L))))));
    }
    java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();

    PrometheusText.write(RESOURCE, metrics, true, streamed);

    byte[] whole = text(metrics, true).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(whole.length).isGreaterThan(20 * Utf8Chunks.CHUNK_CHARS);
    assertThat(streamed.toByteArray()).isEqualTo(whole);
  }
}
