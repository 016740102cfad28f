package io.perfagent.core.detect;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Step changes: a CUSUM on the log-residual in robust-sd units, with the allowance set by the
 * minimum effect ({@code k = max(0.5, ln(1 + minEffect) / sd / 2)}), each cycle's increment clipped
 * to a third of the decision interval so that no single spike can trip it, and the alarm confirmed
 * only when the median since the change point is at least {@code minEffect} away from before.
 * Reports the change point (the cycle the sum left zero) with before/after values; closed when the
 * residual stays back below half the step for {@code persistCycles} cycles. Constant state.
 */
final class StepDetector {

  private final DetectorSettings s;
  private final double[] sum = new double[2]; // [0] upward, [1] downward
  private final long[] startCycle = new long[2];
  private final long[] startTs = new long[2];
  private int shifted = -1;
  private double shiftBefore;
  private double shiftAfter;
  private long shiftSince;
  private @Nullable Severity shiftSeverity;
  private int backRun;

  StepDetector(DetectorSettings s) {
    this.s = s;
  }

  void onCycle(
      String series,
      Observation o,
      long cycle,
      double r,
      double center,
      double sd,
      double scaleBack,
      RecentValues recent,
      double[] scratch,
      List<Finding> out) {
    if (shifted >= 0) {
      double half = shiftBefore + (shiftAfter - shiftBefore) / 2;
      boolean back = shifted == 0 ? r < half : r > half;
      backRun = back ? backRun + 1 : 0;
      if (backRun >= s.persistCycles) {
        out.add(
            Finding.builder(FindingKind.STEP_CHANGE, series)
                .resolved()
                .severity(Objects.requireNonNull(shiftSeverity, "set when the shift opened"))
                .timestamp(o.timestamp())
                .since(shiftSince)
                .value(o.value())
                .baseline(scaleBack * Math.exp(shiftBefore))
                .calls(o.calls())
                .evidence("back within half the step for " + backRun + " cycles")
                .build());
        shifted = -1;
        sum[0] = sum[1] = 0;
      }
      return;
    }
    double effect = Math.log1p(s.stepMinEffect);
    double k = Math.max(0.5, effect / sd / 2);
    double cap = s.cusumThreshold / 3;
    double z = (r - center) / sd;
    for (int dir = 0; dir < (s.twoSided ? 2 : 1); dir++) {
      double inc = Math.min((dir == 0 ? z : -z) - k, cap);
      if (sum[dir] == 0 && inc > 0) {
        startCycle[dir] = cycle;
        startTs[dir] = o.timestamp();
      }
      sum[dir] = Math.max(0, sum[dir] + inc);
      if (sum[dir] >= s.cusumThreshold) {
        sum[dir] = 0;
        int since = (int) (cycle - startCycle[dir] + 1);
        int n = recent.newest(since, scratch);
        double after = RobustStats.medianInPlace(scratch, n);
        double ratio = Math.exp(after - center);
        boolean big = dir == 0 ? ratio - 1 >= s.stepMinEffect : 1 / ratio - 1 >= s.stepMinEffect;
        if (big) {
          open(series, o, dir, center, after, ratio, startTs[dir], n, scaleBack, out);
          return;
        }
      }
    }
  }

  private void open(
      String series,
      Observation o,
      int dir,
      double before,
      double after,
      double ratio,
      long since,
      int cycles,
      double scaleBack,
      List<Finding> out) {
    double size = dir == 0 ? ratio - 1 : 1 / ratio - 1;
    shiftSeverity =
        size >= s.criticalEffect
            ? Severity.CRITICAL
            : size >= s.warningEffect ? Severity.WARNING : Severity.INFO;
    shifted = dir;
    shiftBefore = before;
    shiftAfter = after;
    shiftSince = since;
    backRun = 0;
    double beforeValue = scaleBack * Math.exp(before);
    double afterValue = scaleBack * Math.exp(after);
    out.add(
        Finding.builder(FindingKind.STEP_CHANGE, series)
            .severity(shiftSeverity)
            .timestamp(o.timestamp())
            .since(since)
            .value(afterValue)
            .baseline(beforeValue)
            .calls(o.calls())
            .evidence(
                "step "
                    + Fmt.change(ratio)
                    + ": "
                    + Fmt.num(beforeValue)
                    + " before, "
                    + Fmt.num(afterValue)
                    + " after (median of the "
                    + cycles
                    + " cycles since the change point)")
            .build());
  }
}
