package io.perfagent.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a few JMH benchmarks of one class, each with {@code -prof gc}, and writes their time and
 * bytes per operation as a Markdown table: the shape of every "cost of one X" page section.
 */
public final class CostTable {

  private final String mode;
  private final int[] iterations; // forks, warm-up, measurement
  private final Path out;
  private final List<String> rows = new ArrayList<>();
  private final List<RunResult> results = new ArrayList<>();
  private int status;

  /** {@code mode} is full, quick or smoke. */
  public CostTable(String mode, Path out) throws IOException {
    this.mode = mode;
    switch (mode) {
      case "full":
        iterations = new int[] {2, 3, 5};
        break;
      case "quick":
        iterations = new int[] {1, 2, 3};
        break;
      case "smoke":
        iterations = new int[] {1, 0, 1};
        break;
      default:
        throw new IllegalArgumentException(
            "--mode must be full, quick or smoke, got '" + mode + "'");
    }
    this.out = out;
    Files.createDirectories(out);
  }

  /** Runs {@code benchClass.bench} and adds its row; a failure adds a FAILED row. */
  public @Nullable RunResult run(Class<?> benchClass, String bench, String tag, TimeUnit unit) {
    Path log = out.resolve("jmh-" + tag + "-" + bench + ".log");
    String unitName =
        unit == TimeUnit.MICROSECONDS ? "µs" : unit == TimeUnit.MILLISECONDS ? "ms" : unit.name();
    try {
      RunResult r =
          new Runner(
                  new OptionsBuilder()
                      .include("^" + benchClass.getName().replace(".", "\\.") + "\\." + bench + "$")
                      .forks(iterations[0])
                      .warmupIterations(iterations[1])
                      .measurementIterations(iterations[2])
                      .warmupTime(TimeValue.seconds(1))
                      .measurementTime(
                          mode.equals("smoke") ? TimeValue.milliseconds(200) : TimeValue.seconds(1))
                      .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
                      .timeUnit(unit)
                      .addProfiler(GCProfiler.class)
                      .shouldFailOnError(true)
                      .output(log.toString())
                      .build())
              .runSingle();
      double score = r.getPrimaryResult().getScore();
      double bytes = JmhResults.bytesPerOp(r);
      if (!Double.isFinite(score) || !Double.isFinite(bytes)) {
        throw new IllegalStateException("no number");
      }
      rows.add(
          String.format(
              Locale.ROOT,
              "| %s | %.2f ± %.2f | %.0f |",
              bench,
              score,
              r.getPrimaryResult().getScoreError(),
              bytes));
      System.out.printf(
          Locale.ROOT, "[%s] %-24s %10.2f %s/op %10.0f B/op%n", tag, bench, score, unitName, bytes);
      results.add(r);
      return r;
    } catch (RunnerException | RuntimeException failure) {
      rows.add("| " + bench + " | FAILED: " + failure + " (see " + log + ") | |");
      System.out.println("[" + tag + "] " + bench + " FAILED: " + failure + " (see " + log + ")");
      status = 1;
      return null;
    }
  }

  /** Writes {@code file} with {@code heading}, the table and {@code footer}; returns the status. */
  public int write(
      String file, String heading, String timeColumn, String bytesColumn, String footer)
      throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%s (%s mode, %d fork(s), %d+%d iterations, -prof gc)%n%n",
            heading,
            mode,
            iterations[0],
            iterations[1],
            iterations[2]));
    md.append("| benchmark | ")
        .append(timeColumn)
        .append(" | ")
        .append(bytesColumn)
        .append(" |\n|---|---:|---:|\n");
    rows.forEach(row -> md.append(row).append('\n'));
    if (!footer.isEmpty()) {
      md.append('\n').append(footer).append('\n');
    }
    Files.writeString(out.resolve(file), md.toString(), StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(md);
    return status;
  }
}
