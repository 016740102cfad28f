package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import io.perfagent.it.collector.ExportedPoint;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile shapes of measured code, each run in its own JVM with the agent and checked at a real
 * Collector: deep recursion, a stack overflow through a measured method, overloads of different
 * kinds, and a method too large to weave.
 */
class InstrumentationFaultsTest {

  private static final String CALLS = "perf.method.calls";
  private static final String DURATION = "perf.method.duration";

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  /**
   * The method, which does nothing but recurse, measured: it calls a copy of itself for its
   * recursion (RecursionCopy), so only the outermost frame holds the start time; a nested frame
   * holds one more word, the copy's marker parameter, and nothing live across its report call.
   * Interpreted that is 0.92 of the unmeasured depth (0.75 with every frame measured), within the
   * issue's 10 %; C2's frames are the same size as the unmeasured ones (32 bytes: 1.0). C1 alone
   * reaches 0.5 (was 0.42): C1 inlines the unmeasured method (17 bytes) into itself, two levels per
   * frame, and not the copy (38 bytes, past C1's 35; without the 9 bytes that count a report lost
   * at the stack's end it inlined at 32 bytes and reached 0.71, but lost counts, which the next
   * test forbids). The mixed-mode ratio depends on which tier's code runs during the search (every
   * overflow through the copy's handler deoptimizes it once), so it is printed, not asserted.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void measuredRecursion_reachesMostOfTheUnmeasuredDepth(String jdk) throws Exception {
    double interpreted =
        depth(jdk, true, "-Xint", "cold") / (double) depth(jdk, false, "-Xint", "cold");
    double c1 =
        depth(jdk, true, "-XX:TieredStopAtLevel=1", "warm")
            / (double) depth(jdk, false, "-XX:TieredStopAtLevel=1", "warm");
    double c2 = depth(jdk, true, "-Xmixed", "warm") / (double) depth(jdk, false, "-Xmixed", "warm");
    System.out.printf(
        "recursion depth measured/unmeasured on %s: interpreted %.3f, C1 %.3f, C2 %.3f%n",
        AppJvm.label(jdk), interpreted, c1, c2);
    assertThat(interpreted).as("interpreted").isGreaterThanOrEqualTo(0.9);
    assertThat(c1).as("compiled by C1").isGreaterThanOrEqualTo(0.45);
  }

  private static int depth(String jdk, boolean measured, String mode, String warmth)
      throws Exception {
    AppJvm app = new AppJvm(jdk).jvmArg(mode);
    if (measured) {
      app.withAgent("otel.metrics.exporter=none");
    }
    AppJvm.Result r = app.main("faults.Recursion", warmth).run(Duration.ofSeconds(120));
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stderr).as("the measured run must be measured").doesNotContain("unmeasured");
    return Integer.parseInt(result(r.stdout, "depth"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void stackOverflowThroughAMeasuredMethod_everyCallIsCountedOrReportedLost(String jdk)
      throws Exception {
    String service = "overflow-" + AppJvm.label(jdk);
    AppJvm.Result r =
        exporting(new AppJvm(jdk).withAgent(null), service)
            .main("faults.Overflow", "3")
            .run(Duration.ofSeconds(120));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(result(r.stdout, "overflows")).isEqualTo("3");
    long made = Long.parseLong(result(r.stdout, "calls"));
    assertThat(r.stderr)
        .as("no class may load on the overflowing thread")
        .doesNotContain("ASSERTION FAILED")
        .doesNotContain("Exception in thread")
        .doesNotContain("failures inside measurement")
        .doesNotContain("unmeasured");
    Matcher lostLine =
        Pattern.compile("WARN ([0-9]+) measured calls were not recorded").matcher(r.stderr);
    long lost = lostLine.find() ? Long.parseLong(lostLine.group(1)) : 0;
    long counted =
        awaitCalls(r, service, "faults.Overflow.dive", "java.lang.StackOverflowError", made - lost);
    assertThat(counted + lost).as("counted %d + reported lost %d", counted, lost).isEqualTo(made);
    assertThat(lost)
        .as("lost: only the frames nearest the end of each overflowing stack")
        .isLessThan(3 * 100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void overloadsOfOneNameWithDifferentKinds_everyCallIsCountedAndTimed(String jdk)
      throws Exception {
    String service = "overloads-" + AppJvm.label(jdk);
    AppJvm.Result r =
        exporting(new AppJvm(jdk).withAgent(null), service)
            .main("faults.Overloads")
            .run(Duration.ofSeconds(120));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).contains("RESULT sum=");
    assertThat(r.stderr).doesNotContain("unmeasured");
    assertThat(awaitCalls(r, service, "faults.Overloads.price", null, 2000)).isEqualTo(2000);
    assertThat(awaitCalls(r, service, "faults.Overloads$CountedFirst.ship", null, 2000))
        .isEqualTo(2000);
    assertThat(point(service, DURATION, "faults.Overloads.price", null).map(ExportedPoint::count))
        .as("timed wins: every overload has a duration")
        .contains(2000L);
    assertThat(
            point(service, DURATION, "faults.Overloads$CountedFirst.ship", null)
                .map(ExportedPoint::count))
        .contains(2000L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jdks")
  void aMethodTooLargeToMeasure_isLeftOutAlone_withOneLinePerClass(String jdk, @TempDir Path dir)
      throws Exception {
    Path classes = compileTooLargeClasses(dir);
    String service = "too-large-" + AppJvm.label(jdk);
    AppJvm.Result r =
        exporting(new AppJvm(jdk).withAgent(null), service)
            .jvmArg("-cp")
            .jvmArg(classes + File.pathSeparator + bootstrapJar())
            .main("big.Main")
            .runJar(Duration.ofSeconds(120));

    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.stdout).contains("RESULT big.A=", "RESULT big.B=");
    assertThat(r.stderr).doesNotContain("unmeasured");
    for (String type : List.of("big.A", "big.B")) {
      assertThat(awaitCalls(r, service, type + ".small", null, 5)).as(type + ".small").isEqualTo(5);
      assertThat(point(service, CALLS, type + ".huge", null)).as(type + ".huge").isEmpty();
      List<String> lines =
          Arrays.stream(r.stderr.split("\n"))
              .filter(l -> l.contains(type + ".huge"))
              .collect(Collectors.toList());
      assertThat(lines).as("lines naming %s.huge in%n%s", type, r.stderr).hasSize(1);
      assertThat(lines.get(0))
          .contains(
              "not measuring " + type + ".huge(I)I",
              "64 KB",
              "other methods of the class are measured");
    }
  }

  /**
   * Two classes, each with a method whose code is just under the JVM's 64 KB limit (8 187
   * statements of 8 bytes) and so over it once measured, and a small measured method.
   */
  private static Path compileTooLargeClasses(Path dir) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src/big"));
    Path out = Files.createDirectories(dir.resolve("classes"));
    String statements = "    x = x * 31 + 7;\n".repeat(8187);
    for (String name : List.of("A", "B")) {
      Files.writeString(
          src.resolve(name + ".java"),
          String.join(
              "\n",
              "package big;",
              "import io.perfagent.annotation.Measured;",
              "public final class " + name + " {",
              "  @Measured public static int huge(int n) {",
              "    int x = n;",
              statements + "    return x;",
              "  }",
              "  @Measured public static int small(int n) { return n + 1; }",
              "}"));
    }
    Files.writeString(
        src.resolve("Main.java"),
        String.join(
            "\n",
            "package big;",
            "public final class Main {",
            "  public static void main(String[] args) {",
            "    int a = 0, b = 0;",
            "    for (int i = 0; i < 5; i++) { a += A.huge(i) + A.small(i); b += B.huge(i) + B.small(i); }",
            "    System.out.println(\"RESULT big.A=\" + a);",
            "    System.out.println(\"RESULT big.B=\" + b);",
            "  }",
            "}"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            out.toString(),
            "-cp",
            bootstrapJar().toString(),
            src.resolve("A.java").toString(),
            src.resolve("B.java").toString(),
            src.resolve("Main.java").toString());
    assertThat(rc).as("javac").isZero();
    return out;
  }

