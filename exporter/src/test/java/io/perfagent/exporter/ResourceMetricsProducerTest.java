package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.perfagent.api.Instrument;
import io.perfagent.api.PerfMetrics;
import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.ProcessSample;
import io.perfagent.core.model.ResourceSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResourceMetricsProducerTest {

  @Test
  void produce_namesUnitsAndAttributesFollowTheSemanticConventions() {
    FixedResources r = new FixedResources();
    r.gc.put(List.of("G1 Young Generation", "end of minor GC"), new long[] {1, 0, 0, 0, 0, 4_000});
    Map<String, MetricData> m = collect(r, List::of);

    assertThat(m.get("jvm.memory.used").getUnit()).isEqualTo("By");
    assertThat(m.get("jvm.memory.used").getLongSumData().getPoints())
        .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("jvm.memory.type")))
        .containsExactlyInAnyOrder("heap", "non_heap");
    assertThat(m.get("jvm.memory.used").getLongSumData().getPoints())
        .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("jvm.memory.pool.name")))
        .containsExactlyInAnyOrder("G1 Old Gen", "Metaspace");
    assertThat(m.get("jvm.memory.limit").getLongSumData().getPoints())
        .as("a pool without a limit has no limit point")
        .hasSize(1);
    assertThat(m.get("jvm.gc.duration").getType()).isEqualTo(MetricDataType.HISTOGRAM);
    assertThat(m.get("jvm.gc.duration").getHistogramData().getPoints())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getCount()).isEqualTo(1);
              assertThat(p.getSum()).isEqualTo(0.004);
              assertThat(p.getBoundaries()).containsExactly(0.01, 0.1, 1.0, 10.0);
              assertThat(p.getAttributes().get(AttributeKey.stringKey("jvm.gc.action")))
                  .isEqualTo("end of minor GC");
            });
    assertThat(m.get("jvm.thread.count").getUnit()).isEqualTo("{thread}");
    assertThat(m.get("jvm.class.loaded").getLongSumData().isMonotonic()).isTrue();
    assertThat(m.get("jvm.cpu.count").getLongSumData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(2));
    assertThat(m.get("perf.io.latency").getUnit()).isEqualTo("s");
    assertThat(m.get("process.memory.usage").getUnit()).isEqualTo("By");
    assertThat(m.get("process.memory.usage").getLongSumData().getPoints())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo(200_000_000L));
    assertThat(m.get("process.cpu.time").getDoubleSumData().getPoints())
        .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("cpu.mode")))
        .containsExactlyInAnyOrder("user", "system");
    assertThat(m.get("process.paging.faults").getLongSumData().getPoints())
        .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("process.paging.fault_type")))
        .containsExactlyInAnyOrder("minor", "major");
    assertThat(m)
        .containsKeys(
            "process.thread.count",
            "process.unix.file_descriptor.count",
            "process.context_switches",
            "process.memory.virtual");
  }

  @Test
  void produce_leavesOutEveryValueWhoseSourceIsMissing() {
    FixedResources r = new FixedResources();
    r.process = new ProcessSample(); // nothing read: every field MISSING / NaN
    Map<String, MetricData> m = collect(r, List::of);
    assertThat(m)
        .doesNotContainKeys(
            "process.memory.usage",
            "process.cpu.time",
            "process.cpu.utilization",
            "perf.cgroup.memory.limit",
            "perf.cgroup.cpu.limit",
            "jvm.gc.duration");
    assertThat(m).containsKey("jvm.memory.used");
  }

  @Test
  void produce_includesTheApplicationsOwnMetrics() throws Exception {
    var counter = PerfMetrics.counter("test.orders.rejected", "{order}");
    counter.add(3);
    var timer = PerfMetrics.timer("test.pricing.duration");
    timer.record(2, TimeUnit.MILLISECONDS);
    PerfMetrics.gauge("test.queue.depth", "{order}", () -> 7);
    {
      Map<String, MetricData> m = collect(new FixedResources(), PerfMetrics::registered);
      assertThat(m.get("test.orders.rejected").getLongSumData().getPoints())
          .singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(3));
      assertThat(m.get("test.orders.rejected").getUnit()).isEqualTo("{order}");
      assertThat(m.get("test.queue.depth").getDoubleGaugeData().getPoints())
          .singleElement()
          .satisfies(p -> assertThat(p.getValue()).isEqualTo(7.0));
      assertThat(m.get("test.pricing.duration").getHistogramData().getPoints())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getCount()).isEqualTo(1);
                assertThat(p.getSum()).isEqualTo(0.002);
              });
    }
  }

  private static Map<String, MetricData> collect(
      ResourceSource sampler, java.util.function.Supplier<List<Instrument>> app) {
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

  /** Fixed readings: a 200 MB process on 2 processors with a heap pool and a metaspace pool. */
  private static final class FixedResources implements ResourceSource {
    ProcessSample process = new ProcessSample();
    final Map<List<String>, long[]> gc = new HashMap<>();

    FixedResources() {
      process.rssBytes = 200_000_000L;
      process.virtualBytes = 2_000_000_000L;
      process.threads = 20;
      process.openFileDescriptors = 12;
      process.userCpuNanos = 3_000_000_000L;
      process.systemCpuNanos = 1_000_000_000L;
      process.cpuUtilization = 0.25;
      process.voluntaryContextSwitches = 10;
      process.involuntaryContextSwitches = 2;
      process.minorFaults = 100;
      process.majorFaults = 1;
      process.diskReadBytes = 4096;
      process.diskWriteBytes = 8192;
      process.ioLatencySeconds = 0.00002;
    }

    @Override
    public JvmSample newJvmSample() {
      return new JvmSample(
          new String[] {"G1 Old Gen", "Metaspace"},
          new boolean[] {true, false},
          new String[] {"direct"});
    }

    @Override
    public void latest(ProcessSample processOut, JvmSample jvmOut) {
      process.copyTo(processOut);
      jvmOut.used[0] = 50_000_000L;
      jvmOut.used[1] = 30_000_000L;
      jvmOut.committed[0] = 64_000_000L;
      jvmOut.committed[1] = 32_000_000L;
      jvmOut.limit[0] = 1_000_000_000L;
      jvmOut.limit[1] = -1;
      jvmOut.usedAfterLastGc[0] = 20_000_000L;
      jvmOut.usedAfterLastGc[1] = -1;
      jvmOut.threads = 15;
      jvmOut.classesLoaded = 3000;
      jvmOut.classesCurrent = 2990;
      jvmOut.classesUnloaded = 10;
      jvmOut.cpuNanos = 4_000_000_000L;
      jvmOut.processors = 2;
      jvmOut.recentCpuUtilization = 0.25;
    }

    @Override
    public Map<List<String>, long[]> gcPauses() {
      return gc;
    }
  }
}
