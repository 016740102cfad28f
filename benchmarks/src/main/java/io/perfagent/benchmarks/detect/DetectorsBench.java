package io.perfagent.benchmarks.detect;

import io.perfagent.core.analyze.Level;
import io.perfagent.core.detect.DetectionEngine;
import io.perfagent.core.detect.DetectorSettings;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Indicators;
import io.perfagent.core.detect.Observation;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One analysis cycle of every detector for 1 000 methods plus the heap leak detector, as the
 * analysis thread will run it (goal: well inside the 5 ms cycle budget). The values are steady
 * log-normal noise around their baselines, so this is the common path: no findings. Run with {@code
 * java -cp benchmarks.jar:perf-agent.jar org.openjdk.jmh.Main DetectorsBench -prof gc}.
 */
public class DetectorsBench {

  static final int METHODS = 1000;
  static final int CYCLES = 240;

  /** An engine warmed with 100 cycles, then fed a ring of pre-drawn cycles with growing time. */
  @State(Scope.Benchmark)
  public static class Engine {
    DetectionEngine engine;
    String[] names;
    double[][] p95;
    long[][] calls;
    double[] heap;
    long cycle;

    @Setup
    public void setUp() {
      Random r = new Random(1);
      names = new String[METHODS];
      p95 = new double[CYCLES][METHODS];
      calls = new long[CYCLES][METHODS];
      heap = new double[CYCLES];
      for (int m = 0; m < METHODS; m++) {
        names[m] = "shop.Service" + (m / 10) + ".op" + (m % 10);
      }
      for (int c = 0; c < CYCLES; c++) {
        for (int m = 0; m < METHODS; m++) {
          p95[c][m] = 100 * Math.exp(0.03 * r.nextGaussian());
          calls[c][m] = 1000 + r.nextInt(50);
        }
        heap[c] = 4e8 * (1 + 0.01 * r.nextGaussian());
      }
      engine = new DetectionEngine(DetectorSettings.DEFAULTS);
      engine.trackLeak(Indicators.HEAP_AFTER_GC, "By", 2e9);
      for (int i = 0; i < 100; i++) {
        runCycle(this);
      }
    }
  }

  @Benchmark
  public List<Finding> cycleOf1000Methods(Engine e) {
    return runCycle(e);
  }

  public static List<Finding> runCycle(Engine e) {
    int c = (int) (e.cycle % CYCLES);
    long now = 1_767_225_600_000L + ++e.cycle * 60_000L;
    e.engine.beginCycle(now);
    for (int m = 0; m < METHODS; m++) {
      long n = e.calls[c][m];
      e.engine.observe(
          e.names[m], Observation.method(now, e.p95[c][m], Level.NORMAL, 100, n, n / 1000));
    }
    e.engine.observeLeak(Indicators.HEAP_AFTER_GC, e.heap[c]);
    return e.engine.endCycle();
  }
}
