package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.ContainerCollector;
import io.perfagent.it.collector.ExportedPoint;
import io.perfagent.it.docker.Docker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Collector runs in a Docker container (Testcontainers, a local image {@code FROM scratch} with
 * the binary the build made) and receives the agent's export from an application JVM on the host
 * through the mapped ports, over gRPC and HTTP: exactly the calls the application made. Skipped
 * with one line where no Docker engine answers.
 */
class DockerCollectorTest {

  private static final String JDK = "/usr/lib/jvm/java-17-openjdk-amd64";
  private static final String PLACE = "shop.OrderService.place";
  private static final String REJECTED = "java.lang.IllegalArgumentException";
  private static final Duration ARRIVAL = Duration.ofSeconds(30);

  private static ContainerCollector collector;

  @BeforeAll
  static void startCollector() throws Exception {
    if (Docker.available()) {
      collector = ContainerCollector.start();
    }
  }

  @AfterAll
  static void stopCollector() {
    if (collector != null) {
      collector.close();
    }
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void appOnTheHost_exportsToTheCollectorInAContainer_exactly(String protocol) throws Exception {
    Docker.assumeAvailable();
    boolean grpc = protocol.equals("grpc");
    String service = "docker-collector-" + (grpc ? "grpc" : "http");
    AppJvm.Result run =
        new AppJvm(jdk())
            .withAgent("perf.instrument.methods=shop.Shipping#ship")
            .env("OTEL_SERVICE_NAME", service)
            .env(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                grpc ? collector.grpcEndpoint() : collector.httpEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
            .env(
                "OTEL_METRIC_EXPORT_INTERVAL",
                "60000") // only the export at exit: see ExitExportFaultTest
            .main("shop.OrderApp", "20")
            .run(Duration.ofSeconds(120));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout)
        .contains(
            "RESULT place.1=1001",
            "RESULT place.5=threw java.lang.IllegalArgumentException: order 5 rejected")
        .contains("RESULT plugin=40 via ChildFirstLoader", "DONE");
    assertThat(run.stderr).doesNotContain("export to").doesNotContain("Exception");

    assertThat(collector.awaitCalls(service, PLACE, null, 16, ARRIVAL))
        .as(collector.log())
        .isEqualTo(16);
    assertThat(collector.awaitCalls(service, PLACE, REJECTED, 4, ARRIVAL)).isEqualTo(4);
    assertThat(collector.awaitCalls(service, "shop.Inventory.reserve", null, 20, ARRIVAL))
        .isEqualTo(20);
    assertThat(collector.awaitCalls(service, "shop.Billing.charge", null, 20, ARRIVAL))
        .isEqualTo(20);
    assertThat(collector.awaitCalls(service, "shop.Billing.audit", null, 3, ARRIVAL)).isEqualTo(3);
    assertThat(collector.awaitCalls(service, "shop.Shipping.ship", null, 2, ARRIVAL)).isEqualTo(2);
    assertThat(collector.awaitCalls(service, "shop.plugin.Plugin.getAsInt", null, 4, ARRIVAL))
        .isEqualTo(4);
    ExportedPoint placed =
        collector
            .latestPoint(service, "perf.method.duration", Map.of("code.function.name", PLACE))
            .orElseThrow();
    assertThat(placed.count()).isEqualTo(16);
    assertThat(placed.sum()).isGreaterThanOrEqualTo(16 * 0.005);
  }

  static String jdk() {
    return AppJvm.jdks().stream().filter(JDK::equals).findFirst().orElse(AppJvm.jdks().get(0));
  }
}
