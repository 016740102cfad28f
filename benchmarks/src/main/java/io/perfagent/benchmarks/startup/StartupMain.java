package io.perfagent.benchmarks.startup;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.Paths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The startup and memory harness: starts the generated application (see {@link AppGenerator}) under
 * each variant, interleaved round by round (the order rotates each round), and reports per variant
 * the paired differences to the no-agent run of the same round: start-up time, RSS at ready and
 * after load, and threads. Writes {@code startup.md} and {@code startup.csv} to {@code --out}.
 *
 * <p>Options: {@code --mode full|quick|smoke} (defaults below), {@code --rounds}, {@code
 * --warmup-rounds} (discarded), {@code --classes}, {@code --measured}, {@code --calls}, {@code
 * --settle-ms} (wait after load before reading), {@code --variants none,perf-agent,...}, {@code
 * --java <launcher>}, {@code --out <dir>}.
 */
public final class StartupMain {

  private static final List<String> OPTIONS =
      List.of(
          "mode",
          "rounds",
          "warmup-rounds",
          "classes",
          "measured",
          "calls",
          "settle-ms",
          "variants",
          "java",
          "out");

  private StartupMain() {}

  public static int run(List<String> argv) throws IOException, InterruptedException {
    Args args = Args.parse(argv, OPTIONS);
    String mode = args.get("mode", "quick");
    boolean smoke = mode.equals("smoke");
    if (!List.of("full", "quick", "smoke").contains(mode)) {
      throw new IllegalArgumentException("--mode must be full, quick or smoke, got '" + mode + "'");
    }
    int rounds = args.positiveInt("rounds", mode.equals("full") ? 10 : smoke ? 1 : 3);
    int warmupRounds = args.nonNegativeInt("warmup-rounds", smoke ? 0 : 1);
    int classes = args.positiveInt("classes", smoke ? 300 : 3000);
    int measured = args.positiveInt("measured", smoke ? 100 : 1000);
    int calls = args.positiveInt("calls", smoke ? 10 : 1000);
    int settleMillis = args.nonNegativeInt("settle-ms", smoke ? 0 : 1500);
    String java = args.get("java", Paths.currentJava());
    Path out = Path.of(args.get("out", Paths.target().resolve("results").toString()));
    Path perfAgent = Paths.perfAgentJar();
    Path otelAgent = Paths.otelAgentJar();
    List<Variant> variants =
        Variant.select(
            args.get("variants", "none,perf-agent,otel-agent,perf-agent-otlp"),
            perfAgent,
            otelAgent);
    Path libDir = Paths.appLibDir();
    Path logs = out.resolve("startup-logs");
    Files.createDirectories(logs);

    Path appJar =
        AppGenerator.ensure(Paths.target().resolve("startup-app"), classes, measured, libDir);
    List<AppRun> runs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int round = -warmupRounds; round < rounds; round++) {
      for (int i = 0; i < variants.size(); i++) {
        // Rotate the order each round so that no variant always runs first (cold caches) or last.
        Variant v = variants.get(Math.floorMod(i + round, variants.size()));
        Path log = logs.resolve(v.name() + "-round" + round + ".stderr");
        try {
          AppRun r =
              AppRun.start(
                  java, v, round, appJar, libDir, classes, measured, calls, settleMillis, log);
          if (round >= 0) {
            runs.add(r);
          }
          System.out.printf(
              Locale.ROOT,
              "[startup %s %d/%d] %-16s ready %6.0f ms  RSS %6.1f MB  threads %3d | after load (%d ms) RSS %6.1f MB  threads %3d%n",
              round < 0 ? "warm-up" : "round",
              round + 1,
              rounds,
              v.name(),
              r.readyMillis(),
              r.atReady().rssMb(),
              r.atReady().threads(),
              Math.round(r.loadMillis()),
              r.afterLoad().rssMb(),
              r.afterLoad().threads());
        } catch (IOException | RuntimeException failure) {
          failures.add("round " + round + " " + v.name() + ": " + failure.getMessage());
          System.out.println("[startup] " + v.name() + " FAILED: " + failure.getMessage());
        }
      }
    }

    StartupReport report =
        new StartupReport(
            smoke,
            java,
            classes,
            measured,
            calls,
            settleMillis,
            rounds,
            variants,
            runs,
            failures,
            perfAgent,
            otelAgent);
    Files.writeString(out.resolve("startup.md"), report.markdown(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("startup.csv"), report.csv(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(report.markdown());
    return failures.isEmpty() && report.complete() ? 0 : 1;
  }
}
