package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.it.collector.CollectorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code perf.config.file} changed while the application runs, against the real Collector: a reload
 * through the CLI adds a method (its counts appear) and removes one (its counts stop, no error); a
 * broken file keeps the configuration in force with one line per problem; the file watch applies a
 * good file with no command at all.
 */
class ReloadTest {

  private static final String A = "control.Work.a";
  private static final String B = "control.Work.b";
  private static final Duration WAIT = Duration.ofSeconds(60);
  @RegisterExtension static final CollectorExtension collector = CollectorExtension.process();

  static Stream<String> jdks() {
    return AppJvm.jdks().stream();
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void reload_addsAndRemovesMethods_refusesABrokenFile_andTheWatchAppliesAGoodOne(String jdk)
      throws Exception {
    String service = "reload-" + AppJvm.label(jdk);
    Path state = Files.createTempDirectory("perf-it-reload");
    Path config = state.resolve("perf.properties");
    write(config, "perf.instrument.methods=control.Work#a\n");
    try (AppJvm.Running app =
        new AppJvm(jdk)
            .withAgent("perf.config.file=" + config)
            .main("control.ControlApp")
            .env("OTEL_SERVICE_NAME", service)
            .env("OTEL_EXPORTER_OTLP_ENDPOINT", collector.httpEndpoint())
            .env("OTEL_METRIC_EXPORT_INTERVAL", "1000")
            .env("PERF_STATE_DIR", state.resolve("state").toString())
            .env("PERF_ENDPOINT_PORT", "0")
            .start()) {
      app.awaitOutput("READY", WAIT);
      app.awaitLog(" ready in ", WAIT);
      app.send("a 2");
      app.send("b 2");
      app.awaitOutput("b 2 -> ", WAIT);
      assertThat(collector.awaitCalls(service, A, null, 2, WAIT)).isEqualTo(2);

      write(config, "perf.instrument.methods=control.Work#b\n");
      AppJvm.Result reloaded = Cli.run(jdk, "reload", "--pid", Long.toString(app.pid()));
      assertThat(reloaded.exitCode).as(reloaded.toString()).isZero();
      assertThat(reloaded.stdout).contains("reloaded " + config);
      app.send("a 3");
      app.send("b 5");
      app.awaitOutput("b 5 -> ", WAIT);
      assertThat(collector.awaitCalls(service, B, null, 5, WAIT))
          .as("added: counts appear")
          .isEqualTo(5);
      assertThat(collector.awaitCalls(service, A, null, 2, Duration.ofSeconds(2)))
          .as("removed: counts stop where they were")
          .isEqualTo(2);

      write(
          config,
          "perf.instrument.methods=control.Work#a,control.Work#\nperf.sample.interval=fast\n");
      AppJvm.Result refused = Cli.run(jdk, "reload", "--pid", Long.toString(app.pid()));
      assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
      assertThat(refused.stderr.lines().filter(l -> l.contains("refused")))
          .as(refused.stderr)
          .hasSize(2)
          .anySatisfy(l -> assertThat(l).contains("perf.instrument.methods", "'control.Work#'"))
          .anySatisfy(l -> assertThat(l).contains("perf.sample.interval", "'fast'"));
      app.send("b 1");
      app.awaitOutput("b 1 -> ", WAIT);
      assertThat(collector.awaitCalls(service, B, null, 6, WAIT))
          .as("the old selection stays")
          .isEqualTo(6);

      long watched = watchReloads(app);
      write(config, "perf.instrument.methods=control.Work#a;control.Work#b\n");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (watchReloads(app) == watched) {
        assertThat(System.nanoTime())
            .as("the watch reloads the file:\n%s", app.stderr())
            .isLessThan(deadline);
        Thread.sleep(100);
      }
      app.send("a 1");
      app.send("b 4");
      app.awaitOutput("b 4 -> ", WAIT);
      assertThat(collector.awaitCalls(service, A, null, 3, WAIT))
          .as("re-added: counts go on")
          .isEqualTo(3);
      assertThat(collector.awaitCalls(service, B, null, 10, WAIT))
          .as("kept: counts go on")
          .isEqualTo(10);

      app.closeInput();
      AppJvm.Result end = app.awaitExit(WAIT);
      assertThat(end.exitCode).as(end.toString()).isZero();
      assertThat(end.stdout.lines())
          .containsExactly(
              "READY",
              "a 2 -> 4",
              "b 2 -> 7",
              "a 3 -> 9",
              "b 5 -> 40",
              "b 1 -> 2",
              "a 1 -> 1",
              "b 4 -> 26",
              "BYE");
      assertThat(end.stderr).doesNotContain("Exception");
    } finally {
      Cli.deleteTree(state);
    }
  }

  @ParameterizedTest
  @MethodSource("jdks")
  void reload_appliesTheAnalysisIntervalAndAlertRulesLive_andTheRulesFileIsWatched(String jdk)
      throws Exception {
    Path state = Files.createTempDirectory("perf-it-live");
    Path config = state.resolve("perf.properties");
    Path rules = state.resolve("rules.txt");
    Path history = state.resolve("state").resolve("perfwatch.jsonl");
    write(config, "perf.analysis.interval=1h\n");
    write(rules, "threshold jvm.thread.count warning=100000 for=0s\n");
    try (AppJvm.Running app =
        new AppJvm(jdk)
            .withAgent(
                "perf.config.file="
                    + config
                    + ",perf.rules.file="
                    + rules
                    + ",perf.alert.defaults=false,otel.metrics.exporter=none")
            .main("control.ControlApp")
            .env("PERF_STATE_DIR", state.resolve("state").toString())
            .env("PERF_ENDPOINT_PORT", "0")
            .start()) {
      app.awaitOutput("READY", WAIT);
      app.awaitLog(" ready in ", WAIT);
      String pid = Long.toString(app.pid());

      write(config, "perf.analysis.interval=1s\nperf.history.files=3\n");
      AppJvm.Result reloaded = Cli.run(jdk, "reload", "--pid", pid);
      assertThat(reloaded.exitCode).as(reloaded.toString()).isZero();
      assertThat(reloaded.stdout)
          .contains("changed perf.analysis.interval, perf.history.files")
          .doesNotContain("alert rules");
      assertThat(reloaded.stderr.lines().filter(l -> l.contains("not live")))
          .containsExactly(
              "WARN changed but not live, in effect from the next start: perf.history.files");
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!Files.exists(history) || Files.readAllLines(history).size() < 2) {
        assertThat(System.nanoTime())
            .as("cycles every second from the reload on:\n%s", app.stderr())
            .isLessThan(deadline);
        Thread.sleep(200);
      }

      write(rules, "threshold jvm.thread.count warning=1 for=0s\n");
      AppJvm.Result firing = Cli.run(jdk, "reload", "--pid", pid);
      assertThat(firing.exitCode).as(firing.toString()).isZero();
      assertThat(firing.stdout).contains("changed alert rules; 1 alert rules in force");
      app.awaitLog("alert firing: ", WAIT);

      write(rules, "threshold jvm.thread.count warning=lots for=0s\nnonsense\n");
      AppJvm.Result refused = Cli.run(jdk, "reload", "--pid", pid);
      assertThat(refused.exitCode).as(refused.toString()).isEqualTo(1);
      assertThat(refused.stderr.lines().filter(l -> l.contains("refused")))
          .as(refused.stderr)
          .hasSize(2)
          .allSatisfy(l -> assertThat(l).contains(rules.toString(), "in force stays"));

      long watched = watchReloads(app);
      write(rules, "threshold jvm.thread.count warning=100000 for=0s\n");
      app.awaitLog("alert resolved: ", WAIT);
      assertThat(watchReloads(app)).as("the watch reloaded the rules file").isGreaterThan(watched);
      assertThat(app.stderr()).contains("(" + rules + " changed)");

      app.closeInput();
      AppJvm.Result end = app.awaitExit(WAIT);
      assertThat(end.exitCode).as(end.toString()).isZero();
      assertThat(end.stderr).doesNotContain("Exception");
    } finally {
      Cli.deleteTree(state);
    }
  }

  /** How many reloads the file watch has applied so far. */
  private static long watchReloads(AppJvm.Running app) throws Exception {
    return app.stderr()
        .lines()
        .filter(l -> l.contains("reloaded ") && l.contains(" changed) in "))
        .count();
  }

  /** Writes atomically, as an editor or a config tool does, so the watch never reads half. */
  private static void write(Path file, String text) throws Exception {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
