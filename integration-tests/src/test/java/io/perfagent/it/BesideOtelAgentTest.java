package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedMetric;
import io.perfagent.it.collector.ExportedPoint;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * perf-agent and the OpenTelemetry Java agent in one JVM, each configured on its own: the {@code
 * otel.*} keys meant for the OpenTelemetry agent reach perf-agent too, unless a {@code perf.otel.*}
 * key (or {@code PERF_OTEL_*} variable) says otherwise for perf-agent only.
 */
class BesideOtelAgentTest {

  private static final String PLACE = "shop.OrderService.place";
  private static final String DISTRO = "telemetry.distro.name";

  /**
   * SLOW_START: the application starts once perf-agent has ({@code AfterStart}); still, beside the
   * OpenTelemetry agent on a loaded 2-core CI machine, the final export at exit took longer than
   * perf.export.shutdown-timeout's default 5 s (ExportExitTest checks that bound). These tests are
   * about keeping the two agents' settings apart, so they give the exit more time.
   */
  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  @Test
  void otelMetricsExporterNoneForTheOtelAgent_perfOtelKeyKeepsPerfAgentExporting()
      throws Exception {
    String service = "beside-otel-none";
    AppJvm.Result r =
        new AppJvm(AppJvm.jdks().get(0))
            .withAgent(null)
            .jvmArg("-javaagent:" + otelAgentJar())
            .jvmArg("-Dotel.metrics.exporter=none") // meant for the OpenTelemetry agent
            .jvmArg("-Dotel.traces.exporter=none")
            .jvmArg("-Dotel.logs.exporter=none")
            .jvmArg("-Dperf.otel.metrics.exporter=otlp") // for perf-agent only
            .jvmArg("-Dperf.export.shutdown-timeout=60s") // see SLOW_START
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .main("exportfaults.AfterStart", "shop.OrderApp", "20")
            .run(Duration.ofSeconds(120));

    assertRanUnchanged(r);
    assertThat(r.stderr).doesNotContain("unknown key");
    assertThat(r.stderr)
        .contains("metrics exporter: otlp to " + collector.httpEndpoint() + " (http/protobuf)");
    assertEveryCallArrived(service);
    assertThat(metricsOf(service).stream().map(m -> m.resource().get(DISTRO)).distinct())
        .as("nothing from the OpenTelemetry agent, whose metrics exporter is none")
        .containsExactly("perf-agent");
  }

  @Test
  void perfOtelEnvironmentVariables_separateTheTwoAgentsServices() throws Exception {
    String otelSide = "beside-otel-agent-side";
    String perfSide = "beside-otel-perf-side";
    AppJvm.Result r =
        new AppJvm(AppJvm.jdks().get(0))
            .jvmArg(
                "-javaagent:" + otelAgentJar()) // the other order: the OpenTelemetry agent first
            .withAgent(null)
            .env("OTEL_SERVICE_NAME", otelSide)
            .env("PERF_OTEL_SERVICE_NAME", perfSide)
            .env("PERF_EXPORT_SHUTDOWN_TIMEOUT", "60s") // see SLOW_START
            // both agents' default protocol; said for the record
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_TRACES_EXPORTER", "none")
            .env("OTEL_LOGS_EXPORTER", "none")
            .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
            .main("exportfaults.AfterStart", "shop.OrderApp", "20")
            .run(Duration.ofSeconds(120));

    assertRanUnchanged(r);
    assertThat(r.stderr).doesNotContain("unknown environment variable");
    assertEveryCallArrived(perfSide);
    assertThat(metricsOf(perfSide))
        .extracting(m -> m.resource().get(DISTRO))
        .containsOnly("perf-agent");
    ExportedMetric fromOtelAgent =
        collector.awaitMetric(
            m -> otelSide.equals(m.resource().get("service.name")) && m.name().startsWith("jvm."),
            Duration.ofSeconds(30));
    assertThat(fromOtelAgent.scope()).doesNotStartWith("io.perfagent");
    assertThat(metricsOf(otelSide))
        .extracting(m -> m.resource().get(DISTRO))
        .as("perf-agent sends nothing under the OpenTelemetry agent's service name")
        .doesNotContain("perf-agent");
  }

  private static Path otelAgentJar() {
    Path jar =
        Paths.get(
            System.getProperty("it.otel.javaagent", "target/agents/opentelemetry-javaagent.jar"));
    assertThat(jar).as("the OpenTelemetry Java agent, copied by the build").isRegularFile();
    return jar.toAbsolutePath();
  }

  private static void assertRanUnchanged(AppJvm.Result r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout)
        .contains("RESULT place.1=1001", "RESULT place.19=1019")
        .contains("RESULT place.5=threw java.lang.IllegalArgumentException: order 5 rejected")
        .contains("RESULT charge.3=300", "DONE");
    assertThat(r.stderr).doesNotContain("Exception in thread");
  }

  private static List<ExportedMetric> metricsOf(String service) throws Exception {
    return collector.metrics().stream()
        .filter(m -> service.equals(m.resource().get("service.name")))
        .collect(Collectors.toList());
  }

  private static void assertEveryCallArrived(String service) throws Exception {
    Map<String, String> placed = Map.of("code.function.name", PLACE);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<ExportedPoint> last = Optional.empty();
    while (System.nanoTime() < deadline) {
      last = collector.latestPoint(service, "perf.method.calls", placed);
      if (last.isPresent() && last.get().longValue() == 16) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(last)
        .as("calls of " + PLACE + " from " + service + "; collector log:\n" + collector.log())
        .isPresent();
    assertThat(last.get().longValue()).isEqualTo(16);
    Map<String, String> rejected =
        Map.of("code.function.name", PLACE, "error.type", "java.lang.IllegalArgumentException");
    assertThat(
            collector.latestPoint(service, "perf.method.calls", rejected).orElseThrow().longValue())
        .isEqualTo(4);
    assertThat(
            collector
                .latestPoint(
                    service,
                    "perf.method.calls",
                    Map.of("code.function.name", "shop.Inventory.reserve"))
                .orElseThrow()
                .longValue())
        .as("@WithSpan, instrumented by both agents")
        .isEqualTo(20);
  }
}
