package io.perfagent.core.detect;

import io.perfagent.core.analyze.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The synthetic service of the detection-quality suite, on a simulated clock (one cycle = 60 s,
 * nothing sleeps): {@code methods} methods with log-normal latency (σ 0.3–0.5, medians 0.5–200 ms,
 * 500–10 000 calls per cycle), a ±30 % daily wave in latency and load, rare ×5 spikes, errors at
 * 0.1 %, and a heap with a GC saw-tooth sampled every second whose per-cycle minimum is fed to
 * the leak detector. Each cycle's p95 is drawn directly: the true p95 times the sampling error of
 * a p95 from that many calls (σ·2.11/√calls in log units), which keeps 1 440 × 1 000 cycles fast.
 *
 * <p><b>Stand-in levels.</b> The analysis' levels (seasonal hour-of-day baselines) are not in this
 * branch; each method's level here comes from {@link RollingMedianLevels} over the value divided
 * by the known daily wave (standing in for a seasonal baseline that has learned the wave), learning
 * only Normal cycles and only every 10th (a slow baseline, as one from hourly rollups is), at
 * 15 / 30 / 50 %. The detectors see only the resulting levels and
 * baselines; the analysis will supply its own.
 */
final class SyntheticService {

  static final long CYCLE_MS = 60_000;
  static final long START = 1_767_225_600_000L; // 2026-01-01T00:00Z
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
  private final RollingMedianLevels[] levels;
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
    this.methods = methods;
    this.rnd = new Random(seed);
    this.inj = inj;
    this.names = new String[methods];
    this.p95 = new double[methods];
    this.sigma = new double[methods];
    this.calls = new double[methods];
    this.levels = new RollingMedianLevels[methods];
    this.observations = new Observation[methods];
    for (int m = 0; m < methods; m++) {
      names[m] = "shop.Service" + (m / 10) + ".op" + (m % 10);
      sigma[m] = 0.3 + 0.2 * rnd.nextDouble();
      double median = 0.5 * Math.pow(400, rnd.nextDouble());
      p95[m] = median * Math.exp(1.645 * sigma[m]);
      calls[m] = 500 * Math.pow(20, rnd.nextDouble());
      levels[m] = new RollingMedianLevels(48, 10, new double[] {0.15, 0.30, 0.50}, Level.NORMAL,
          false).learnEvery(10);
    }
    // Method 0 is the injection target: typical noise (1 000 calls, σ 0.4), 20 ms median.
    sigma[0] = 0.4;
    p95[0] = 20 * Math.exp(1.645 * 0.4);
    calls[0] = 1000;
    this.engine = new DetectionEngine(settings);
    engine.trackLeak(Indicators.HEAP_AFTER_GC, "By", XMX);
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
    for (int m = 0; m < methods; m++) {
      double n = Math.max(1, Math.round(calls[m] * wave * (1 + 0.05 * rnd.nextGaussian())));
      double se = sigma[m] * 2.113 / Math.sqrt(n);
      double v = p95[m] * wave * Math.exp(se * rnd.nextGaussian()) * injected(m);
      if (rnd.nextDouble() < SPIKE_RATE) {
        v *= 5;
      }
      long errors = poisson(n * ERROR_RATE);
      Level level = levels[m].classify(v / wave);
      double baseline = levels[m].baseline() * wave;
      observations[m] = Observation.method(now, v, level, baseline, (long) n,
          Math.min(errors, (long) n));
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
