package io.perfagent.benchmarks.load;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.Paths;
import io.perfagent.benchmarks.startup.Variant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole-agent load benchmark: a small web application (JDK HttpServer; controller, service and
 * repository annotated {@code @WithSpan}, which both perf-agent and the OpenTelemetry agent
 * measure) driven by wrk under each variant, interleaved round by round with the order rotating.
 * Writes {@code load.md} and {@code load.csv} to {@code --out}.
 *
 * <p>Options: {@code --mode full|quick|smoke}, {@code --rounds}, {@code --warmup-s}, {@code
 * --seconds} (each measured phase), {@code --connections} (closed loop), {@code
 * --paced-connections} and {@code --pace-delay-ms} (the paced rate is about connections × 1000 /
 * delay requests per second), {@code --variants none,perf-agent,otel-agent}, {@code --java}, {@code
 * --out}.
 */
public final class LoadMain {

  private static final List<String> OPTIONS =
      List.of(
          "mode",
          "rounds",
          "warmup-s",
          "seconds",
          "connections",
          "paced-connections",
          "pace-delay-ms",
          "variants",
          "java",
          "out");

  private LoadMain() {}

  public static int run(List<String> argv) throws IOException, InterruptedException {
    Args args = Args.parse(argv, OPTIONS);
    String mode = args.get("mode", "quick");
    if (!List.of("full", "quick", "smoke").contains(mode)) {
      throw new IllegalArgumentException("--mode must be full, quick or smoke, got '" + mode + "'");
    }
    boolean full = mode.equals("full");
    boolean smoke = mode.equals("smoke");
    int rounds = args.positiveInt("rounds", full ? 5 : smoke ? 1 : 2);
    Path out = Path.of(args.get("out", Paths.target().resolve("results").toString()));
    if (!Wrk.available()) {
      System.err.println("load: wrk is not installed (apt-get install wrk); no load figures");
      return 1;
    }
    Path libDir = Paths.appLibDir();
    LoadRun.Plan plan =
        new LoadRun.Plan(
            args.get("java", Paths.currentJava()),
            LoadApp.ensure(Paths.target().resolve("load-app"), libDir),
            libDir,
            args.positiveInt("warmup-s", full ? 10 : smoke ? 1 : 5),
            args.positiveInt("seconds", full ? 20 : smoke ? 2 : 10),
            args.positiveInt("connections", 16),
            args.positiveInt("paced-connections", 8),
            args.positiveInt("pace-delay-ms", 2));
    List<Variant> variants =
        Variant.select(
            args.get("variants", "none,perf-agent,otel-agent"),
            Paths.perfAgentJar(),
            Paths.otelAgentJar());
    Files.createDirectories(out);

    List<LoadRun> runs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (int i = 0; i < variants.size(); i++) {
        Variant v = variants.get((i + round - 1) % variants.size());
        Path log = out.resolve("load-" + v.name() + "-" + round + ".log");
        try {
          LoadRun r = LoadRun.run(plan, v, round, log);
          runs.add(r);
          System.err.printf(
              java.util.Locale.ROOT,
              "load round %d %-16s closed loop %.0f req/s p99 %.2f ms; paced %.0f req/s p99 %.2f ms, %.1f µs CPU/request%n",
              round,
              v.name(),
              r.closedLoop().requestsPerSecond(),
              r.closedLoop().p99Millis(),
              r.paced().requestsPerSecond(),
              r.paced().p99Millis(),
              r.cpuMicrosPerRequest());
          if (!r.clean()) {
            failures.add(
                v.name() + " round " + round + ": responses other than 200 (see " + log + ")");
          }
        } catch (IOException | RuntimeException e) {
          failures.add(v.name() + " round " + round + ": " + e.getMessage());
          System.err.println(
              "load: " + v.name() + " round " + round + " failed: " + e.getMessage());
        }
      }
    }
    LoadReport report = new LoadReport(plan, rounds, variants, runs, failures);
    Files.writeString(out.resolve("load.md"), report.markdown(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("load.csv"), report.csv(), StandardCharsets.UTF_8);
    System.out.print(report.markdown());
    return failures.isEmpty() && report.complete() ? 0 : 1;
  }
}
