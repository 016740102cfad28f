package io.perfagent.core.detect;

import java.util.List;

/**
 * A method's calls per cycle below (1 − drop) × the median of the recent window (dropped cycles not
 * learned), judged only once that median has at least {@code throughputMinCalls}; held for {@code
 * persistCycles} cycles → an anomaly (critical below 1 − criticalDrop).
 */
final class ThroughputDetector {

  private final DetectorSettings s;
  private final IntRing calls;
  private final GatedRun run;
  private final double[] scratch;
  private double median;

  /** Cycles until {@link #median} is recomputed; it is stale by at most that many values. */
  private int refreshIn;

  ThroughputDetector(DetectorSettings s, double[] scratch) {
    this.s = s;
    this.calls = new IntRing(s.window);
    this.run = new GatedRun(s.persistCycles);
    this.scratch = scratch;
  }

  void onCycle(String series, Observation o, List<Finding> out) {
    long n = o.calls();
    if (calls.size() < Math.min(8, s.window)) {
      calls.add(n);
      return;
    }
    // Like the series' window statistics: once the window is full its median moves by at most
    // one value a cycle, and recomputing it every cycle was half of all the detectors' cost.
    if (calls.size() < s.window || --refreshIn <= 0) {
      median = calls.median(scratch);
      refreshIn = SeriesDetector.REFRESH_CYCLES;
    }
    if (median < s.throughputMinCalls) {
      calls.add(n);
      return;
    }
    double threshold = median * (1 - s.throughputDrop);
    boolean low = n < threshold;
    if (!low) {
      calls.add(n);
    }
    int change = run.onJudged(low, o.timestamp());
    if (change == 0) {
      return;
    }
    Finding.Builder f =
        Finding.builder(FindingKind.THROUGHPUT_DROP, series)
            .timestamp(o.timestamp())
            .since(run.since())
            .value(n)
            .baseline(median)
            .threshold(threshold)
            .calls(n);
    String text =
        n + " calls vs " + Fmt.num(median) + " median per cycle " + Fmt.change(n / median);
    if (change > 0) {
      Severity sev =
          n <= median * (1 - s.throughputCriticalDrop) ? Severity.CRITICAL : Severity.WARNING;
      out.add(f.severity(sev).evidence(text + " for " + run.run() + " cycles").build());
    } else {
      out.add(f.resolved().evidence("throughput back: " + text).build());
    }
  }
}
