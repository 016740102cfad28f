package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedMetric;
import io.perfagent.it.collector.ExportedPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A thread pool the application makes, with no code change and no configuration, arrives at the
 * real Collector as gauges named after where it was made: its queue while tasks wait, then empty.
 */
class ExecutorsTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  @Test
  void applicationsThreadPool_isFoundAndItsQueueExported() throws Exception {
    String service = "executors";
    Path state = Files.createTempDirectory("perf-it-executors");
    try (AppJvm.Running app =
        new AppJvm(AppJvm.jdks().get(0))
            .withAgent("perf.sample.interval=500ms")
            .main("control.ControlApp")
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
            .env("PERF_STATE_DIR", state.toString())
            .env("PERF_ENDPOINT_PORT", "0")
            .start()) {
      app.awaitOutput("READY", WAIT);
      app.awaitLog(" ready in ", WAIT);
      app.send("pool");
      app.awaitOutput("POOL", WAIT);
      assertThat(awaitLatest(service, "executor.Pools.make.queue.size", 3)).isEqualTo(3);
      assertThat(awaitLatest(service, "executor.Pools.make.active", 1)).isEqualTo(1);
      app.send("release");
      app.awaitOutput("RELEASED", WAIT);
      assertThat(awaitLatest(service, "executor.Pools.make.queue.size", 0)).isZero();
      app.closeInput();
      assertThat(app.awaitExit(WAIT).exitCode).isZero();
    } finally {
      Cli.deleteTree(state);
    }
  }

  /** The latest value of a gauge once it equals {@code expected}, or the last seen after 60 s. */
  private static double awaitLatest(String service, String metric, double expected)
      throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    double latest = Double.NaN;
    while (System.nanoTime() < deadline) {
      latest =
          collector.metrics().stream()
              .filter(
                  m -> m.name().equals(metric) && service.equals(m.resource().get("service.name")))
              .map(ExportedMetric::points)
              .flatMap(java.util.List::stream)
              .max(Comparator.comparingLong(ExportedPoint::timeUnixNano))
              .map(ExportedPoint::doubleValue)
              .orElse(Double.NaN);
      if (latest == expected) {
        return latest;
      }
      Thread.sleep(200);
    }
    return latest;
  }
}
