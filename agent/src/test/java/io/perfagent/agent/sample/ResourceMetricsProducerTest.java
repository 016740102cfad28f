package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.perfagent.api.Instrument;
import io.perfagent.api.PerfMetrics;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceMetricsProducerTest {

  @TempDir Path state;

  @Test
  void produce_namesUnitsAndAttributesFollowTheSemanticConventions() throws Exception {
    try (ResourceSampler sampler =
        new ResourceSampler(10_000, Paths.get("/proc/self"), Paths.get("/sys/fs/cgroup"), state.toFile())) {
      sampler.gcDurations().record("G1 Young Generation", "end of minor GC", 0.004);
      sampler.sampleOnce();
      Map<String, MetricData> m = collect(sampler, List::of);

      assertThat(m.get("jvm.memory.used").getUnit()).isEqualTo("By");
      assertThat(m.get("jvm.memory.used").getLongSumData().getPoints())
          .allSatisfy(p -> assertThat(p.getAttributes().get(AttributeKey.stringKey("jvm.memory.type"))).isIn("heap", "non_heap"))
          .anySatisfy(p -> assertThat(p.getAttributes().get(AttributeKey.stringKey("jvm.memory.pool.name"))).isNotBlank());
      assertThat(m.get("jvm.gc.duration").getType()).isEqualTo(MetricDataType.HISTOGRAM);
      assertThat(m.get("jvm.gc.duration").getHistogramData().getPoints()).singleElement().satisfies(p -> {
        assertThat(p.getCount()).isEqualTo(1);
        assertThat(p.getBoundaries()).containsExactly(0.01, 0.1, 1.0, 10.0);
        assertThat(p.getAttributes().get(AttributeKey.stringKey("jvm.gc.action"))).isEqualTo("end of minor GC");
      });
      assertThat(m.get("jvm.thread.count").getUnit()).isEqualTo("{thread}");
      assertThat(m.get("jvm.class.loaded").getLongSumData().isMonotonic()).isTrue();
      assertThat(m.get("jvm.cpu.count").getLongSumData().getPoints()).singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(Runtime.getRuntime().availableProcessors()));
      assertThat(m.get("perf.io.latency").getUnit()).isEqualTo("s");
      if (java.nio.file.Files.isReadable(Paths.get("/proc/self/status"))) {
        assertThat(m.get("process.memory.usage").getUnit()).isEqualTo("By");
        assertThat(m.get("process.cpu.time").getDoubleSumData().getPoints())
            .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("cpu.mode")))
            .containsExactlyInAnyOrder("user", "system");
        assertThat(m.get("process.paging.faults").getLongSumData().getPoints())
            .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("process.paging.fault_type")))
            .containsExactlyInAnyOrder("minor", "major");
        assertThat(m).containsKeys("process.thread.count", "process.unix.file_descriptor.count",
            "process.context_switches", "process.memory.virtual");
      }
    }
  }

  @Test
  void produce_includesTheApplicationsOwnMetrics() throws Exception {
    var counter = PerfMetrics.counter("test.orders.rejected", "{order}");
    counter.add(3);
    var timer = PerfMetrics.timer("test.pricing.duration");
    timer.record(2, TimeUnit.MILLISECONDS);
    PerfMetrics.gauge("test.queue.depth", "{order}", () -> 7);
    try (ResourceSampler sampler =
        new ResourceSampler(10_000, state.resolve("none"), state.resolve("none"), state.toFile())) {
      sampler.sampleOnce();
      Map<String, MetricData> m = collect(sampler, PerfMetrics::registered);
      assertThat(m.get("test.orders.rejected").getLongSumData().getPoints()).singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(3));
      assertThat(m.get("test.orders.rejected").getUnit()).isEqualTo("{order}");
      assertThat(m.get("test.queue.depth").getDoubleGaugeData().getPoints()).singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(7.0));
      assertThat(m.get("test.pricing.duration").getHistogramData().getPoints()).singleElement()
          .satisfies(p -> {
            assertThat(p.getCount()).isEqualTo(1);
            assertThat(p.getSum()).isEqualTo(0.002);
          });
    }
  }

  private static Map<String, MetricData> collect(
      ResourceSampler sampler, java.util.function.Supplier<List<Instrument>> app) {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider provider =
        SdkMeterProvider.builder()
            .registerMetricReader(reader)
            .registerMetricProducer(new ResourceMetricsProducer(sampler, "test", app))
            .build()) {
      Collection<MetricData> all = reader.collectAllMetrics();
      return all.stream().collect(Collectors.toMap(MetricData::getName, d -> d));
    }
  }
}
