package io.perfagent.core.detect;

import io.perfagent.core.analyze.Level;
import java.util.List;

/**
 * A level that holds for {@code persistCycles} consecutive judged cycles opens an anomaly (Minor →
 * info, Moderate → warning, Critical → critical) and escalates it when a worse level holds as long;
 * as many consecutive Normal cycles close it. Insufficient-data cycles neither extend nor break a
 * run. Constant state.
 */
final class PersistenceDetector {

  private static final Level[] LEVELS = {Level.MINOR, Level.MODERATE, Level.CRITICAL};
  private static final Severity[] SEVERITIES = {Severity.INFO, Severity.WARNING, Severity.CRITICAL};

  private final int persist;
  private final double persistNoiseZ;
  private final int[] run = new int[3];
  private final long[] runStart = new long[3];
  private int open = -1;
  private long openSince;
  private int normalRun;

  PersistenceDetector(DetectorSettings s) {
    this.persist = s.persistCycles;
    this.persistNoiseZ = s.persistNoiseZ;
  }

  boolean isOpen() {
    return open >= 0;
  }

  /**
   * @param noiseZ how many robust sd of its own recent noise the cycle is above its baseline (NaN
   *     while unknown); a degraded level below {@code persistNoiseZ} breaks the run
   */
  void onCycle(String series, Observation o, double noiseZ, List<Finding> out) {
    Level level = o.level();
    if (level == Level.INSUFFICIENT_DATA) {
      return;
    }
    if (level.isDegraded() && noiseZ < persistNoiseZ) {
      level = Level.NORMAL;
      normalRun = -1; // within the noise: breaks a run, but is no evidence of recovery either
    }
    long ts = o.timestamp();
    int target = -1;
    for (int i = 0; i < 3; i++) {
      if (level.compareTo(LEVELS[i]) >= 0) {
        if (run[i]++ == 0) {
          runStart[i] = ts;
        }
        if (run[i] >= persist) {
          target = i;
        }
      } else {
        run[i] = 0;
      }
    }
    if (target >= 0) {
      normalRun = 0;
      if (open < 0) {
        open = target;
        openSince = runStart[target];
        out.add(finding(series, o, target, "").build());
      } else if (target > open) {
        open = target;
        out.add(finding(series, o, target, "escalated: ").build());
      }
    } else if (open >= 0) {
      if (level == Level.NORMAL && ++normalRun >= persist) {
        out.add(
            Finding.builder(FindingKind.PERSISTENT_DEGRADATION, series)
                .resolved()
                .severity(SEVERITIES[open])
                .timestamp(ts)
                .since(openSince)
                .value(o.value())
                .baseline(o.baseline())
                .calls(o.calls())
                .evidence(
                    "back to Normal for "
                        + normalRun
                        + " cycles: "
                        + Fmt.num(o.value())
                        + " vs "
                        + Fmt.num(o.baseline())
                        + " baseline")
                .build());
        open = -1;
        normalRun = 0;
      } else if (level != Level.NORMAL) {
        normalRun = 0;
      }
    }
  }

  private Finding.Builder finding(String series, Observation o, int target, String prefix) {
    double ratio = o.hasBaseline() ? o.value() / o.baseline() : Double.NaN;
    String vs =
        o.hasBaseline() ? " vs " + Fmt.num(o.baseline()) + " baseline " + Fmt.change(ratio) : "";
    String calls = o.hasCalls() ? ", " + o.calls() + " calls" : "";
    return Finding.builder(FindingKind.PERSISTENT_DEGRADATION, series)
        .severity(SEVERITIES[target])
        .timestamp(o.timestamp())
        .since(openSince)
        .value(o.value())
        .baseline(o.baseline())
        .calls(o.calls())
        .evidence(
            prefix
                + Fmt.num(o.value())
                + vs
                + calls
                + "; "
                + LEVELS[target].label()
                + " or worse for "
                + run[target]
                + " consecutive cycles");
  }
}
