package io.perfagent.it.collector;

import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A real OpenTelemetry Collector under test, wherever it runs (a local process or a Docker
 * container): OTLP in over gRPC and HTTP, what it received read back from its file exporter.
 */
public interface Collector extends AutoCloseable {

  /** The metric the agent counts calls with. */
  String CALLS = "perf.method.calls";

  /** The OTLP/gRPC endpoint, {@code http://127.0.0.1:port}. */
  String grpcEndpoint();

  /** The OTLP/HTTP base endpoint, {@code http://127.0.0.1:port}. */
  String httpEndpoint();

  /** Every metric the collector has written so far. */
  List<ExportedMetric> metrics() throws IOException;

  /** What the collector printed (its debug exporter and its own log). */
  String log();

  @Override
  void close() throws Exception;

  /**
   * The most recent point (cumulative: it holds the totals) of {@code metric} from {@code service}
   * whose attributes are exactly {@code attributes}.
   */
  default Optional<ExportedPoint> latestPoint(
      String service, String metric, Map<String, String> attributes) throws IOException {
    return metrics().stream()
        .filter(m -> m.name().equals(metric) && service.equals(m.resource().get("service.name")))
        .flatMap(m -> m.points().stream())
        .filter(p -> p.hasAttributes(attributes) && p.attributes().size() == attributes.size())
        .max(Comparator.comparingLong(ExportedPoint::timeUnixNano));
  }

  /** Polls until some written metric satisfies {@code condition}; fails after {@code timeout}. */
  default ExportedMetric awaitMetric(Predicate<ExportedMetric> condition, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (ExportedMetric m : metrics()) {
        if (condition.test(m)) {
          return m;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no matching metric after " + timeout + "; collector log:\n" + log());
      }
      Thread.sleep(100);
    }
  }

  /**
   * The total of {@value #CALLS} for {@code function} (successful calls, or those that failed with
   * {@code errorType} when not null) once it equals {@code expected}; the latest total (or -1 when
   * none arrived) when it does not within {@code timeout}, for the caller to assert on.
   */
  default long awaitCalls(
      String service, String function, String errorType, long expected, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> attributes =
        errorType == null
            ? Map.of("code.function.name", function)
            : Map.of("code.function.name", function, "error.type", errorType);
    long deadline = System.nanoTime() + timeout.toNanos();
    long latest = -1;
    while (true) {
      Optional<ExportedPoint> p = latestPoint(service, CALLS, attributes);
      latest = p.map(ExportedPoint::longValue).orElse(-1L);
      if (latest == expected || System.nanoTime() > deadline) {
        return latest;
      }
      Thread.sleep(100);
    }
  }
}
