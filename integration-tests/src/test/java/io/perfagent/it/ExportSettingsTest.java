package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedPoint;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bad export setting costs that key only: one line names it and says what is used instead, export
 * stays on (the Collector gets every call), and the ready line names the exporter really in use.
 */
class ExportSettingsTest {

  private static final String PLACE = "shop.OrderService.place";
  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  @Test
  void badMetricsEndpointAndMalformedMaps_costOnlyThoseKeys_andEveryCallArrives() throws Exception {
    String service = "bad-settings-maps";
    AppJvm.Result r =
        orderApp()
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.grpcEndpoint())
            .env(
                "OTEL_EXPORTER_OTLP_PROTOCOL",
                "grpc") // the bad keys' defaults over gRPC; below over http
            .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "htp:/x")
            .env("OTEL_RESOURCE_ATTRIBUTES", "team=shop,broken")
            .env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%zzsecret-token")
            // not checked by the agent itself: the SDK refuses it, and only it is dropped
            .env("OTEL_METRIC_EXPORT_MAX_BATCH_SIZE", "lots")
            .run(Duration.ofSeconds(90));

    assertRanUnchanged(r);
    assertThat(linesWith(r.stderr, "otel.exporter.otlp.metrics.endpoint"))
        .singleElement()
        .asString()
        .contains(
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
            "'htp:/x'",
            "using the default '" + collector.grpcEndpoint() + "'");
    assertThat(linesWith(r.stderr, "otel.resource.attributes"))
        .singleElement()
        .asString()
        .contains("'team=shop,broken'", "key=value", "ignoring it");
    assertThat(linesWith(r.stderr, "otel.exporter.otlp.headers"))
        .singleElement()
        .asString()
        .contains("value not shown", "ignoring it");
    assertThat(r.stderr).as("a header value is never printed").doesNotContain("secret-token");
    assertThat(linesWith(r.stderr, "otel.metric.export.max.batch.size"))
        .singleElement()
        .asString()
        .contains("ignoring it");
    assertThat(readyLine(r))
        .endsWith("metrics exporter: otlp to " + collector.grpcEndpoint() + " (grpc)");
    assertThat(r.stderr).doesNotContain("export is off").doesNotContain("export to");

    assertEveryCallArrived(service);
    assertThat(
            collector.latestPoint(
                service, "perf.method.calls", Map.of("code.function.name", PLACE)))
        .isPresent();
    assertThat(
            collector.metrics().stream()
                .filter(m -> service.equals(m.resource().get("service.name")))
                .filter(m -> m.resource().containsKey("team")))
        .as("the malformed resource attributes are ignored whole")
        .isEmpty();
  }

  @Test
  void endpointWithAPortThatIsNotANumber_costsOnlyThatKey() throws Exception {
    String service = "bad-settings-port";
    AppJvm.Result r =
        orderApp()
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:notaport")
            .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", collector.httpEndpoint() + "/v1/metrics")
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .run(Duration.ofSeconds(90));

    assertRanUnchanged(r);
    assertThat(linesWith(r.stderr, "otel.exporter.otlp.endpoint"))
        .singleElement()
        .asString()
        .contains(
            "'http://127.0.0.1:notaport'",
            "numeric port",
            "using the default 'http://localhost:4318'");
    assertThat(readyLine(r))
        .endsWith(
            "metrics exporter: otlp to "
                + collector.httpEndpoint()
                + "/v1/metrics (http/protobuf)");
    assertThat(r.stderr).doesNotContain("export is off").doesNotContain("export to");
    assertEveryCallArrived(service);
  }

  @Test
  void badEndpoint_fallsBackToTheDefault_andTheReadyLineSaysSo() throws Exception {
    AppJvm.Result r =
        orderApp()
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "htp:/x")
            .env("OTEL_METRICS_EXPORTER", "otlp,console")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "600000")
            .run(Duration.ofSeconds(90));

    assertRanUnchanged(r);
    assertThat(linesWith(r.stderr, "otel.exporter.otlp.endpoint"))
        .singleElement()
        .asString()
        .contains(
            "(environment variable OTEL_EXPORTER_OTLP_ENDPOINT): 'htp:/x'",
            "using the default 'http://localhost:4318'");
    assertThat(readyLine(r))
        .containsPattern(
            "metrics exporter: (console, )?otlp to http://localhost:4318 \\(http/protobuf\\)(, console)?$")
        .contains("console");
    assertThat(r.stderr).doesNotContain("export is off");
    assertThat(r.stderr).as("the console exporter ran: export is on").contains("perf.method.calls");
  }

  private static AppJvm orderApp() {
    return new AppJvm(AppJvm.jdks().get(0))
        .withAgent(null)
        .main("exportfaults.AfterStart", "shop.OrderApp", "20");
  }

  private static void assertRanUnchanged(AppJvm.Result r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).contains("RESULT place.1=1001", "RESULT place.19=1019", "DONE");
    assertThat(r.stderr).doesNotContain("Exception in thread").doesNotContain("\tat ");
  }

  private static void assertEveryCallArrived(String service) throws Exception {
    Map<String, String> placed = Map.of("code.function.name", PLACE);
    Map<String, String> rejected =
        Map.of("code.function.name", PLACE, "error.type", "java.lang.IllegalArgumentException");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<ExportedPoint> last = Optional.empty();
    while (System.nanoTime() < deadline) {
      last = collector.latestPoint(service, "perf.method.calls", placed);
      if (last.isPresent() && last.get().longValue() == 16) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(last).as("calls of " + PLACE + "; collector log:\n" + collector.log()).isPresent();
    assertThat(last.get().longValue()).isEqualTo(16);
    assertThat(
            collector.latestPoint(service, "perf.method.calls", rejected).orElseThrow().longValue())
        .isEqualTo(4);
  }

  private static String readyLine(AppJvm.Result r) {
    return linesWith(r.stderr, " ready in ").stream()
        .findFirst()
        .orElseThrow(() -> new AssertionError(r.stderr));
  }

  private static List<String> linesWith(String text, String part) {
    return Arrays.stream(text.split("\n"))
        .filter(l -> l.contains(part))
        .collect(Collectors.toList());
  }
}
