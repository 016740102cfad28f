package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JVM started without the agent gets it with {@code attach} and loses it with {@code detach},
 * through the CLI and the Attach API, against the real Collector: counts arrive exactly from the
 * moment of attach, stop at detach, start afresh at the next attach, and the application's output
 * never changes.
 */
class AttachDetachTest {

  private static final String A = "control.Work.a";
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Cycles after which every lazily loaded class of the agent's code paths has been loaded. */
  private static final int WARM_UP = 5;

  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void attach_countsFromThatMoment_detachStops_andAttachingAgainStartsAfresh(String jdk)
      throws Exception {
    String service = "attach-" + AppJvm.label(jdk);
    Path state = Files.createTempDirectory("perf-it-attach");
    try (AppJvm.Running app = controlApp(jdk, service, state).start()) {
      app.awaitOutput("READY", WAIT);
      app.send("a 5");
      app.awaitOutput("a 5 -> 25", WAIT);

      AppJvm.Result attached =
          Cli.run(
              jdk, "attach", Long.toString(app.pid()), "perf.instrument.methods=control.Work#a");
      assertThat(attached.exitCode).as(attached.toString()).isZero();
      assertThat(attached.stdout)
          .contains("ready in", "methods measured", "endpoint: http://127.0.0.1:");
      AppJvm.Result list = Cli.run(jdk, "list", "--state-dir", state.toString());
      assertThat(list.stdout).as(list.toString()).contains(Long.toString(app.pid()));

      app.send("a 7");
      app.awaitOutput("a 7 -> 49", WAIT);
      assertThat(collector.awaitCalls(service, A, null, 7, WAIT))
          .as("only calls after attach")
          .isEqualTo(7);

      AppJvm.Result detached = Cli.run(jdk, "detach", Long.toString(app.pid()));
      assertThat(detached.exitCode).as(detached.toString()).isZero();
      assertThat(detached.stdout).contains("detached", "classes restored");
      app.send("a 3");
      app.awaitOutput("a 3 -> 9", WAIT);
      Thread.sleep(3_000); // three export intervals: nothing may arrive any more
      assertThat(collector.awaitCalls(service, A, null, 7, Duration.ofSeconds(1))).isEqualTo(7);
      assertThat(Cli.run(jdk, "list", "--state-dir", state.toString()).stdout)
          .doesNotContain(Long.toString(app.pid()));

      AppJvm.Result again =
          Cli.run(
              jdk, "attach", Long.toString(app.pid()), "perf.instrument.methods=control.Work#a");
      assertThat(again.exitCode).as(again.toString()).isZero();
      app.send("a 4");
      app.awaitOutput("a 4 -> 16", WAIT);
      assertThat(collector.awaitCalls(service, A, null, 4, WAIT))
          .as("a fresh start counts from zero, never on top of the first")
          .isEqualTo(4);

      app.closeInput();
      AppJvm.Result end = app.awaitExit(WAIT);
      assertThat(end.exitCode).as(end.toString()).isZero();
      assertThat(end.stdout.lines())
          .containsExactly("READY", "a 5 -> 25", "a 7 -> 49", "a 3 -> 9", "a 4 -> 16", "BYE");
      assertThat(end.stderr).doesNotContain("Exception").doesNotContain("ERROR");
    } finally {
      Cli.deleteTree(state);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void twentyAttachDetachCycles_leaveNoClassesOrThreadsBehind_andNeverDoubleCount(String jdk)
      throws Exception {
    String service = "cycles-" + AppJvm.label(jdk);
    statsCalls = 0; // a new application per JDK: its STATS lines count from the first again
    Path state = Files.createTempDirectory("perf-it-cycles");
    Path loads = state.resolve("class-load.log");
    try (AppJvm.Running app =
        controlApp(jdk, service, state).jvmArg("-Xlog:class+load=info:file=" + loads).start()) {
      app.awaitOutput("READY", WAIT);
      int[] before = null;
      long loadsBefore = 0;
      for (int cycle = 1; cycle <= 20; cycle++) {
        AppJvm.Result attached =
            Cli.run(
                jdk, "attach", Long.toString(app.pid()), "perf.instrument.methods=control.Work#a");
        assertThat(attached.exitCode).as("cycle %d: %s", cycle, attached).isZero();
        app.send("a " + (100 + cycle));
        app.awaitOutput("a " + (100 + cycle) + " -> ", WAIT);
        assertThat(collector.awaitCalls(service, A, null, 100 + cycle, WAIT))
            .as("cycle %d counts its own calls only", cycle)
            .isEqualTo(100 + cycle);
        AppJvm.Result detached = Cli.run(jdk, "detach", Long.toString(app.pid()));
        assertThat(detached.exitCode).as("cycle %d: %s", cycle, detached).isZero();
        if (cycle == WARM_UP) {
          before = stats(app, 1);
          loadsBefore = Files.readAllLines(loads).size();
        }
      }
      int[] after = settledStats(app, before);
      // What cycles 6 to 20 loaded, from the JVM's own log, without what the JVM itself makes:
      // the scratch version of each retransformed class ("__VM_RedefineClasses__": control.Work,
      // ThreadPoolExecutor, ForkJoinPool at attach and detach), JDK 17's generated reflection
      // accessors (unloadable, per Method object) and, from JDK 18 on, where reflection runs on
      // method handles, the LambdaForms the JDK spins and caches for them. A JDK class used for
      // the first time (a GC notification's GcInfo, say) is fine; a class loaded a second time
      // (the same name, a hidden class's address aside) is a copy piling up: a leak. The JDK's own
      // lambda classes are left out too: two lambdas of one JDK class (ManagementFactoryHelper's,
      // first used on JDK 25 in a later cycle) are two classes of the same name.
      List<String> loaded =
          Files.readAllLines(loads).stream()
              .filter(l -> l.contains(" source: "))
              .filter(l -> !l.contains("__VM_RedefineClasses__"))
              .filter(l -> !l.contains("jdk.internal.reflect.Generated"))
              .filter(l -> !l.contains("java.lang.invoke.LambdaForm$"))
              .filter(l -> !isJdkLambda(l))
              .map(AttachDetachTest::className)
              .toList();
      int warm =
          (int)
              Files.readAllLines(loads).stream()
                  .limit(loadsBefore)
                  .filter(l -> l.contains(" source: "))
                  .filter(l -> !l.contains("__VM_RedefineClasses__"))
                  .filter(l -> !l.contains("jdk.internal.reflect.Generated"))
                  .filter(l -> !l.contains("java.lang.invoke.LambdaForm$"))
                  .filter(l -> !isJdkLambda(l))
                  .count();
      java.util.Set<String> seen = new java.util.HashSet<>(loaded.subList(0, warm));
      List<String> again = new java.util.ArrayList<>();
      for (String name : loaded.subList(warm, loaded.size())) {
        if (!seen.add(name)) {
          again.add(name);
        }
      }
      assertThat(again)
          .as("classes loaded a second time by cycles %d to 20", WARM_UP + 1)
          .isEmpty();
      assertThat(after[1])
          .as("threads after the last detach vs after cycle %d", WARM_UP)
          .isLessThanOrEqualTo(before[1]);
      app.closeInput();
      assertThat(app.awaitExit(WAIT).exitCode).isZero();
    } finally {
      Cli.deleteTree(state);
    }
  }

  /**
   * {@code [1.2s][info][class,load] pkg.Name$$Lambda/0x1234 source: …} → {@code pkg.Name$$Lambda}.
   */
  private static String className(String logLine) {
    String afterTag = logLine.substring(logLine.indexOf("] ", logLine.indexOf("class,load")) + 2);
    String name = afterTag.substring(0, afterTag.indexOf(' '));
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(0, slash);
  }

  private static AppJvm controlApp(String jdk, String service, Path state) {
    return new AppJvm(jdk)
        .main("control.ControlApp")
        .env("OTEL_SERVICE_NAME", service)
        .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
        .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
        .env("PERF_STATE_DIR", state.toString())
        .env("PERF_ENDPOINT_PORT", "0");
  }

  private static int statsCalls;

  /** Asks the app for its class and thread counts. */
  private static int[] stats(AppJvm.Running app, int expectedLines) throws Exception {
    statsCalls++;
    app.send("stats");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<String> lines = app.stdout().lines().filter(l -> l.startsWith("STATS ")).toList();
      if (lines.size() >= statsCalls) {
        Matcher m =
            Pattern.compile("STATS classes=(\\d+) threads=(\\d+)")
                .matcher(lines.get(statsCalls - 1));
        assertThat(m.matches()).isTrue();
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
      }
      assertThat(System.nanoTime()).as("the app answers stats").isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /**
   * The counts once threads that wind down on their own (an HTTP client's idle pool) are gone:
   * polled for up to 90 s until the thread count is back to the first cycle's.
   */
  private static int[] settledStats(AppJvm.Running app, int[] before) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    int[] now = stats(app, 1);
    while (now[1] > before[1] && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      now = stats(app, 1);
    }
    return now;
  }

  /** A lambda class the JDK spins for one of its own call sites (hidden, named after its host). */
  private static boolean isJdkLambda(String logLine) {
    return logLine.contains("$$Lambda")
        && (logLine.contains("] java.")
            || logLine.contains("] sun.")
            || logLine.contains("] jdk."));
  }
}
