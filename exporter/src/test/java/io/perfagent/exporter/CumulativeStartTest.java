package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.MethodSeries;
import io.perfagent.core.model.ProcessSample;
import io.perfagent.core.model.ResourceSource;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every cumulative series of one process starts at the same instant, whichever producer makes it
 * and whenever that producer was built: a backend that sees two start times for one process reads a
 * counter reset between them.
 */
class CumulativeStartTest {

  private static final long JVM_START_NANOS =
      ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000_000L;

  @Test
  void everyProducersCumulativeSeries_startWhenTheJvmStarted() throws Exception {
    MetricsOf methods =
        new MetricsOf(
            MethodMetricsProducer.builder(
                    () ->
                        List.of(
                            MethodSeries.timed("shop.Cart.add", null, Snapshots.of(1_000_000)),
                            MethodSeries.counted("shop.Cart.peek", null, 3)))
                .build());
    Thread.sleep(5); // a producer built later must still report the same start
    MetricsOf resources = new MetricsOf(new ResourceMetricsProducer(new Cpu(), "test", List::of));
    MetricsOf analysis =
        new MetricsOf(
            new AnalysisMetricsProducer(
                () ->
                    CycleReport.of(
                        System.currentTimeMillis(),
                        60,
                        List.of(),
                        List.of(),
                        Level.NORMAL,
                        List.of()),
                () -> Map.of("step|critical", 1L),
                "test"));

    List<Long> starts = new ArrayList<>();
    starts.addAll(methods.cumulativeStarts());
    starts.addAll(resources.cumulativeStarts());
    starts.addAll(analysis.cumulativeStarts());

    assertThat(methods.cumulativeStarts()).as("perf.method.* points").hasSizeGreaterThan(1);
    assertThat(resources.cumulativeStarts())
        .as("process.cpu.time points and more")
        .hasSizeGreaterThanOrEqualTo(2);
    assertThat(analysis.cumulativeStarts()).as("perf.anomalies points").hasSize(1);
    assertThat(starts).containsOnly(JVM_START_NANOS);
  }

  @Test
  void theEpochClock_isTheWallClockInNanoseconds() {
    long before = System.currentTimeMillis();
    long now = EpochNanos.now();
    long after = System.currentTimeMillis();
    assertThat(now).isBetween(before * 1_000_000L, after * 1_000_000L);
    assertThat(EpochNanos.fromMillis(1_700_000_000_123L)).isEqualTo(1_700_000_000_123_000_000L);
  }

  /** The start times of the cumulative sums and histograms one producer makes. */
  private static final class MetricsOf {
    private final Collection<MetricData> metrics;

    MetricsOf(io.opentelemetry.sdk.metrics.export.MetricProducer producer) {
      this.metrics = producer.produce(Resource.empty());
    }

    List<Long> cumulativeStarts() {
      List<Long> out = new ArrayList<>();
      for (MetricData m : metrics) {
        Collection<? extends PointData> points = Collections.emptyList();
        if (m.getType() == MetricDataType.LONG_SUM && m.getLongSumData().isMonotonic()) {
          points = m.getLongSumData().getPoints();
        } else if (m.getType() == MetricDataType.DOUBLE_SUM && m.getDoubleSumData().isMonotonic()) {
          points = m.getDoubleSumData().getPoints();
        } else if (m.getType() == MetricDataType.HISTOGRAM) {
          points = m.getHistogramData().getPoints();
        }
        for (PointData p : points) {
          out.add(p.getStartEpochNanos());
        }
      }
      return out;
    }
  }

  /** CPU time is known: a cumulative series of two points (user and system). */
  private static final class Cpu implements ResourceSource {
    @Override
    public JvmSample newJvmSample() {
      return new JvmSample(new String[0], new boolean[0], new String[0]);
    }

    @Override
    public void latest(ProcessSample processOut, JvmSample jvmOut) {
      ProcessSample p = new ProcessSample();
      p.userCpuNanos = 2_000_000_000L;
      p.systemCpuNanos = 1_000_000_000L;
      p.copyTo(processOut);
    }

    @Override
    public Map<List<String>, long[]> gcPauses() {
      return Map.of();
    }
  }
}
