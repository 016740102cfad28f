package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedPoint;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A web application deployed in a real embedded Jetty, whose web-application class loader looks in
 * the application first. Bundled in {@code WEB-INF/lib} (compile scope, the ordinary WAR) or not
 * (provided scope), the annotations jar must not cut the application off from the agent: its
 * measured method and its own counter arrive at the Collector exactly.
 */
class WebApplicationTest {

  private static final int REQUESTS = 10; // every fifth is rejected: 8 priced, 2 rejected

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (String jdk : AppJvm.jdks()) {
      runs.add(Arguments.of(jdk, true));
      runs.add(Arguments.of(jdk, false));
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0}, annotations jar in WEB-INF/lib: {1}")
  @MethodSource("runs")
  void webApplication_reachesTheAgent_withOrWithoutItsOwnCopyOfTheAnnotationsJar(
      String jdk, boolean bundled, @TempDir Path dir) throws Exception {
    Path webapp = explodedWebapp(dir.resolve("shop"), bundled);
    String service = "webapp-" + AppJvm.label(jdk) + (bundled ? "-bundled" : "-provided");
    AppJvm.Result r =
        new AppJvm(jdk)
            .withAgent(null)
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .jvmArg("-cp")
            .jvmArg(containerClassPath())
            .main("container.JettyMain", webapp.toString(), Integer.toString(REQUESTS))
            .runJar(Duration.ofSeconds(180));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout)
        .as(r.toString())
        .contains(
            "RESULT order.1=200 price=100 api-from=boot",
            "RESULT order.9=200 price=900 api-from=boot")
        .contains("RESULT order.5=200 rejected api-from=boot", "DONE");
    assertThat(
            awaitLong(
                service,
                "perf.method.calls",
                Map.of("code.function.name", "webapp.Pricing.price"),
                8))
        .isEqualTo(8);
    assertThat(
            awaitLong(
                service,
                "perf.method.calls",
                Map.of(
                    "code.function.name",
                    "webapp.Pricing.price",
                    "error.type",
                    "java.lang.IllegalArgumentException"),
                2))
        .isEqualTo(2);
    assertThat(awaitLong(service, "shop.web.orders", Map.of(), REQUESTS))
        .as("the application's own counter")
        .isEqualTo(REQUESTS);
  }

  /**
   * {@code WEB-INF/classes} with the servlet and its measured code; the annotations jar in {@code
   * WEB-INF/lib} if bundled.
   */
  private static Path explodedWebapp(Path root, boolean bundled) throws IOException {
    Path classes = Files.createDirectories(root.resolve("WEB-INF/classes/webapp"));
    Path compiled = Paths.get("target", "test-classes", "webapp");
    try (Stream<Path> files = Files.list(compiled)) {
      for (Path f : files.collect(Collectors.toList())) {
        Files.copy(f, classes.resolve(f.getFileName()));
      }
    }
    Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
    if (bundled) {
      Path jar = InstrumentationFaultsTest.bootstrapJar();
      Files.copy(jar, lib.resolve(jar.getFileName()));
    }
    return root;
  }

  /**
   * The container's class path: Jetty and the servlet API (from this test's own class path) and the
   * launcher, but not the annotations jar: only the agent or the application brings that.
   */
  private static String containerClassPath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(Paths.get("target", "test-classes").toAbsolutePath().toString());
    try (Stream<Path> jars =
        Files.list(Paths.get(System.getProperty("container.libs", "target/container-libs")))) {
      jars.filter(j -> j.toString().endsWith(".jar"))
          .sorted()
          .forEach(j -> entries.add(j.toAbsolutePath().toString()));
    }
    assertThat(entries).as("the container's jars").hasSizeGreaterThan(3);
    return String.join(File.pathSeparator, entries);
  }

  private static long awaitLong(
      String service, String metric, Map<String, String> attributes, long expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<ExportedPoint> p = collector.latestPoint(service, metric, attributes);
    while (System.nanoTime() < deadline && (p.isEmpty() || p.get().longValue() < expected)) {
      Thread.sleep(100);
      p = collector.latestPoint(service, metric, attributes);
    }
    return p.orElseThrow(
            () -> new AssertionError("no " + metric + " " + attributes + " from " + service))
        .longValue();
  }
}
