package io.perfagent.benchmarks.analysis;

import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorValue;
import io.perfagent.core.history.HistoryCodec;
import java.util.List;
import java.util.Random;

/**
 * A service of {@code methods} measured methods, each called 300 times a cycle with log-normal
 * durations around its own median, and the analyzer that judges it: what one analysis cycle of the
 * agent works on.
 */
public final class AnalysisWorkload {

  static final int CALLS_PER_CYCLE = 300;

  public final MethodRegistry registry;
  final Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
  private final int[] ids;
  private final double[] medianNanos;
  private final long[] durations = new long[4096];
  private final List<IndicatorValue> indicators =
      List.of(
          new IndicatorValue(Indicator.RSS, 300e6),
              new IndicatorValue(Indicator.HEAP_AFTER_GC, 80e6),
          new IndicatorValue(Indicator.CPU, 0.2), new IndicatorValue(Indicator.THREADS, 40),
          new IndicatorValue(Indicator.FILE_DESCRIPTORS, 60),
              new IndicatorValue(Indicator.GC_TIME, 0.01));
  private long now = 1_764_547_200_000L;
  private int next;

  public AnalysisWorkload(int methods) {
    registry = new MethodRegistry(methods);
    ids = new int[methods];
    medianNanos = new double[methods];
    Random random = new Random(1);
    for (int m = 0; m < methods; m++) {
      ids[m] =
          registry.register(
              "com.example.service.Service" + (m / 10) + ".method" + m, MethodKind.TIMED);
      medianNanos[m] = 20_000 * Math.exp(random.nextGaussian() * 1.5);
    }
    for (int i = 0; i < durations.length; i++) {
      durations[i] = (long) (Math.exp(random.nextGaussian() * 0.4) * 1_000);
    }
  }

  /** Records one cycle's calls into the recorders (not part of the measured cost). */
  public void recordCycle() {
    for (int m = 0; m < ids.length; m++) {
      double scale = medianNanos[m] / 1_000;
      for (int c = 0; c < CALLS_PER_CYCLE; c++) {
        registry.timed(ids[m], (long) (durations[next++ & (durations.length - 1)] * scale), null);
      }
    }
  }

  /** One analysis cycle as the agent runs it: take, judge, render the history line. */
  String analyzeCycle() {
    return HistoryCodec.line(report(), "bench", "i-1");
  }

  /** One analysis cycle's report (take and judge), as the endpoint's summary reads it. */
  public CycleReport report() {
    now += 60_000;
    CycleReport report = analyzer.analyze(now, 60, registry.collect(), indicators);
    if (report.methods().size() != ids.length && report.methods().size() != 0) {
      throw new IllegalStateException(
          "expected every method in the cycle, got " + report.methods().size());
    }
    return report;
  }
}
