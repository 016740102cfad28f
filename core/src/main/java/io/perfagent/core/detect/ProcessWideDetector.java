package io.perfagent.core.detect;

import java.util.List;

/**
 * Many series degraded in the same cycle point at one cause in the process (GC, CPU saturation, the
 * host), not at N regressions. A cycle is process-wide when at least {@code processMinSeries}
 * series and {@code processFraction} of the judged ones are Minor or worse; the first such cycle is
 * an event, {@code persistCycles} in a row an anomaly (critical when half or more are degraded), as
 * many ordinary cycles close it.
 */
final class ProcessWideDetector {

  static final String SERIES = "process";

  private final DetectorSettings s;
  private final GatedRun run;
  private Severity severity = Severity.WARNING;

  ProcessWideDetector(DetectorSettings s) {
    this.s = s;
    this.run = new GatedRun(s.persistCycles);
  }

  /** Whether a cycle with these counts is process-wide. */
  boolean isProcessWide(int degraded, int judged) {
    return degraded >= s.processMinSeries && degraded >= s.processFraction * judged;
  }

  void onCycle(long ts, int degraded, int judged, String examples, List<Finding> out) {
    boolean wide = isProcessWide(degraded, judged);
    boolean firstOfRun = wide && run.run() == 0 && !run.isOpen();
    int change = run.onJudged(wide, ts);
    String text =
        degraded
            + " of "
            + judged
            + " judged series degraded in the same cycle"
            + (examples.isEmpty() ? "" : " (" + examples + ")")
            + ": a process-wide cause (GC, CPU saturation, the host) is likelier than separate"
            + " regressions";
    if (change > 0) {
      severity = degraded >= 0.5 * judged ? Severity.CRITICAL : Severity.WARNING;
      out.add(
          Finding.builder(FindingKind.PROCESS_WIDE, SERIES)
              .severity(severity)
              .timestamp(ts)
              .since(run.since())
              .value(degraded)
              .baseline(judged)
              .threshold(Math.max(s.processMinSeries, s.processFraction * judged))
              .evidence(text + ", for " + run.run() + " cycles")
              .build());
    } else if (change < 0) {
      out.add(
          Finding.builder(FindingKind.PROCESS_WIDE, SERIES)
              .resolved()
              .severity(severity)
              .timestamp(ts)
              .since(run.since())
              .value(degraded)
              .baseline(judged)
              .evidence("back to ordinary: " + degraded + " of " + judged + " series degraded")
              .build());
    } else if (firstOfRun) {
      out.add(
          Finding.builder(FindingKind.PROCESS_WIDE, SERIES)
              .event()
              .timestamp(ts)
              .value(degraded)
              .baseline(judged)
              .evidence(text)
              .build());
    }
  }
}
