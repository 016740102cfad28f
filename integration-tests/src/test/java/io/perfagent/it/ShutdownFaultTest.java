package io.perfagent.it;

import static io.perfagent.it.Faults.ARRIVAL;
import static io.perfagent.it.Faults.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import fault.Worker;
import io.perfagent.it.collector.CollectorExtension;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code SIGTERM} in the middle of a busy loop, as an orchestrator stops a service: the application
 * stops after its current call and says how many it completed; the agent's last export at exit
 * delivers exactly that many.
 */
class ShutdownFaultTest {

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  private static final Pattern STOPPED = Pattern.compile("STOPPED calls=(\\d+) sum=(\\d+)");

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void sigtermMidLoop_everyCompletedCallArrives(String protocol) throws Exception {
    boolean grpc = protocol.equals("grpc");
    String service = "sigterm-" + (grpc ? "grpc" : "http");
    try (AppJvm.Running app =
        new AppJvm(Faults.jdk())
            .withAgent(null)
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
            .env(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                grpc ? collector.grpcEndpoint() : collector.httpEndpoint())
            .env(
                "OTEL_METRIC_EXPORT_INTERVAL",
                "60000") // only the export at exit can deliver the total
            .main("fault.Worker", "100000000", "100")
            .start()) {
      app.awaitOutput("PROGRESS 3000", Duration.ofSeconds(60));
      app.terminate();
      AppJvm.Result run = app.awaitExit(Duration.ofSeconds(60));

      assertThat(run.exitCode).as(run.toString()).isEqualTo(143);
      Matcher stopped = STOPPED.matcher(run.stdout);
      assertThat(stopped.find()).as(run.toString()).isTrue();
      long calls = Long.parseLong(stopped.group(1));
      assertThat(calls).isGreaterThanOrEqualTo(3000);
      assertThat(Long.parseLong(stopped.group(2)))
          .as("checksum")
          .isEqualTo(Worker.expectedSum(calls));
      Faults.assertNoStackTraces(run);
      assertThat(run.stderr).doesNotContain("export to");
      assertThat(collector.awaitCalls(service, STEP, null, calls, ARRIVAL))
          .as(collector.log())
          .isEqualTo(calls);
    }
  }
}
