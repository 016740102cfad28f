package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedMetric;
import io.perfagent.it.collector.ExportedPoint;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test application runs in its own JVM with the agent, on every JDK, and sends over OTLP/gRPC
 * (explicit-bucket histograms) and OTLP/HTTP (exponential histograms) to a real Collector. What the
 * Collector received must match exactly the calls the application made.
 */
class OtlpExportTest {

  private static final int ORDERS = 20; // every fifth fails: 16 placed, 4 rejected
  private static final String PLACE = "shop.OrderService.place";
  private static final String CALLS = "perf.method.calls";
  private static final String DURATION = "perf.method.duration";
  private static final String REJECTED = "java.lang.IllegalArgumentException";

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (String jdk : AppJvm.jdks()) {
      runs.add(Arguments.of(jdk, "grpc"));
      runs.add(Arguments.of(jdk, "http/protobuf"));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0} over {1}")
  @MethodSource("runs")
  void appMetrics_arriveAtTheCollectorExactly(String jdk, String protocol) throws Exception {
    boolean grpc = protocol.equals("grpc");
    String service = "orders-" + AppJvm.label(jdk) + "-" + (grpc ? "grpc" : "http");
    AppJvm.Result run =
        new AppJvm(jdk)
            .withAgent("perf.instrument.methods=shop.Shipping#ship")
            .env("OTEL_SERVICE_NAME", service)
            .env(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                grpc ? collector.grpcEndpoint() : collector.httpEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
            .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
            .env(
                "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION",
                grpc ? "explicit_bucket_histogram" : "base2_exponential_bucket_histogram")
            .main("shop.OrderApp", Integer.toString(ORDERS))
            .run(Duration.ofSeconds(120));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertAppBehaviourUnchanged(run.stdout);
    assertThat(run.stderr).doesNotContain("export to").doesNotContain("Exception");

    // Cumulative: the last export (at exit) holds the totals. Wait for it.
    awaitPoint(
        service,
        CALLS,
        Map.of("code.function.name", PLACE),
        p -> p.longValue() == ORDERS - ORDERS / 5);
    assertThat(calls(service, PLACE, null)).isEqualTo(16);
    assertThat(calls(service, PLACE, REJECTED)).isEqualTo(4);
    assertThat(calls(service, "shop.Inventory.reserve", null)).as("@WithSpan").isEqualTo(ORDERS);
    assertThat(calls(service, "shop.Billing.charge", null))
        .as("Micrometer @Timed")
        .isEqualTo(ORDERS);
    assertThat(calls(service, "shop.Billing.audit", null)).as("Micrometer @Counted").isEqualTo(3);
    assertThat(calls(service, "shop.Shipping.ship", null)).as("named in config").isEqualTo(2);
    assertThat(calls(service, "shop.plugin.Plugin.getAsInt", null))
        .as("child-first loader")
        .isEqualTo(4);

    ExportedPoint placed = duration(service, PLACE, null);
    ExportedPoint rejected = duration(service, PLACE, REJECTED);
    assertThat(placed.count()).isEqualTo(16);
    assertThat(rejected.count()).isEqualTo(4);
    assertThat(placed.sum()).isGreaterThanOrEqualTo(16 * 0.005);
    assertThat(rejected.sum()).isGreaterThanOrEqualTo(4 * 0.005);
    if (grpc) {
      assertThat(placed.bucketCounts().stream().mapToLong(Long::longValue).sum()).isEqualTo(16);
      assertThat(placed.explicitBounds()).startsWith(0.000001, 0.0000025, 0.000005);
    } else {
      assertThat(placed.scale()).isEqualTo(3);
      assertThat(
              placed.positiveBucketCounts().stream().mapToLong(Long::longValue).sum()
                  + placed.zeroCount())
          .isEqualTo(16);
    }
    assertThat(pointOf(service, DURATION, Map.of("code.function.name", "shop.Billing.audit")))
        .as("a counted method has no duration")
        .isEmpty();

    ExportedMetric callsMetric = metric(service, CALLS);
    assertThat(callsMetric.type()).isEqualTo(ExportedMetric.Type.SUM);
    assertThat(callsMetric.monotonic()).isTrue();
    assertThat(callsMetric.unit()).isEqualTo("{call}");
    assertThat(callsMetric.scope()).isEqualTo("io.perfagent");
    ExportedMetric durationMetric = metric(service, DURATION);
    assertThat(durationMetric.unit()).isEqualTo("s");
    assertThat(durationMetric.type())
        .isEqualTo(
            grpc ? ExportedMetric.Type.HISTOGRAM : ExportedMetric.Type.EXPONENTIAL_HISTOGRAM);
    assertThat(callsMetric.resource())
        .containsEntry("telemetry.distro.name", "perf-agent")
        .containsKeys("service.instance.id", "host.name", "process.runtime.version");
    assertThat(callsMetric.resource().get("process.pid")).matches("[0-9]+");
  }

  private static void assertAppBehaviourUnchanged(String stdout) {
    assertThat(stdout)
        .contains("RESULT own.bytebuddy=generated by byte-buddy-1.14.19.jar")
        .contains("RESULT own.otel=api opentelemetry-api-1.40.0.jar")
        .contains("RESULT place.1=1001", "RESULT place.19=1019")
        .contains("RESULT place.5=threw java.lang.IllegalArgumentException: order 5 rejected")
        .contains("RESULT charge.3=300", "RESULT ship=shipped-ashipped-b")
        .contains("RESULT plugin=40 via ChildFirstLoader", "DONE");
  }

  private static long calls(String service, String function, String errorType) throws IOException {
    return pointOf(service, CALLS, attributes(function, errorType))
        .orElseThrow(() -> new AssertionError("no calls of " + function + " " + errorType))
        .longValue();
  }

  private static ExportedPoint duration(String service, String function, String errorType)
      throws IOException {
    return pointOf(service, DURATION, attributes(function, errorType))
        .orElseThrow(() -> new AssertionError("no duration of " + function + " " + errorType));
  }

  private static Map<String, String> attributes(String function, String errorType) {
    return errorType == null
        ? Map.of("code.function.name", function)
        : Map.of("code.function.name", function, "error.type", errorType);
  }

  private static Optional<ExportedPoint> pointOf(
      String service, String metric, Map<String, String> attributes) throws IOException {
    return collector.latestPoint(service, metric, attributes);
  }

  private static ExportedMetric metric(String service, String name) throws IOException {
    return collector.metrics().stream()
        .filter(m -> m.name().equals(name) && service.equals(m.resource().get("service.name")))
        .findFirst()
        .orElseThrow();
  }

  private static void awaitPoint(
      String service, String metric, Map<String, String> attributes, Predicate<ExportedPoint> done)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ExportedPoint> p = pointOf(service, metric, attributes);
      if (p.isPresent() && done.test(p.get())) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the collector never received the final "
            + metric
            + " "
            + attributes
            + " of "
            + service
            + "; latest: "
            + pointOf(service, metric, attributes)
            + "\ncollector log:\n"
            + collector.log());
  }
}
