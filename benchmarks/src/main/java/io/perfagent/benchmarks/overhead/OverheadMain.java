package io.perfagent.benchmarks.overhead;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.JmhResults;
import io.perfagent.benchmarks.Paths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every per-call case in one JMH session, programmatically: one {@link Runner} run per case,
 * path (normal return or throw) and thread count, each with its own fork JVM arguments, so that the
 * un-instrumented and perf-agent cases run the very same method. Results go to {@code
 * overhead-<label>.md} (tables) and {@code .csv} in {@code --out}.
 *
 * <p>Options: {@code --mode full|quick|smoke}, {@code --forks <n>} (overrides the mode's), {@code
 * --jvm <java launcher for the forks>}, {@code --label <name in file names>}, {@code --threads
 * 1,2}, {@code --out <dir>}.
 */
public final class OverheadMain {

  private static final List<String> OPTIONS =
      List.of("mode", "forks", "jvm", "label", "threads", "out");

  /** Fixed heap so that the forks differ only by the agent. */
  private static final List<String> BASE_JVM_ARGS = List.of("-Xms512m", "-Xmx512m");

  private OverheadMain() {}

  public static int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, OPTIONS);
    String mode = args.get("mode", "quick");
    Settings settings = Settings.of(mode);
    settings = settings.withForks(args.positiveInt("forks", settings.forks));
    String jvm = args.get("jvm", Paths.currentJava());
    String label = args.get("label", "jdk" + Runtime.version().feature());
    List<Integer> threads = threads(args.get("threads", settings.threads));
    Path out = Path.of(args.get("out", Paths.target().resolve("results").toString()));
    Files.createDirectories(out);
    List<Case> cases = Case.all(Paths.perfAgentJar(), Paths.otelAgentJar());

    List<Measurement> results = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    int total = 2 * threads.size() * cases.size();
    int done = 0;
    for (String path : List.of("call", "fail")) {
      for (int t : threads) {
        for (Case c : cases) {
          done++;
          String id = c.name + " " + path + " " + t + "T";
          Path log = out.resolve("jmh-" + label + "-" + c.name + "-" + path + "-" + t + "T.log");
          long started = System.nanoTime();
          try {
            RunResult r = new Runner(options(c, path, t, settings, jvm, log).build()).runSingle();
            Measurement m = Measurement.of(c, path, t, r);
            if (!Double.isFinite(m.nanosPerOp) || !Double.isFinite(m.bytesPerOp)) {
              throw new IllegalStateException(
                  "no number (score " + m.nanosPerOp + ", B/op " + m.bytesPerOp + ")");
            }
            results.add(m);
            System.out.printf(
                Locale.ROOT,
                "[%s %2d/%d] %-24s %8.2f ± %.2f ns/op  %8.1f B/op  (%d s)%n",
                label,
                done,
                total,
                id,
                m.nanosPerOp,
                m.error,
                m.bytesPerOp,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
          } catch (Exception | Error failure) {
            failures.add(id + ": " + failure + " (log: " + log + ")");
            System.out.printf(
                Locale.ROOT,
                "[%s %2d/%d] %-24s FAILED: %s (see %s)%n",
                label,
                done,
                total,
                id,
                failure,
                log);
          }
        }
      }
    }

    OverheadReport report =
        new OverheadReport(
            label, jvm, settings.describe(), mode.equals("smoke"), results, failures);
    Files.writeString(
        out.resolve("overhead-" + label + ".md"), report.markdown(), StandardCharsets.UTF_8);
    Files.writeString(
        out.resolve("overhead-" + label + ".csv"), report.csv(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(report.markdown());
    if (!failures.isEmpty()) {
      System.out.println(failures.size() + " case(s) failed:");
      failures.forEach(f -> System.out.println("  " + f));
      return 1;
    }
    return 0;
  }

  private static ChainedOptionsBuilder options(
      Case c, String path, int threads, Settings s, String jvm, Path log) {
    return new OptionsBuilder()
        .include("^" + Pattern.quote(c.benchmark.getName() + "." + path) + "$")
        .jvm(jvm)
        .jvmArgs(BASE_JVM_ARGS.toArray(new String[0]))
        .jvmArgsAppend(c.jvmArgs.toArray(new String[0]))
        .forks(s.forks)
        .warmupIterations(s.warmupIterations)
        .warmupTime(s.iterationTime)
        .measurementIterations(s.measurementIterations)
        .measurementTime(s.iterationTime)
        .threads(threads)
        .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .output(log.toString());
  }

  private static List<Integer> threads(String list) {
    List<Integer> out = new ArrayList<>();
    for (String part : list.split(",")) {
      try {
        int n = Integer.parseInt(part.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        out.add(n);
      } catch (NumberFormatException bad) {
        throw new IllegalArgumentException(
            "--threads must be a comma-separated list of positive integers, got '" + list + "'");
      }
    }
    return out;
  }

  /** JMH iteration settings per mode. */
  static final class Settings {
    final int forks;
    final int warmupIterations;
    final int measurementIterations;
    final TimeValue iterationTime;
    final String threads;

    private Settings(int forks, int warmup, int measurement, TimeValue time, String threads) {
      this.forks = forks;
      this.warmupIterations = warmup;
      this.measurementIterations = measurement;
      this.iterationTime = time;
      this.threads = threads;
    }

    static Settings of(String mode) {
      switch (mode) {
        case "full":
          return new Settings(2, 4, 5, TimeValue.seconds(1), "1,2");
        case "quick":
          return new Settings(1, 2, 3, TimeValue.seconds(1), "1,2");
        case "smoke":
          // Every case starts and produces a number; the number itself means nothing.
          return new Settings(1, 0, 1, TimeValue.milliseconds(200), "1");
        default:
          throw new IllegalArgumentException(
              "--mode must be full, quick or smoke, got '" + mode + "'");
      }
    }

    Settings withForks(int n) {
      return new Settings(n, warmupIterations, measurementIterations, iterationTime, threads);
    }

    String describe() {
      return String.format(
          Locale.ROOT,
          "%d fork(s) per case, %d warm-up + %d measurement iterations of %s, mode avgt, -prof gc, fork args %s",
          forks,
          warmupIterations,
          measurementIterations,
          iterationTime,
          String.join(" ", BASE_JVM_ARGS));
    }
  }

  /** One case's numbers at one path and thread count. */
  static final class Measurement {
    final Case c;
    final String path;
    final int threads;
    final double nanosPerOp;
    final double error;
    final double bytesPerOp;

    private Measurement(
        Case c, String path, int threads, double nanosPerOp, double error, double bytesPerOp) {
      this.c = c;
      this.path = path;
      this.threads = threads;
      this.nanosPerOp = nanosPerOp;
      this.error = error;
      this.bytesPerOp = bytesPerOp;
    }

    static Measurement of(Case c, String path, int threads, RunResult r) {
      Result<?> primary = r.getPrimaryResult();
      double bytes = JmhResults.bytesPerOp(r);
      return new Measurement(c, path, threads, primary.getScore(), primary.getScoreError(), bytes);
    }
  }
}
