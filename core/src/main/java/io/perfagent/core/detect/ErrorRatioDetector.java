package io.perfagent.core.detect;

import java.util.List;
import java.util.Locale;

/**
 * A method's error ratio is high in a cycle with at least {@code errorMinCalls} calls when it is
 * above the least ratio, above {@code factor} × the baseline ratio (errors over calls of the recent
 * window, high cycles not learned) and significant (binomial z ≥ 3 against that baseline, floored
 * at 0.1 %), with at least {@code errorMinErrors} errors. High for {@code persistCycles} cycles →
 * an anomaly; severity from the ratio.
 */
final class ErrorRatioDetector {

  private static final double FLOOR = 0.001;

  /** Cycles learned before any is judged: a method that always fails 10 % has that baseline. */
  static final int MIN_HISTORY = 5;

  private final DetectorSettings s;
  private final IntRing calls;
  private final IntRing errors;
  private final GatedRun run;

  ErrorRatioDetector(DetectorSettings s) {
    this.s = s;
    this.calls = new IntRing(s.window);
    this.errors = new IntRing(s.window);
    this.run = new GatedRun(s.persistCycles);
  }

  void onCycle(String series, Observation o, List<Finding> out) {
    long n = o.calls();
    if (n < s.errorMinCalls) {
      return;
    }
    long e = o.errors();
    if (calls.size() < MIN_HISTORY) {
      calls.add(n);
      errors.add(e);
      return;
    }
    long windowCalls = calls.sum();
    double base = windowCalls > 0 ? (double) errors.sum() / windowCalls : 0;
    double p0 = Math.max(base, FLOOR);
    double ratio = (double) e / n;
    double z = (e - n * p0) / Math.sqrt(n * p0 * (1 - p0));
    boolean high =
        e >= s.errorMinErrors
            && ratio >= s.errorRatioMin
            && ratio >= s.errorRatioFactor * base
            && z >= 3;
    if (!high) {
      calls.add(n);
      errors.add(e);
    }
    int change = run.onJudged(high, o.timestamp());
    if (change == 0) {
      return;
    }
    Finding.Builder f =
        Finding.builder(FindingKind.ERROR_RATIO, series)
            .timestamp(o.timestamp())
            .since(run.since())
            .value(ratio)
            .baseline(base)
            .threshold(Math.max(s.errorRatioMin, s.errorRatioFactor * base))
            .calls(n);
    String text =
        String.format(
            Locale.ROOT,
            "%d errors in %d calls (%s) vs %s baseline",
            e,
            n,
            Fmt.percent(ratio),
            Fmt.percent(base));
    if (change > 0) {
      Severity sev =
          ratio >= s.errorCriticalRatio
              ? Severity.CRITICAL
              : ratio >= s.errorWarningRatio ? Severity.WARNING : Severity.INFO;
      out.add(f.severity(sev).evidence(text + " for " + run.run() + " cycles").build());
    } else {
      out.add(f.resolved().evidence("error ratio back: " + text).build());
    }
  }
}
