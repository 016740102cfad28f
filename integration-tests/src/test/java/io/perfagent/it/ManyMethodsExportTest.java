package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.ExportedMetric;
import io.perfagent.it.collector.ExportedPoint;
import io.perfagent.it.collector.RealCollector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application with as many measured methods as the default cap (10 000): one export of them all
 * is larger than the Collector's default 4 MiB gRPC receive limit, so the agent must split it.
 * Every series must arrive, with exact counts, over gRPC and over http/protobuf.
 */
class ManyMethodsExportTest {

  private static final int CLASSES = 100;
  private static final int METHODS_PER_CLASS = 100;
  private static final int METHODS =
      CLASSES * METHODS_PER_CLASS; // the default perf.instrument.max-methods
  private static final int CALLS = 3;

  private static RealCollector collector;
  private static Path generated;

  @BeforeAll
  static void generateAppAndStartCollector() throws Exception {
    generated = Files.createTempDirectory("many-methods");
    compile(generated);
    collector = RealCollector.start();
  }

  @AfterAll
  static void stopCollectorAndDeleteTheApp() throws Exception {
    if (collector != null) {
      collector.close();
    }
    if (generated != null) {
      try (Stream<Path> files = Files.walk(generated)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"grpc", "http/protobuf"})
  void tenThousandMethods_everySeriesArrivesWithExactCounts(String protocol) throws Exception {
    boolean grpc = protocol.equals("grpc");
    String service = "many-methods-" + (grpc ? "grpc" : "http");
    AppJvm.Result r =
        new AppJvm(AppJvm.jdks().get(0))
            // The final export at exit carries all 20 000 points: about 1.5 s on an idle 2-core
            // machine, several times that on a loaded CI one. This test is about completeness;
            // ExportExitTest is about the time the exit may take.
            .withAgent("perf.export.shutdown-timeout=60s")
            .classPathEntry(generated.resolve("classes"))
            .env("OTEL_SERVICE_NAME", service)
            .env(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                grpc ? collector.grpcEndpoint() : collector.httpEndpoint())
            .env("OTEL_EXPORTER_OTLP_PROTOCOL", protocol)
            .main("gen.Main", Integer.toString(CLASSES), Integer.toString(CALLS))
            .run(Duration.ofSeconds(180));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).isEqualTo("RESULT sum=" + expectedSum() + "\nDONE\n");
    assertThat(r.stderr).as(r.stderr).doesNotContain("export to").doesNotContain("Exception");

    Map<String, ExportedPoint> calls = awaitAllSeries(service, "perf.method.calls");
    Map<String, ExportedPoint> durations = awaitAllSeries(service, "perf.method.duration");
    assertThat(calls).hasSize(METHODS).containsKeys("gen.G000.m00", "gen.G099.m99");
    assertThat(durations).hasSize(METHODS);
    assertThat(calls.values().stream().filter(p -> p.longValue() != CALLS)).isEmpty();
    assertThat(durations.values().stream().filter(p -> p.count() != CALLS)).isEmpty();
    List<ExportedMetric> mine = ofService(service);
    assertThat(mine)
        .extracting(ExportedMetric::name)
        .contains("process.memory.usage", "jvm.memory.used");
  }

  /** The latest point of every method's error-free series of {@code metric}, by function name. */
  private static Map<String, ExportedPoint> awaitAllSeries(String service, String metric)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, ExportedPoint> latest = Map.of();
    while (System.nanoTime() < deadline) {
      latest =
          ofService(service).stream()
              .filter(m -> m.name().equals(metric))
              .flatMap(m -> m.points().stream())
              .filter(
                  p ->
                      p.attributes().size() == 1
                          && p.attributes().containsKey("code.function.name"))
              .collect(
                  Collectors.toMap(
                      p -> p.attributes().get("code.function.name"),
                      p -> p,
                      (a, b) -> a.timeUnixNano() >= b.timeUnixNano() ? a : b));
      if (latest.size() == METHODS) {
        return latest;
      }
      Thread.sleep(200);
    }
    return latest; // the caller's assertions say what is missing
  }

  private static List<ExportedMetric> ofService(String service) throws IOException {
    return collector.metrics().stream()
        .filter(m -> service.equals(m.resource().get("service.name")))
        .collect(Collectors.toList());
  }

  private static long expectedSum() {
    // run(t) adds m_k(t) = t + k for every method k of a class, for t in [0, CALLS)
    long perClass = 0;
    for (int t = 0; t < CALLS; t++) {
      for (int k = 0; k < METHODS_PER_CLASS; k++) {
        perClass += t + k;
      }
    }
    return perClass * CLASSES;
  }

  /**
   * Writes and compiles {@code gen.G000..G099} (100 measured methods each) and {@code gen.Main}.
   */
  private static void compile(Path dir) throws IOException {
    Path src = dir.resolve("src/gen");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src);
    Files.createDirectories(classes);
    List<String> files = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      String name = String.format(Locale.ROOT, "G%03d", c);
      StringBuilder b =
          new StringBuilder("package gen;\n\npublic final class ").append(name).append(" {\n");
      StringBuilder run =
          new StringBuilder("  public static long run(int times) {\n    long s = 0;\n");
      run.append("    for (int t = 0; t < times; t++) {\n");
      for (int m = 0; m < METHODS_PER_CLASS; m++) {
        String method = String.format(Locale.ROOT, "m%02d", m);
        b.append("  @io.perfagent.annotation.Measured\n  public static int ")
            .append(method)
            .append("(int x) {\n    return x + ")
            .append(m)
            .append(";\n  }\n\n");
        run.append("      s += ").append(method).append("(t);\n");
      }
      run.append("    }\n    return s;\n  }\n");
      b.append(run).append("}\n");
      files.add(write(src.resolve(name + ".java"), b.toString()));
    }
    files.add(
        write(
            src.resolve("Main.java"),
            String.join(
                "\n",
                "package gen;",
                "",
                "public final class Main {",
                "  public static void main(String[] args) throws Exception {",
                "    int classes = Integer.parseInt(args[0]);",
                "    int times = Integer.parseInt(args[1]);",
                "    long sum = 0;",
                "    for (int i = 0; i < classes; i++) {",
                "      Class<?> c = Class.forName(String.format(\"gen.G%03d\", i));",
                "      sum += (Long) c.getMethod(\"run\", int.class).invoke(null, times);",
                "    }",
                "    System.out.println(\"RESULT sum=\" + sum);",
                "    System.out.println(\"DONE\");",
                "  }",
                "}",
                "")));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args =
        new ArrayList<>(List.of("-d", classes.toString(), "-cp", bootstrapJar(), "-proc:none"));
    args.addAll(files);
    int rc = javac.run(null, null, null, args.toArray(new String[0]));
    if (rc != 0) {
      throw new IllegalStateException("javac failed with " + rc);
    }
  }

  private static String bootstrapJar() throws IOException {
    Path libs = Paths.get(System.getProperty("app.libs", "target/app-libs"));
    try (Stream<Path> jars = Files.list(libs)) {
      return jars.filter(j -> j.getFileName().toString().startsWith("perf-agent-bootstrap"))
          .map(j -> j.toAbsolutePath().toString())
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no bootstrap jar in " + libs));
    }
  }

  private static String write(Path file, String text) throws IOException {
    Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    return file.toString();
  }
}
