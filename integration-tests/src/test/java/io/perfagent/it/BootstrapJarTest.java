package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the agent puts its bootstrap classes: a content-named jar in {@code java.io.tmpdir}, reused
 * by every run, or no file at all when the temporary directory cannot be written.
 */
class BootstrapJarTest {

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  /** {@code /proc} exists and cannot be written, not even by root (the tests may run as root). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void readOnlyTempDir_theAgentStillMeasuresEveryCall(String jdk) throws Exception {
    String service = "read-only-tmp-" + AppJvm.label(jdk);
    AppJvm.Result r =
        new AppJvm(jdk)
            .withAgent(null)
            .jvmArg("-Djava.io.tmpdir=/proc")
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .main("shop.OrderApp", "20")
            .run(Duration.ofSeconds(120));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout)
        .contains("RESULT place.1=1001", "RESULT plugin=40 via ChildFirstLoader", "DONE");
    assertThat(r.stderr)
        .doesNotContain("could not start")
        .doesNotContain("ERROR")
        .doesNotContain("Exception");
    assertThat(calls(service, Map.of("code.function.name", "shop.OrderService.place"), 16))
        .isEqualTo(16);
    assertThat(
            calls(
                service,
                Map.of(
                    "code.function.name",
                    "shop.OrderService.place",
                    "error.type",
                    "java.lang.IllegalArgumentException"),
                4))
        .isEqualTo(4);
    assertThat(calls(service, Map.of("code.function.name", "shop.plugin.Plugin.getAsInt"), 4))
        .as("child-first loader")
        .isEqualTo(4);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void bootstrapJar_isOneFileReusedByEveryRun_evenAfterAKill(String jdk, @TempDir Path tmp)
      throws Exception {
    for (int run = 0; run < 2; run++) {
      AppJvm.Result r =
          new AppJvm(jdk)
              .withAgent("otel.metrics.exporter=none")
              .jvmArg("-Djava.io.tmpdir=" + tmp)
              .run(Duration.ofSeconds(120));
      assertThat(r.exitCode).as(r.toString()).isZero();
      assertThat(r.stdout).contains("RESULT place.1=1001", "DONE");
    }
    for (int kill = 0; kill < 2; kill++) {
      runAndKill(jdk, tmp);
    }

    List<String> jars;
    try (Stream<Path> files = Files.list(tmp)) {
      jars =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.contains("bootstrap"))
              .collect(Collectors.toList());
    }
    assertThat(jars).as("bootstrap jars in %s", tmp).hasSize(1);
    assertThat(jars.get(0)).matches("perf-agent-[A-Za-z0-9._-]+-bootstrap-[0-9a-f]+-[0-9]+\\.jar");
  }

  /**
   * Starts the application and kills it with SIGKILL (no shutdown hook, no deleteOnExit) once it
   * works.
   */
  private static void runAndKill(String jdk, Path tmp) throws Exception {
    Path out = Files.createTempFile("killed-out", ".txt");
    Path err = Files.createTempFile("killed-err", ".txt");
    Process killed =
        new AppJvm(jdk)
            .withAgent("otel.metrics.exporter=none")
            .jvmArg("-Djava.io.tmpdir=" + tmp)
            .main("shop.OrderApp", "100000")
            .start(out, err);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("RESULT place.") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(Files.readString(out)).as(Files.readString(err)).contains("RESULT place.");
    } finally {
      killed.destroyForcibly().waitFor();
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static long calls(String service, Map<String, String> attributes, long expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<ExportedPoint> p = collector.latestPoint(service, "perf.method.calls", attributes);
    while (System.nanoTime() < deadline && (p.isEmpty() || p.get().longValue() < expected)) {
      Thread.sleep(100);
      p = collector.latestPoint(service, "perf.method.calls", attributes);
    }
    return p.orElseThrow(() -> new AssertionError("no calls " + attributes + " from " + service))
        .longValue();
  }
}
