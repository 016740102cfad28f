package io.perfagent.benchmarks.analysis;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.CostTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link AnalysisCostBench} and measures the memory the analysis retains per method, and
 * writes {@code analysis.md}. Needs perf-agent.jar on the class path, like {@code sample}. Options:
 * {@code --mode full|quick|smoke}, {@code --out}.
 */
public final class AnalysisMain {

  private static final int METHODS = 1_000;

  private AnalysisMain() {}

  public static int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, List.of("mode", "out"));
    String mode = args.get("mode", "quick");
    CostTable table = new CostTable(mode, Path.of(args.get("out", "benchmarks/target/results")));
    table.run(AnalysisCostBench.class, "cycle", "analysis", TimeUnit.MILLISECONDS);
    table.run(
        io.perfagent.benchmarks.detect.DetectorsBench.class,
        "cycleOf1000Methods",
        "analysis",
        TimeUnit.MILLISECONDS);
    double perMethod = retainedBytesPerMethod(mode.equals("smoke") ? 70 : 200);
    int cycles = mode.equals("smoke") ? 30 : 300;
    double analysisCpu = medianCpuMillis(cycles, new AnalysisWorkload(METHODS));
    double detectorsCpu = medianDetectorsCpuMillis(cycles);
    String footer =
        String.format(
            Locale.ROOT,
            "CPU time of the analysis thread per cycle (thread CPU time, median of %d cycles after "
                + "warm-up; unlike the wall times above, other load on the machine barely moves it): "
                + "analysis %.2f ms + detectors %.2f ms = %.2f ms.%n%n"
                + "Retained by the analysis per measured method (heap after GC, %d methods, 200 cycles "
                + "so every baseline buffer is in use; the recorders not included): %.0f B. "
                + "Goals: ≤ 5 ms CPU per cycle, ≤ 8 KB per method.",
            cycles,
            analysisCpu,
            detectorsCpu,
            analysisCpu + detectorsCpu,
            METHODS,
            perMethod);
    System.out.printf(
        Locale.ROOT,
        "[analysis] retained %.0f B per method; CPU per cycle: analysis %.2f ms, detectors %.2f ms%n",
        perMethod,
        analysisCpu,
        detectorsCpu);
    return table.write(
        "analysis.md",
        "Cost of one analysis cycle for 1 000 methods "
            + "(cycle: take, judge, history line; cycleOf1000Methods: every detector on top).",
        "ms per cycle",
        "B allocated per cycle",
        footer);
  }

  /** The median thread CPU time of one analysis cycle, in ms (recording not included). */
  static double medianCpuMillis(int cycles, AnalysisWorkload w) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] ms = new double[cycles];
    for (int c = -cycles; c < cycles; c++) { // the first half warms up
      w.recordCycle();
      long before = mx.getCurrentThreadCpuTime();
      w.analyzeCycle();
      if (c >= 0) {
        ms[c] = (mx.getCurrentThreadCpuTime() - before) / 1e6;
      }
    }
    java.util.Arrays.sort(ms);
    return ms[cycles / 2];
  }

  /** The median thread CPU time of one cycle of every detector for 1 000 methods, in ms. */
  static double medianDetectorsCpuMillis(int cycles) {
    io.perfagent.benchmarks.detect.DetectorsBench.Engine e =
        new io.perfagent.benchmarks.detect.DetectorsBench.Engine();
    e.setUp();
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] ms = new double[cycles];
    for (int c = -cycles; c < cycles; c++) {
      long before = mx.getCurrentThreadCpuTime();
      io.perfagent.benchmarks.detect.DetectorsBench.runCycle(e);
      if (c >= 0) {
        ms[c] = (mx.getCurrentThreadCpuTime() - before) / 1e6;
      }
    }
    java.util.Arrays.sort(ms);
    return ms[cycles / 2];
  }

  /** Heap retained by the analyzer (not the registry) after {@code cycles}, per method. */
  static double retainedBytesPerMethod(int cycles) {
    AnalysisWorkload w = new AnalysisWorkload(METHODS);
    w.recordCycle();
    long before = usedAfterGc();
    for (int c = 0; c < cycles; c++) {
      w.recordCycle();
      w.analyzeCycle();
    }
    long after = usedAfterGc();
    if (w.analyzer.seriesCount() < METHODS) {
      throw new IllegalStateException(
          "the analyzer tracks only " + w.analyzer.seriesCount() + " series");
    }
    return (after - before) / (double) METHODS;
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
