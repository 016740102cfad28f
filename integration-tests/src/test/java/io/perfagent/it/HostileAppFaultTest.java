package io.perfagent.it;

import static io.perfagent.it.Faults.ARRIVAL;
import static io.perfagent.it.Faults.STEP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fault.Worker;
import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedPoint;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Applications that push the agent's limits — more methods than the cap, dozens of exception types,
 * a thousand class loaders, the agent given twice, a hundred thousand virtual threads — run exactly
 * as without it, and what the Collector receives is exact within the documented caps.
 */
class HostileAppFaultTest {

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  private static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";

  @Test
  void moreMeasuredMethodsThanTheCap_capHoldsAndEverySeriesUnderItIsExact() throws Exception {
    String service = "over-the-cap";
    AppJvm.Result run =
        app(service, "perf.instrument.max-methods=25")
            .main("fault.Wide")
            .run(Duration.ofSeconds(90));

    assertThat(run.exitCode).as(run.toString()).isZero();
    long expectedSum = 0;
    for (int k = 0; k < 40; k++) {
      for (int c = 0; c <= k; c++) {
        expectedSum += c + k;
      }
    }
    assertThat(run.stdout).contains("RESULT sum=" + expectedSum, "DONE");
    assertThat(Faults.lines(run.stderr, "perf.instrument.max-methods reached"))
        .as(run.stderr)
        .isEqualTo(1);
    Faults.assertNoStackTraces(run);

    Map<String, Long> arrived = awaitSeries(service, "fault.Wide.", 25);
    assertThat(arrived).as("one series per measured method, up to the cap").hasSize(25);
    arrived.forEach(
        (function, calls) -> {
          int k = Integer.parseInt(function.substring("fault.Wide.m".length()));
          assertThat(calls).as(function + " is called k + 1 times").isEqualTo(k + 1);
        });
  }

  @Test
  void fiftyExceptionTypes_eightNamedSeriesAndTheRestUnderOther_totalExact() throws Exception {
    String service = "error-bomb";
    int types = 50;
    int rounds = 20;
    AppJvm.Result run =
        app(service, null)
            .main("fault.ErrorBomb", Integer.toString(types), Integer.toString(rounds))
            .run(Duration.ofSeconds(90));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).contains("RESULT caught=" + types * rounds, "DONE");
    Faults.assertNoStackTraces(run);

