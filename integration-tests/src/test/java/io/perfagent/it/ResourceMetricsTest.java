package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.ExportedMetric;
import io.perfagent.it.collector.ExportedPoint;
import io.perfagent.it.collector.RealCollector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resource metrics of an application that allocates 200 MB and starts 50 threads arrive at the real
 * Collector with the semantic conventions' names, units and attributes, and show what it did.
 */
class ResourceMetricsTest {

  private static RealCollector collector;

  @BeforeAll
  static void startCollector() throws Exception {
    collector = RealCollector.start();
  }

  @AfterAll
  static void stopCollector() throws Exception {
    collector.close();
  }

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void hogsMemoryAndThreads_andTheCollectorSeesIt(String jdk) throws Exception {
    String service = "hog-" + AppJvm.label(jdk);
    AppJvm.Result run =
        new AppJvm(jdk)
            .withAgent("perf.sample.interval=300ms")
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .main("shop.ResourceHog", "3000")
            .run(Duration.ofSeconds(90));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).contains("DONE");

    collector.awaitMetric(
        m ->
            m.name().equals("jvm.class.loaded") && service.equals(m.resource().get("service.name")),
        Duration.ofSeconds(20));
    List<ExportedMetric> mine =
        collector.metrics().stream()
            .filter(m -> service.equals(m.resource().get("service.name")))
            .collect(Collectors.toList());

    assertThat(max(mine, "process.thread.count")).isGreaterThanOrEqualTo(50 + 10);
    assertThat(max(mine, "jvm.thread.count")).isGreaterThanOrEqualTo(50);
    assertThat(max(mine, "process.memory.usage")).isGreaterThan(200L << 20);
    assertThat(maxHeapUsed(mine)).isGreaterThan(200L << 20);

    assertThat(unit(mine, "process.memory.usage")).isEqualTo("By");
    assertThat(unit(mine, "process.cpu.time")).isEqualTo("s");
    assertThat(unit(mine, "jvm.memory.used")).isEqualTo("By");
    assertThat(unit(mine, "process.unix.file_descriptor.count")).isEqualTo("{file_descriptor}");
    assertThat(unit(mine, "perf.io.latency")).isEqualTo("s");
    assertThat(attributeValues(mine, "process.cpu.time", "cpu.mode"))
        .containsExactlyInAnyOrder("user", "system");
    assertThat(attributeValues(mine, "process.disk.io", "disk.io.direction"))
        .containsExactlyInAnyOrder("read", "write");
    assertThat(attributeValues(mine, "jvm.memory.used", "jvm.memory.type"))
        .containsExactlyInAnyOrder("heap", "non_heap");
    assertThat(metric(mine, "process.cpu.time").monotonic()).isTrue();
    assertThat(metric(mine, "jvm.gc.duration").type()).isEqualTo(ExportedMetric.Type.HISTOGRAM);
    assertThat(attributeValues(mine, "jvm.gc.duration", "jvm.gc.name")).isNotEmpty();
  }

  private static ExportedMetric metric(List<ExportedMetric> all, String name) {
    return all.stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " among " + names(all)));
  }

  private static List<String> names(List<ExportedMetric> all) {
    return all.stream().map(ExportedMetric::name).distinct().sorted().collect(Collectors.toList());
  }

  private static String unit(List<ExportedMetric> all, String name) {
    return metric(all, name).unit();
  }

  private static long max(List<ExportedMetric> all, String name) {
    metric(all, name);
    return all.stream()
        .filter(m -> m.name().equals(name))
        .flatMap(m -> m.points().stream())
        .mapToLong(p -> Math.max(p.longValue(), (long) p.doubleValue()))
        .max()
        .orElse(0);
  }

  /** The largest sum over heap pools of jvm.memory.used taken at one moment. */
  private static long maxHeapUsed(List<ExportedMetric> all) {
    Map<Long, Long> byTime = new TreeMap<>();
    for (ExportedMetric m : all) {
      if (m.name().equals("jvm.memory.used")) {
        for (ExportedPoint p : m.points()) {
          if ("heap".equals(p.attributes().get("jvm.memory.type"))) {
            byTime.merge(p.timeUnixNano(), p.longValue(), Long::sum);
          }
        }
      }
    }
    return byTime.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private static List<String> attributeValues(List<ExportedMetric> all, String name, String key) {
    return all.stream()
        .filter(m -> m.name().equals(name))
        .flatMap(m -> m.points().stream())
        .map(p -> p.attributes().get(key))
        .filter(v -> v != null)
        .distinct()
        .collect(Collectors.toList());
  }
}
