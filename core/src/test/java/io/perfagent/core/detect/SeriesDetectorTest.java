package io.perfagent.core.detect;

import static io.perfagent.core.analyze.Level.CRITICAL;
import static io.perfagent.core.analyze.Level.INSUFFICIENT_DATA;
import static io.perfagent.core.analyze.Level.MINOR;
import static io.perfagent.core.analyze.Level.MODERATE;
import static io.perfagent.core.analyze.Level.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.analyze.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesDetectorTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  private final SeriesDetector d = new SeriesDetector("Orders.place", DetectorSettings.DEFAULTS);
  private long cycle;

  private List<Finding> feed(double value, Level level) {
    return d.onCycle(Observation.of(T0 + cycle++ * MIN, value, level, 100));
  }

  /** Steady values around 100 with a small deterministic wiggle. */
  private void steady(int cycles) {
    for (int i = 0; i < cycles; i++) {
      assertThat(feed(100 + (cycle % 5) - 2, NORMAL)).isEmpty();
    }
  }

  @Test
  void persistence_opensOnlyAfterThreeCyclesAtALevel_andEscalates() {
    steady(20);
    assertThat(kinds(feed(120, MINOR))).doesNotContain(FindingKind.PERSISTENT_DEGRADATION);
    assertThat(kinds(feed(120, MINOR))).doesNotContain(FindingKind.PERSISTENT_DEGRADATION);
    List<Finding> third = feed(120, MINOR);
    Finding open = only(third, FindingKind.PERSISTENT_DEGRADATION);
    assertThat(open.severity()).isEqualTo(Severity.INFO);
    assertThat(open.since()).isEqualTo(T0 + 20 * MIN);
    assertThat(open.evidence()).contains("120 vs 100 baseline +20 %");

    feed(140, MODERATE);
    feed(140, MODERATE);
    Finding escalated = only(feed(140, MODERATE), FindingKind.PERSISTENT_DEGRADATION);
    assertThat(escalated.severity()).isEqualTo(Severity.WARNING);
    assertThat(escalated.id()).isEqualTo(open.id());
  }

  @Test
  void persistence_skipsInsufficientData_andNeedsAsManyNormalCyclesToResolve() {
    steady(20);
    feed(160, CRITICAL);
    feed(0, INSUFFICIENT_DATA);
    feed(160, CRITICAL);
    assertThat(only(feed(160, CRITICAL), FindingKind.PERSISTENT_DEGRADATION).severity())
        .isEqualTo(Severity.CRITICAL);
    assertThat(d.isDegraded()).isTrue();
    assertThat(kinds(feed(100, NORMAL))).doesNotContain(FindingKind.PERSISTENT_DEGRADATION);
    assertThat(kinds(feed(100, NORMAL))).doesNotContain(FindingKind.PERSISTENT_DEGRADATION);
    Finding resolved = only(feed(100, NORMAL), FindingKind.PERSISTENT_DEGRADATION);
    assertThat(resolved.isResolved()).isTrue();
    assertThat(d.isDegraded()).isFalse();
  }

  @Test
  void persistence_ignoresMinorLevelsWithinTheSeriesOwnNoise() {
    // 15 % (log) noise around the baseline; three cycles at +18 % are Minor by level but only
    // ~1 sd of this noise.
    double[] values = new double[60];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 60; i++) {
      values[i] = i >= 40 && i < 43 ? 118 : 100 * Math.exp(0.15 * r.nextGaussian());
    }
    assertThat(persistenceFindings(DetectorSettings.DEFAULTS, values)).isEmpty();
    assertThat(persistenceFindings(DetectorSettings.builder().persistNoiseZ(0).build(), values))
        .isNotEmpty();
  }

  private static List<Finding> persistenceFindings(DetectorSettings s, double[] values) {
    SeriesDetector d = new SeriesDetector("noisy", s);
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      Level l = values[i] > 115 ? MINOR : NORMAL;
      for (Finding f : d.onCycle(Observation.of(T0 + i * MIN, values[i], l, 100))) {
        if (f.kind() == FindingKind.PERSISTENT_DEGRADATION) {
          all.add(f);
        }
      }
    }
    return all;
  }

  @Test
  void outlier_singleSpikeIsAnEvent_threeWithinTenCyclesAnAnomaly() {
    steady(30);
    List<Finding> spike = feed(500, CRITICAL);
    assertThat(spike)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.OUTLIER);
              assertThat(f.isAnomaly()).isFalse();
            });
    steady(3);
    assertThat(feed(500, CRITICAL)).noneMatch(Finding::opensAnomaly);
    steady(3);
    List<Finding> third = feed(500, CRITICAL);
    assertThat(third)
        .anySatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.OUTLIER);
              assertThat(f.opensAnomaly()).isTrue();
              assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            });
  }

  @Test
  void step_reportsTheChangePointWithBeforeAndAfterValues() {
    SeriesDetector own = new SeriesDetector("m", DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      double v = (i < 40 ? 100 : 140) * (1 + 0.01 * ((i * 7) % 5 - 2));
      // No baseline: the detector judges against its own recent median.
      all.addAll(own.onCycle(Observation.of(T0 + i * MIN, v, NORMAL, Double.NaN)));
    }
    Finding step = only(all, FindingKind.STEP_CHANGE);
    assertThat(step.since()).isEqualTo(T0 + 40 * MIN);
    assertThat(step.timestamp()).isEqualTo(T0 + 42 * MIN);
    assertThat(step.baseline()).isBetween(98.0, 102.0);
    assertThat(step.value()).isBetween(137.0, 143.0);
    assertThat(step.severity()).isEqualTo(Severity.WARNING);
  }

  @Test
  void step_isNotTrippedByTwoSpikesInARow() {
    steady(30);
    feed(500, CRITICAL);
    feed(500, CRITICAL);
    for (int i = 0; i < 10; i++) {
      assertThat(feed(100, NORMAL)).noneMatch(f -> f.kind() == FindingKind.STEP_CHANGE);
    }
  }

  @Test
  void errorRatio_needsMinimumCallsAndOpensAfterThreeHighCycles() {
    SeriesDetector m = new SeriesDetector("m", DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    SeriesDetector few = new SeriesDetector("few", DetectorSettings.DEFAULTS);
    for (int c = 0; c < 30; c++) {
      all.addAll(few.onCycle(Observation.method(T0 + c * MIN, 10, NORMAL, 10, 50, 40)));
    }
    assertThat(all).isEmpty();
    int c = 0;
    for (; c < 20; c++) {
      all.addAll(m.onCycle(Observation.method(T0 + c * MIN, 10, NORMAL, 10, 1000, 1)));
    }
    assertThat(all).isEmpty();
    for (int i = 0; i < 3; i++, c++) {
      all.addAll(m.onCycle(Observation.method(T0 + c * MIN, 10, NORMAL, 10, 1000, 100)));
    }
    Finding f = only(all, FindingKind.ERROR_RATIO);
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.value()).isEqualTo(0.1);
    assertThat(f.evidence()).contains("100 errors in 1000 calls (10.0 %)");
  }

  @Test
  void throughput_dropToAFewPercentIsCritical() {
    SeriesDetector m = new SeriesDetector("m", DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    int c = 0;
    for (; c < 20; c++) {
      all.addAll(m.onCycle(Observation.method(T0 + c * MIN, 10, NORMAL, 10, 1000 + c, 0)));
    }
    for (int i = 0; i < 3; i++, c++) {
      all.addAll(m.onCycle(Observation.method(T0 + c * MIN, 10, NORMAL, 10, 50, 0)));
    }
    Finding f = only(all, FindingKind.THROUGHPUT_DROP);
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.since()).isEqualTo(T0 + 20 * MIN);
    for (int i = 0; i < 3; i++, c++) {
      all.addAll(m.onCycle(Observation.method(T0 + c * MIN, 10, NORMAL, 10, 1000, 0)));
    }
    assertThat(all)
        .filteredOn(Finding::isResolved)
        .singleElement()
        .satisfies(r -> assertThat(r.id()).isEqualTo(f.id()));
  }

  @Test
  void outOfOrderObservations_areIgnored() {
    steady(10);
    assertThat(d.onCycle(Observation.of(T0, 900, CRITICAL, 100))).isEmpty();
  }

  private static Finding only(List<Finding> findings, FindingKind kind) {
    List<Finding> of = new ArrayList<>();
    for (Finding f : findings) {
      if (f.kind() == kind) {
        of.add(f);
      }
    }
    assertThat(of).hasSize(1);
    return of.get(0);
  }

  private static List<FindingKind> kinds(List<Finding> findings) {
    List<FindingKind> k = new ArrayList<>();
    findings.forEach(f -> k.add(f.kind()));
    return k;
  }
}