    String fire = "fault.ErrorBomb.fire";
    for (int i = 0; i < 8; i++) {
      assertThat(collector.awaitCalls(service, fire, "fault.Boom" + i, rounds, ARRIVAL))
          .as("fault.Boom" + i)
          .isEqualTo(rounds);
    }
    assertThat(collector.awaitCalls(service, fire, "_OTHER", (long) (types - 8) * rounds, ARRIVAL))
        .as("the other types, together")
        .isEqualTo((types - 8) * rounds);
    Map<String, Long> errorSeries = new HashMap<>();
    for (ExportedPoint p : pointsOf(service, fire)) {
      errorSeries.merge(
          p.attributes().getOrDefault("error.type", "(none)"), p.longValue(), Math::max);
    }
    assertThat(errorSeries).as("no series beyond the cap").hasSize(9);
  }

  @Test
  void aThousandClassLoaders_oneExactSeries_andNoLoaderKeptAlive() throws Exception {
    String service = "loader-churn";
    int loaders = 1200;
    AppJvm.Result run =
        app(service, null)
            .main("fault.LoaderChurn", Integer.toString(loaders))
            .run(Duration.ofSeconds(120));

    assertThat(run.exitCode).as(run.toString()).isZero();
    long sum = (long) loaders * (loaders + 1) / 2;
    assertThat(run.stdout).contains("RESULT calls=" + loaders + " sum=" + sum, "DONE");
    assertThat(run.stdout)
        .as("the agent keeps no class loader alive")
        .contains("RESULT collected=" + loaders);
    Faults.assertNoStackTraces(run);
    assertThat(collector.awaitCalls(service, "fault.plugin.Churned.work", null, loaders, ARRIVAL))
        .as(collector.log())
        .isEqualTo(loaders);
  }

  @Test
  void agentGivenTwice_startsOnce_andCountsOnce() throws Exception {
    String service = "agent-twice";
    AppJvm.Result run =
        app(service, null)
            .withAgent("perf.log.level=info")
            .main("fault.Worker", "500", "0")
            .run(Duration.ofSeconds(90));

    CollectorOutageFaultTest.assertFinishedUnchanged(run, 500);
    assertThat(Faults.lines(run.stderr, "ready in")).as(run.stderr).isEqualTo(1);
    assertThat(Faults.lines(run.stderr, "already running in this JVM")).as(run.stderr).isEqualTo(1);
    assertThat(collector.awaitCalls(service, STEP, null, 500, ARRIVAL))
        .as(collector.log())
        .isEqualTo(500);
  }

  @Test
  void hundredThousandVirtualThreads_onJdk25_everyCallCounted() throws Exception {
    assumeTrue(Files.isExecutable(Paths.get(JDK25, "bin", "java")), "no JDK 25 at " + JDK25);
    String service = "virtual-threads";
    int threads = 100_000;
    AppJvm.Result run =
        new AppJvm(JDK25)
            .withAgent(null)
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "60000")
            .main("fault.VirtualThreads", Integer.toString(threads))
            .run(Duration.ofSeconds(180));

    assertThat(run.exitCode).as(run.toString()).isZero();
    long sum = (long) threads * threads; // the sum of 2i + 1 below n
    assertThat(run.stdout).contains("RESULT calls=" + threads + " sum=" + sum, "DONE");
    Faults.assertNoStackTraces(run);
    assertThat(collector.awaitCalls(service, STEP, null, threads, ARRIVAL))
        .as(collector.log())
        .isEqualTo(threads);
    ExportedPoint duration =
        collector
            .latestPoint(service, "perf.method.duration", Map.of("code.function.name", STEP))
            .orElseThrow();
    assertThat(duration.count()).isEqualTo(threads);
  }

  @Test
  void appWithItsOwnOpenTelemetrySdkAndByteBuddy_runsAsWithout_andBothCount() throws Exception {
    String service = "own-sdk";
    int orders = 7;
    AppJvm.Result plain =
        new AppJvm(Faults.jdk())
            .main("fault.OwnSdk", Integer.toString(orders))
            .run(Duration.ofSeconds(60));
    AppJvm.Result run =
        app(service, null)
            .main("fault.OwnSdk", Integer.toString(orders))
            .run(Duration.ofSeconds(90));

    assertThat(run.exitCode).as(run.toString()).isZero();
    assertThat(run.stdout).isEqualTo(plain.stdout);
    assertThat(run.stdout)
        .contains("RESULT own.sdk.orders=7 from opentelemetry-sdk-metrics-1.40.0.jar")
        .contains("RESULT own.bytebuddy=generated by byte-buddy-1.14.19.jar")
        .contains("RESULT sum=" + Worker.expectedSum(orders), "DONE");
    Faults.assertNoStackTraces(run);
    assertThat(collector.awaitCalls(service, STEP, null, orders, ARRIVAL))
        .as(collector.log())
        .isEqualTo(orders);
    assertThat(collector.metrics())
        .as("the application's own metrics stay in its own SDK")
        .noneMatch(m -> m.name().equals("shop.orders"));
  }

  private static AppJvm app(String service, String agentArgs) {
    return new AppJvm(Faults.jdk())
        .withAgent(agentArgs)
        .env("OTEL_SERVICE_NAME", service)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
        // Only the export at exit: see ExitExportFaultTest for why a periodic one in flight at
        // exit would make the counts flaky.
        .env("OTEL_METRIC_EXPORT_INTERVAL", "60000");
  }

  /**
   * The latest call count per function starting with {@code prefix}, once {@code count} arrived.
   */
  private static Map<String, Long> awaitSeries(String service, String prefix, int count)
      throws Exception {
    long deadline = System.nanoTime() + ARRIVAL.toNanos();
    Map<String, Long> latest;
    do {
      latest =
          pointsOf(service, null).stream()
              .filter(p -> p.attributes().getOrDefault("code.function.name", "").startsWith(prefix))
              .filter(p -> !p.attributes().containsKey("error.type"))
              .collect(
                  Collectors.toMap(
                      p -> p.attributes().get("code.function.name"),
                      ExportedPoint::longValue,
                      Math::max));
      if (latest.size() >= count) {
        Thread.sleep(1500); // one more export: a cumulative point never shrinks
        return pointsOf(service, null).stream()
            .filter(p -> p.attributes().getOrDefault("code.function.name", "").startsWith(prefix))
            .filter(p -> !p.attributes().containsKey("error.type"))
            .collect(
                Collectors.toMap(
                    p -> p.attributes().get("code.function.name"),
                    ExportedPoint::longValue,
                    Math::max));
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    return latest;
  }

  /**
   * Every point of {@code perf.method.calls} from {@code service} (for {@code function} when
   * given).
   */
  private static List<ExportedPoint> pointsOf(String service, String function) throws Exception {
    return collector.metrics().stream()
        .filter(
            m ->
                m.name().equals("perf.method.calls")
                    && service.equals(m.resource().get("service.name")))
        .flatMap(m -> m.points().stream())
        .filter(p -> function == null || function.equals(p.attributes().get("code.function.name")))
        .collect(Collectors.toList());
  }
}
