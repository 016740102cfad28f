package io.perfagent.it;

import static io.perfagent.it.Faults.ARRIVAL;
import static io.perfagent.it.Faults.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Short-lived processes: whatever the export is doing when they exit, the totals arrive. */
class ExitExportFaultTest {

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  @Test
  void slowCollector_exportInFlightAtExit_totalsStillArrive() throws Exception {
    long calls = 2000;
    String service = "slow-collector-at-exit";
    try (BlackHole relay = new BlackHole()) {
      relay.forwardTo(port(collector.httpEndpoint()), 700); // every answer 0.7 s late
      AppJvm.Result run =
          new AppJvm(Faults.jdk())
              .withAgent(null)
              .env("OTEL_SERVICE_NAME", service)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + relay.port())
              .env("OTEL_METRIC_EXPORT_INTERVAL", "100") // an export is always on its way
              .main("fault.Worker", Long.toString(calls), "1000")
              .run(Duration.ofSeconds(120));

      CollectorOutageFaultTest.assertFinishedUnchanged(run, calls);
      assertThat(collector.awaitCalls(service, STEP, null, calls, ARRIVAL))
          .as(run.toString())
          .isEqualTo(calls);
    }
  }

  @Test
  void appEndsBeforeStartUpFinished_shortExportInterval_totalsArriveEveryTime() throws Exception {
    for (int i = 1; i <= 5; i++) {
      String service = "ends-before-start-up-" + i;
      AppJvm.Result run =
          new AppJvm(Faults.jdk())
              .withAgent(null)
              .env("OTEL_SERVICE_NAME", service)
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
              .env("OTEL_METRIC_EXPORT_INTERVAL", "200")
              .main("fault.Worker", "300", "0") // done in milliseconds, long before start-up
              .run(Duration.ofSeconds(60));

      CollectorOutageFaultTest.assertFinishedUnchanged(run, 300);
      assertThat(run.stderr).as(run.toString()).doesNotContain("failed (");
      assertThat(collector.awaitCalls(service, STEP, null, 300, ARRIVAL))
          .as(run.toString())
          .isEqualTo(300);
    }
  }

  private static int port(String endpoint) {
    return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
  }
}
