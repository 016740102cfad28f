package io.perfagent.core.detect;

import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.BaselineState;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.MethodCycle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The synthetic service of the detection-quality suite, on a simulated clock (one cycle = 60 s,
 * nothing sleeps): {@code methods} methods with log-normal latency (σ 0.3–0.5, medians 0.5–200 ms,
 * 500–10 000 calls per cycle), a ±30 % daily wave in latency and load, rare ×5 spikes, errors at
 * 0.1 %, and a heap with a GC saw-tooth sampled every second whose per-cycle minimum is fed to the
 * leak detector. Each cycle's p95 is drawn directly: the true p95 times the sampling error of a p95
 * from that many calls (σ·2.11/√calls in log units), which keeps 1 440 × 1 000 cycles fast.
 *
 * <p><b>Levels from the agent's own analysis.</b> Every cycle is judged by an {@link Analyzer} with
 * the default settings, exactly as in the agent, and reaches the detectors through {@link
 * Observation#ofMethod}. Its baselines have first learned {@value #LEARNED_DAYS} days of the same
 * service (no injection), so that the hour-of-day baseline knows the daily wave — as it would in
 * production after three days; that learning runs once per JVM and each run restores it.
 */
final class SyntheticService {

  static final long CYCLE_MS = 60_000;
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00Z

  /** Days learned before every run, starting at {@link #START} minus that many days. */
  static final int LEARNED_DAYS = 4;

  static final double MB = 1024 * 1024;
  static final double XMX = 2048 * MB;
  private static final double DAY_MS = 86_400_000.0;
  private static final double SPIKE_RATE = 2e-5;
  private static final double ERROR_RATE = 0.001;

  /** What to inject, and where. */
  static final class Injection {
    int method = -1;
    long fromCycle = Long.MAX_VALUE;
    double stepFactor = 1;
    long rampCycles;
    boolean spikeOnce;
    double leakBytesPerMin;
    int[] stepMethods = new int[0];
  }

  private final int methods;
  private final Random rnd;
  private final String[] names;
  private final double[] p95;
  private final double[] sigma;
  private final double[] calls;
  private final Analyzer analyzer = new Analyzer(AnalysisSettings.defaults());
  private final List<MethodCycle> methodCycles;
  private final DetectionEngine engine;
  private final Observation[] observations;
  private final Injection inj;
  private double live = 400 * MB;
  private double heap = 400 * MB;
  private long cycle;
  final List<Finding> findings = new ArrayList<>();
  private final long[] cycleTimes = new long[2000];
  private int cycleCount;

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /**
   * The median engine CPU time of one cycle after the first 200 (JIT warm-up), in ms: CPU time,
   * because the build machine is shared and wall time would measure the neighbours.
   */
  double medianCycleMillis() {
    long[] t = java.util.Arrays.copyOf(cycleTimes, cycleCount);
    java.util.Arrays.sort(t);
    return t.length == 0 ? Double.NaN : t[t.length / 2] / 1e6;
  }

  SyntheticService(int methods, long seed, Injection inj, DetectorSettings settings) {
    this(methods, seed, inj, settings, learned(methods, seed));
  }

  private SyntheticService(
      int methods,
      long seed,
      Injection inj,
      DetectorSettings settings,
      Map<String, BaselineState> baselines) {
    this.methods = methods;
    this.rnd = new Random(seed);
    this.inj = inj;
    this.names = new String[methods];
    this.p95 = new double[methods];
    this.sigma = new double[methods];
    this.calls = new double[methods];
    this.methodCycles = new ArrayList<>(methods);
    this.observations = new Observation[methods];
    for (int m = 0; m < methods; m++) {
      names[m] = "shop.Service" + (m / 10) + ".op" + (m % 10);
      sigma[m] = 0.3 + 0.2 * rnd.nextDouble();
      double median = 0.5 * Math.pow(400, rnd.nextDouble());
      p95[m] = median * Math.exp(1.645 * sigma[m]);
      calls[m] = 500 * Math.pow(20, rnd.nextDouble());
    }
    // Method 0 is the injection target: typical noise (1 000 calls, σ 0.4), 20 ms median.
    sigma[0] = 0.4;
    p95[0] = 20 * Math.exp(1.645 * 0.4);
    calls[0] = 1000;
    this.engine = new DetectionEngine(settings);
    engine.trackLeak(Indicators.HEAP_AFTER_GC, "By", XMX);
    if (baselines != null) {
      analyzer.restore(baselines);
    }
  }

  private static final Map<String, Map<String, BaselineState>> LEARNED = new HashMap<>();

  /**
   * The baselines learned over {@link #LEARNED_DAYS} days of the uninjected service with these
   * parameters (the same seed draws the same methods), computed once per JVM.
   */
  private static synchronized Map<String, BaselineState> learned(int methods, long seed) {
    return LEARNED.computeIfAbsent(
        methods + "/" + seed,
        k -> {
          SyntheticService learner =
              new SyntheticService(methods, seed, new Injection(), DetectorSettings.DEFAULTS, null);
          learner.cycle = -LEARNED_DAYS * 1440L;
          while (learner.cycle < 0) {
            learner.step();
          }
          return learner.analyzer.baselineStates();
        });
  }

  String name(int m) {
    return names[m];
  }

  static long ts(long cycle) {
    return START + (cycle + 1) * CYCLE_MS;
  }

  /** Runs {@code cycles} more cycles. */
  void run(long cycles) {
    for (long c = 0; c < cycles; c++) {
      step();
    }
  }

  private void step() {
    long now = ts(cycle);
    double wave = 1 + 0.3 * Math.sin(2 * Math.PI * (now - START) / DAY_MS);
    double heapMin = heapCycle(now);
    methodCycles.clear();
    for (int m = 0; m < methods; m++) {
      double n = Math.max(1, Math.round(calls[m] * wave * (1 + 0.05 * rnd.nextGaussian())));
      double se = sigma[m] * 2.113 / Math.sqrt(n);
      double v = p95[m] * wave * Math.exp(se * rnd.nextGaussian()) * injected(m);
      if (rnd.nextDouble() < SPIKE_RATE) {
        v *= 5;
      }
      long errors = Math.min(poisson(n * ERROR_RATE), (long) n);
      double p95Seconds = v / 1e3;
      methodCycles.add(
          MethodCycle.of(
              names[m],
              true,
              (long) n,
              errors,
              60,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              p95Seconds,
              Double.NaN));
    }
    CycleReport report = analyzer.judge(now, 60, methodCycles, List.of());
    if (cycle < 0) {
      cycle++; // learning only
      return;
    }
    for (int m = 0; m < methods; m++) {
      observations[m] = Observation.ofMethod(now, report.methods().get(m));
    }
    long t0 = THREADS.getCurrentThreadCpuTime();
    engine.beginCycle(now);
    for (int m = 0; m < methods; m++) {
      engine.observe(names[m], observations[m]);
    }
    engine.observeLeak(Indicators.HEAP_AFTER_GC, heapMin);
    findings.addAll(engine.endCycle());
    long took = THREADS.getCurrentThreadCpuTime() - t0;
    if (cycle >= 200 && cycleCount < cycleTimes.length) {
      cycleTimes[cycleCount++] = took;
    }
    cycle++;
  }

  private double injected(int m) {
    double f = 1;
    boolean target = m == inj.method;
    for (int s : inj.stepMethods) {
      target |= s == m;
    }
    if (!target || cycle < inj.fromCycle) {
      return f;
    }
    if (inj.spikeOnce) {
      return cycle == inj.fromCycle ? 5 : 1;
    }
    if (inj.rampCycles > 0) {
      double share = Math.min(1, (cycle - inj.fromCycle + 1) / (double) inj.rampCycles);
      return 1 + (inj.stepFactor - 1) * share;
    }
    return inj.stepFactor;
  }

  /** 60 one-second heap samples: allocation at 30 MB/s, a GC when 300 MB are allocated. */
  private double heapCycle(long now) {
    if (cycle >= inj.fromCycle && inj.leakBytesPerMin > 0) {
      live += inj.leakBytesPerMin;
    }
    double min = Double.MAX_VALUE;
    for (int s = 0; s < 60; s++) {
      heap += 30 * MB * (0.8 + 0.4 * rnd.nextDouble());
      if (heap - live > 300 * MB) {
        heap = live * (1 + 0.01 * rnd.nextGaussian());
      }
      min = Math.min(min, heap);
    }
    return min;
  }

  private long poisson(double lambda) {
    double l = Math.exp(-lambda);
    long k = 0;
    double p = 1;
    do {
      k++;
      p *= rnd.nextDouble();
    } while (p > l);
    return k - 1;
  }

  /** The anomalies opened (not events, not resolutions). */
  List<Finding> anomalies() {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.opensAnomaly()) {
        out.add(f);
      }
    }
    return out;
  }

  long events() {
    return findings.stream().filter(f -> !f.isAnomaly()).count();
  }
}