  static Path bootstrapJar() throws IOException {
    try (Stream<Path> jars =
        Files.list(Paths.get(System.getProperty("app.libs", "target/app-libs")))) {
      return jars.filter(j -> j.getFileName().toString().startsWith("perf-agent-bootstrap-"))
          .findFirst()
          .orElseThrow()
          .toAbsolutePath();
    }
  }

  private static AppJvm exporting(AppJvm app, String service) {
    return app.env("OTEL_SERVICE_NAME", service)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
        .env("OTEL_METRIC_EXPORT_INTERVAL", "60000");
  }

  static String result(String stdout, String key) {
    Matcher m =
        Pattern.compile("^RESULT " + Pattern.quote(key) + "=(.*)$", Pattern.MULTILINE)
            .matcher(stdout);
    if (!m.find()) {
      throw new AssertionError("no RESULT " + key + " in:\n" + stdout);
    }
    return m.group(1).trim();
  }

  /**
   * The calls the Collector has for that method once it reaches {@code expected}, or after 30 s.
   */
  private static long awaitCalls(
      AppJvm.Result run, String service, String function, String errorType, long expected)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Optional<ExportedPoint> p = point(service, CALLS, function, errorType);
    while (System.nanoTime() < deadline && (p.isEmpty() || p.get().longValue() < expected)) {
      Thread.sleep(100);
      p = point(service, CALLS, function, errorType);
    }
    return p.orElseThrow(
            () ->
                new AssertionError(
                    "no "
                        + CALLS
                        + " of "
                        + function
                        + " from "
                        + service
                        + "; the run:\n"
                        + run
                        + "\ncollector:\n"
                        + collector.log()))
        .longValue();
  }

  private static Optional<ExportedPoint> point(
      String service, String metric, String function, String errorType) throws IOException {
    Map<String, String> attributes =
        errorType == null
            ? Map.of("code.function.name", function)
            : Map.of("code.function.name", function, "error.type", errorType);
    return collector.latestPoint(service, metric, attributes);
  }

  static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
