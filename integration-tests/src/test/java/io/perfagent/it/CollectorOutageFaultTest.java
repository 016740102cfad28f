package io.perfagent.it;

import static io.perfagent.it.Faults.ARRIVAL;
import static io.perfagent.it.Faults.STEP;
import static org.assertj.core.api.Assertions.assertThat;

import fault.Worker;
import io.perfagent.it.collector.RealCollector;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Collector goes away while an application runs and comes back: every call still arrives,
 * exactly, and the application neither notices nor prints anything else.
 */
class CollectorOutageFaultTest {

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void collectorDownAtStart_thenUp_everyCallArrives(String protocol) throws Exception {
    int grpc = RealCollector.freePort();
    int http = RealCollector.freePort();
    long calls = 8000; // ~9 s at 1 ms a call
    String service = "down-then-up-" + protocol.replace('/', '-');
    try (AppJvm.Running app = worker(service, protocol, grpc, http, calls).start()) {
      app.awaitLog("failed (", Duration.ofSeconds(60)); // the agent is up and has found nobody
      Thread.sleep(1000); // a few more failed attempts
      try (RealCollector collector = RealCollector.startOn(grpc, http)) {
        AppJvm.Result run = app.awaitExit(Duration.ofSeconds(120));
        assertFinishedUnchanged(run, calls);
        assertThat(collector.awaitCalls(service, STEP, null, calls, ARRIVAL))
            .as(collector.log())
            .isEqualTo(calls);
        assertThat(Faults.lines(run.stderr, "failed (")).as(run.stderr).isEqualTo(1);
        // Once more when it recovers (again after any later hiccup, as on a loaded machine).
        assertThat(Faults.lines(run.stderr, "works again")).as(run.stderr).isPositive();
      }
    }
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void collectorKilled_thenRestarted_everyCallArrives(String protocol) throws Exception {
    long calls = 8000; // ~9 s at 1 ms a call
    String service = "killed-restarted-" + protocol.replace('/', '-');
    RealCollector first = RealCollector.start();
    try (AppJvm.Running app =
        worker(service, protocol, first.grpcPort(), first.httpPort(), calls).start()) {
      // Killed once it has received some calls, while the application is still making them.
      awaitSomeCalls(first, service);
      assertThat(app.isAlive()).as("still running at the kill").isTrue();
      first.kill();
      Thread.sleep(1500);
      try (RealCollector second = RealCollector.startOn(first.grpcPort(), first.httpPort())) {
        AppJvm.Result run = app.awaitExit(Duration.ofSeconds(120));
        assertFinishedUnchanged(run, calls);
        // Cumulative counters: the restarted Collector receives the totals since the start.
        assertThat(second.awaitCalls(service, STEP, null, calls, ARRIVAL))
            .as(second.log())
            .isEqualTo(calls);
        assertThat(Faults.lines(run.stderr, "failed (")).as(run.stderr).isLessThanOrEqualTo(1);
      }
    } finally {
      first.close();
    }
  }

  private static void awaitSomeCalls(RealCollector collector, String service) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (collector
        .latestPoint(service, "perf.method.calls", Map.of("code.function.name", STEP))
        .isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no calls arrived before the kill:\n" + collector.log());
      }
      Thread.sleep(50);
    }
  }

  static AppJvm worker(String service, String protocol, int grpc, int http, long calls) {
    boolean overGrpc = protocol.equals("grpc");
    return new AppJvm(Faults.jdk())
        .withAgent(null)
        .env("OTEL_SERVICE_NAME", service)
        .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + (overGrpc ? grpc : http))
        .env("OTEL_METRIC_EXPORT_INTERVAL", "200")
        // Lingers 3 s after its last call: periodic exports deliver the total while it is up, so
        // the count does not hang on the export at exit (see ExitExportFaultTest).
        .main("fault.Worker", Long.toString(calls), "1000", "3000");
  }

  static void assertFinishedUnchanged(AppJvm.Result run, long calls) {
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout)
        .contains("RESULT calls=" + calls + " sum=" + Worker.expectedSum(calls), "DONE");
    Faults.assertNoStackTraces(run);
  }
}
