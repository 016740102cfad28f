package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedPoint;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Methods returning Reactor {@code Mono} / {@code Flux} and Guava {@code ListenableFuture} results,
 * with the real libraries, selected by configuration, against the real Collector: each call lasts
 * until its result completes (200 ms here, where returning the result takes microseconds), a result
 * that fails records the failure's type as {@code error.type}, and a cancelled one (a disposed
 * subscription, a cancelled future) counts as a {@code CancellationException}. With {@code
 * perf.instrument.async=false} the same calls last until they return.
 */
class AsyncLibrariesTest {

  private static final int ROUNDS = 3;
  private static final String FLOWS = "reactive.Flows.";
  private static final String CANCELLED = "java.util.concurrent.CancellationException";
  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void reactorAndGuavaResults_areTimedUntilTheyComplete_withErrorsTypedAndCancellationsCounted(
      String jdk) throws Exception {
    String service = "async-libs-" + AppJvm.label(jdk);
    AppJvm.Result run = run(jdk, service, true);

    for (String method : new String[] {"monoLater", "fluxLater", "guavaLater"}) {
      ExportedPoint d = await(service, method, null);
      assertThat(d.count()).as(method).isEqualTo(ROUNDS);
      assertThat(d.sum() / d.count()).as(method + ": mean until completion").isGreaterThan(0.15);
    }
    ExportedPoint monoFailed = await(service, "monoFailsLater", "java.lang.IllegalStateException");
    assertThat(monoFailed.count()).isEqualTo(ROUNDS);
    assertThat(monoFailed.sum() / ROUNDS).as("failed after 200 ms").isGreaterThan(0.15);
    ExportedPoint guavaFailed = await(service, "guavaFailsLater", "java.io.IOException");
    assertThat(guavaFailed.count()).isEqualTo(ROUNDS);
    assertThat(guavaFailed.sum() / ROUNDS).as("failed after 200 ms").isGreaterThan(0.15);
    assertThat(await(service, "monoNever", CANCELLED).count()).isEqualTo(ROUNDS);
    assertThat(await(service, "guavaNever", CANCELLED).count()).isEqualTo(ROUNDS);
    for (String method :
        new String[] {"monoLater", "fluxLater", "guavaLater", "monoNever", "guavaNever"}) {
      assertThat(point(service, method, "java.lang.IllegalStateException"))
          .as(method + " has no error series but its own")
          .isEmpty();
    }
    assertThat(point(service, "monoNever", null)).as("never completed successfully").isEmpty();
    assertThat(run.stdout).isEqualTo(expectedOutput());
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void withAsyncTimingOff_theSameCallsLastUntilTheyReturn(String jdk) throws Exception {
    String service = "async-libs-off-" + AppJvm.label(jdk);
    AppJvm.Result run = run(jdk, service, false);

    for (String method : new String[] {"monoLater", "guavaLater", "monoNever", "guavaNever"}) {
      ExportedPoint d = await(service, method, null);
      assertThat(d.count()).as(method).isEqualTo(ROUNDS);
      assertThat(d.sum() / d.count()).as(method + ": until returned").isLessThan(0.15);
    }
    assertThat(point(service, "monoNever", CANCELLED)).as("no cancellation is seen").isEmpty();
    assertThat(run.stdout).isEqualTo(expectedOutput());
  }

  private static AppJvm.Result run(String jdk, String service, boolean async) throws Exception {
    AppJvm.Result run =
        new AppJvm(jdk)
            .withAgent("perf.instrument.methods=reactive.Flows#*,perf.instrument.async=" + async)
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
            .main("reactive.ReactiveApp", Integer.toString(ROUNDS))
            .run(Duration.ofSeconds(120));
    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stderr).as(run.toString()).doesNotContain("Exception");
    return run;
  }

  private static String expectedOutput() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ROUNDS; i++) {
      s.append("mono mono\nflux 4\nmono failed: no stock\nmono cancelled\n")
          .append("guava guava\nguava failed: disk gone\nguava cancelled true\n");
    }
    return s.append("DONE\n").toString();
  }

  private static Optional<ExportedPoint> point(String service, String method, String errorType)
      throws Exception {
    Map<String, String> attributes =
        errorType == null
            ? Map.of("code.function.name", FLOWS + method)
            : Map.of("code.function.name", FLOWS + method, "error.type", errorType);
    return collector.latestPoint(service, "perf.method.duration", attributes);
  }

  /** The duration point once it holds all rounds (the export at exit carries the totals). */
  private static ExportedPoint await(String service, String method, String errorType)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<ExportedPoint> p = point(service, method, errorType);
    while (System.nanoTime() < deadline && (p.isEmpty() || p.get().count() < ROUNDS)) {
      Thread.sleep(100);
      p = point(service, method, errorType);
    }
    return p.orElseThrow(
        () ->
            new AssertionError(
                "no duration of "
                    + method
                    + " "
                    + errorType
                    + "; collector log:\n"
                    + collector.log()));
  }
}
