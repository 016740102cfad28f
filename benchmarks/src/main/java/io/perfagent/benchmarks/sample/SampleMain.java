package io.perfagent.benchmarks.sample;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.JmhResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SampleCostBench} and writes {@code sample.md}. The forks need perf-agent.jar on the
 * class path ({@code java -cp benchmarks.jar:perf-agent.jar ... sample}, as run.sh does): the
 * sampler is measured exactly as shipped. Options: {@code --mode full|quick|smoke}, {@code --out}.
 */
public final class SampleMain {

  private static final double GOAL_MICROS = 50;

  private SampleMain() {}

  public static int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, List.of("mode", "out"));
    String mode = args.get("mode", "quick");
    int[] iterations; // forks, warm-up, measurement
    switch (mode) {
      case "full": iterations = new int[] {2, 3, 5}; break;
      case "quick": iterations = new int[] {1, 2, 3}; break;
      case "smoke": iterations = new int[] {1, 0, 1}; break;
      default: throw new IllegalArgumentException("--mode must be full, quick or smoke, got '" + mode + "'");
    }
    Path out = Path.of(args.get("out", "benchmarks/target/results"));
    Files.createDirectories(out);
    try {
      Class.forName("io.perfagent.agent.sample.ResourceSampler");
    } catch (ClassNotFoundException missing) {
      throw new IllegalArgumentException("perf-agent.jar is not on the class path (java -cp benchmarks.jar:perf-agent.jar ...)");
    }
    List<String> rows = new ArrayList<>();
    int status = 0;
    for (String bench : List.of("fullSample", "jdkMemoryPoolsOnly")) {
      Path log = out.resolve("jmh-sample-" + bench + ".log");
      try {
        RunResult r = new Runner(new OptionsBuilder()
            .include("^" + SampleCostBench.class.getName().replace(".", "\\.") + "\\." + bench + "$")
            .forks(iterations[0]).warmupIterations(iterations[1]).measurementIterations(iterations[2])
            .warmupTime(TimeValue.seconds(1))
            .measurementTime(mode.equals("smoke") ? TimeValue.milliseconds(200) : TimeValue.seconds(1))
            .mode(org.openjdk.jmh.annotations.Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS)
            .addProfiler(GCProfiler.class).shouldFailOnError(true).output(log.toString()).build()).runSingle();
        double micros = r.getPrimaryResult().getScore();
        double bytes = JmhResults.bytesPerOp(r);
        if (!Double.isFinite(micros) || !Double.isFinite(bytes)) {
          throw new IllegalStateException("no number");
        }
        rows.add(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %.0f |", bench, micros, r.getPrimaryResult().getScoreError(), bytes));
        System.out.printf(Locale.ROOT, "[sample] %-20s %8.2f µs/op %8.0f B/op%n", bench, micros, bytes);
      } catch (RunnerException | RuntimeException failure) {
        rows.add("| " + bench + " | FAILED: " + failure + " (see " + log + ") | |");
        System.out.println("[sample] " + bench + " FAILED: " + failure + " (see " + log + ")");
        status = 1;
      }
    }
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Cost of one resource sample (%s mode, %d fork(s), %d+%d iterations, -prof gc); goal ≤ %.0f µs, 0 B.%n%n",
        mode, iterations[0], iterations[1], iterations[2], GOAL_MICROS));
    md.append("| benchmark | µs per sample | B per sample |\n|---|---:|---:|\n");
    rows.forEach(row -> md.append(row).append('\n'));
    Files.writeString(out.resolve("sample.md"), md.toString(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(md);
    return status;
  }
}
