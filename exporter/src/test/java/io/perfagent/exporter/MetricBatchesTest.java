package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricBatchesTest {

  @Test
  void split_putsEveryPointInExactlyOneRequest_underThePointLimit() {
    List<MetricData> metrics =
        Arrays.asList(TestMetrics.calls(10_000), TestMetrics.durations(10_000));

    List<List<MetricData>> requests = MetricBatches.split(metrics, 2_000, Long.MAX_VALUE);

    assertThat(requests).hasSize(10);
    assertThat(requests).allSatisfy(r -> assertThat(MetricBatches.points(r)).isEqualTo(2_000));
    assertThat(keys(requests, "perf.method.calls")).hasSize(10_000);
    assertThat(keys(requests, "perf.method.duration")).hasSize(10_000);
  }

  @Test
  void split_keepsEachRequestUnderTheByteBudget() {
    List<MetricData> metrics =
        Arrays.asList(TestMetrics.calls(10_000), TestMetrics.durations(10_000));
    long budget = 512 * 1024;

    List<List<MetricData>> requests = MetricBatches.split(metrics, 1_000_000, budget);

    assertThat(requests.size()).isGreaterThan(1);
    for (List<MetricData> request : requests) {
      long bytes = 0;
      for (MetricData m : request) {
        for (PointData p : m.getData().getPoints()) {
          bytes += MetricBatches.estimatedBytes(p);
        }
      }
      assertThat(bytes).isLessThanOrEqualTo(budget);
    }
    assertThat(requests.stream().mapToInt(MetricBatches::points).sum()).isEqualTo(20_000);
  }

  @Test
  void split_leavesASmallCollectionWhole() {
    MetricData calls = TestMetrics.calls(5);
    List<List<MetricData>> requests = MetricBatches.split(List.of(calls), 2_000, 512 * 1024);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0)).containsExactly(calls);
  }

  @Test
  void estimatedBytes_ofAHistogramPoint_isAtLeastItsBucketsAndName() {
    PointData point = TestMetrics.durations(1).getData().getPoints().iterator().next();
    // 24 doubles and 25 fixed64 counts alone take 392 bytes in protobuf
    assertThat(MetricBatches.estimatedBytes(point))
        .isGreaterThan(392 + "code.function.name".length());
  }

  private static Set<String> keys(List<List<MetricData>> requests, String metric) {
    Set<String> functions = new HashSet<>();
    List<String> all = new ArrayList<>();
    for (List<MetricData> request : requests) {
      for (MetricData m : request) {
        if (m.getName().equals(metric)) {
          for (PointData p : m.getData().getPoints()) {
            all.add(p.getAttributes().get(TestMetrics.FUNCTION));
          }
        }
      }
    }
    functions.addAll(all);
    assertThat(all).as("no point twice").hasSameSizeAs(functions);
    return functions;
  }
}
