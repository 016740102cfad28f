package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever goes wrong on the agent's side, the application runs on and exits as it would. */
class FaultToleranceTest {

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void badAgentConfig_appRunsAndEachProblemIsOneClearLine(String jdk) throws Exception {
    AppJvm.Result r =
        new AppJvm(jdk)
            .withAgent(
                "perf.instrument.max-methods=lots,perf.bogus=1,otel.exporter.otlp.protocol=carrier-pigeon,otel.metrics.exporter=none")
            .env("PERF_INSTRUMENT_WITHSPAN", "maybe")
            .run(Duration.ofSeconds(90));
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).contains("RESULT place.1=1001", "DONE");
    assertThat(r.stderr)
        .contains(
            "bad value for perf.instrument.max-methods (agent argument): 'lots': expected a whole number")
        .contains("unknown key 'perf.bogus'")
        .contains("bad value for otel.exporter.otlp.protocol")
        .contains(
            "bad value for perf.instrument.withspan (environment variable PERF_INSTRUMENT_WITHSPAN): 'maybe': expected true or false");
    assertThat(r.stderr).doesNotContain("Exception in thread");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void disabledAgent_isANoOp(String jdk) throws Exception {
    AppJvm.Result r = new AppJvm(jdk).withAgent("perf.enabled=false").run(Duration.ofSeconds(60));
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout)
        .contains(
            "RESULT place.5=threw java.lang.IllegalArgumentException: order 5 rejected", "DONE");
    assertThat(r.stderr).contains("disabled by perf.enabled=false").doesNotContain("ready in");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void collectorDown_appRunsAndExportFailuresAreThrottled(String jdk) throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort(); // free, and nobody listens once closed
    }
    AppJvm.Result r =
        new AppJvm(jdk)
            .withAgent(null)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort)
            .env("OTEL_METRIC_EXPORT_INTERVAL", "100")
            .env("OTEL_EXPORTER_OTLP_TIMEOUT", "200")
            .main("shop.OrderApp", "300") // ~1.5 s of work: about 15 export attempts
            .run(Duration.ofSeconds(120));
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).contains("DONE");
    long failureLines =
        Arrays.stream(r.stderr.split("\n")).filter(l -> l.contains("metrics export to")).count();
    long finalLines =
        Arrays.stream(r.stderr.split("\n")).filter(l -> l.contains("the final export to")).count();
    // At most one line for the periodic attempts (none when start-up on a loaded machine outlasts
    // the work), and one for the final export at exit.
    assertThat(failureLines).as("export failure lines in:%n%s", r.stderr).isLessThanOrEqualTo(1);
    assertThat(finalLines).as("final export lines in:%n%s", r.stderr).isEqualTo(1);
    assertThat(r.stderr).as("no stack traces").doesNotContain("\tat ").doesNotContain("SEVERE");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void appWithoutAgent_printsTheSameResults(String jdk) throws Exception {
    AppJvm.Result plain = new AppJvm(jdk).run(Duration.ofSeconds(60));
    AppJvm.Result measured =
        new AppJvm(jdk)
            .withAgent("otel.metrics.exporter=none,perf.instrument.methods=shop.Shipping#ship")
            .run(Duration.ofSeconds(60));
    assertThat(measured.exitCode).isEqualTo(plain.exitCode).isZero();
    assertThat(measured.stdout).isEqualTo(plain.stdout);
  }
}
