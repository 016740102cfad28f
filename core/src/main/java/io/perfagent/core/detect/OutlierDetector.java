package io.perfagent.core.detect;

import java.util.List;

/**
 * Robust outliers: the modified z-score 0.6745·(r − median)/MAD of a cycle's log-residual against
 * the recent window, with the MAD floored so that a very steady series does not call every wiggle
 * an outlier. One outlier is an event; {@code outlierRepeat} within {@code outlierRepeatWindow}
 * cycles open one anomaly (warning; critical when the value is over twice the threshold), which
 * lasts while outliers keep coming. Constant state.
 */
final class OutlierDetector {

  private static final double MAD_Z = 0.6745;

  private final DetectorSettings s;
  private final long[] recent; // cycle numbers of the latest outliers, a ring
  private int recentNext;
  private long lastOutlierCycle = Long.MIN_VALUE / 2;
  private long episodeSince = -1;

  OutlierDetector(DetectorSettings s) {
    this.s = s;
    this.recent = new long[s.outlierRepeat];
    java.util.Arrays.fill(recent, Long.MIN_VALUE / 2);
  }

  void onCycle(
      String series,
      Observation o,
      long cycle,
      double r,
      double median,
      double mad,
      double scaleBack,
      List<Finding> out) {
    if (episodeSince >= 0 && cycle - lastOutlierCycle > s.outlierRepeatWindow) {
      episodeSince = -1;
    }
    double spread = Math.max(mad, s.madFloor);
    double z = MAD_Z * (r - median) / spread;
    boolean high = z > s.outlierZ;
    if (!high && !(s.twoSided && z < -s.outlierZ)) {
      return;
    }
    double bound = median + (high ? 1 : -1) * s.outlierZ * spread / MAD_Z;
    double threshold = scaleBack * Math.exp(bound);
    double typical = scaleBack * Math.exp(median);
    lastOutlierCycle = cycle;
    recent[recentNext] = cycle;
    recentNext = (recentNext + 1) % recent.length;
    String text =
        Fmt.num(o.value())
            + " vs typical "
            + Fmt.num(typical)
            + " (modified z "
            + String.format(java.util.Locale.ROOT, "%.1f", z)
            + ", threshold "
            + Fmt.num(threshold)
            + ")";
    out.add(
        Finding.builder(FindingKind.OUTLIER, series)
            .event()
            .timestamp(o.timestamp())
            .value(o.value())
            .baseline(typical)
            .threshold(threshold)
            .calls(o.calls())
            .evidence("single outlier: " + text)
            .build());
    long oldest = recent[recentNext]; // the ring's oldest = the repeat-th latest outlier
    if (episodeSince < 0 && cycle - oldest < s.outlierRepeatWindow) {
      episodeSince = o.timestamp();
      boolean critical = high ? o.value() > 2 * threshold : o.value() < threshold / 2;
      out.add(
          Finding.builder(FindingKind.OUTLIER, series)
              .severity(critical ? Severity.CRITICAL : Severity.WARNING)
              .timestamp(o.timestamp())
              .value(o.value())
              .baseline(typical)
              .threshold(threshold)
              .calls(o.calls())
              .evidence(
                  "repeated outliers: "
                      + s.outlierRepeat
                      + " within "
                      + s.outlierRepeatWindow
                      + " cycles; latest "
                      + text)
              .build());
    }
  }
}
