package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.core.analyze.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  private final DetectionEngine engine = new DetectionEngine(DetectorSettings.DEFAULTS);
  private long cycle;

  /** One cycle of 100 methods, the first {@code degraded} of them at +40 %. */
  private List<Finding> cycle(int degraded) {
    engine.beginCycle(T0 + cycle++ * MIN);
    for (int m = 0; m < 100; m++) {
      boolean bad = m < degraded;
      engine.observe(
          "m" + m,
          Observation.of(
              T0 + (cycle - 1) * MIN,
              bad ? 140 : 100 + m % 3,
              bad ? Level.MODERATE : Level.NORMAL,
              100));
    }
    return engine.endCycle();
  }

  @Test
  void manySeriesDegradedTogether_giveOneProcessWideFindingInsteadOfOnePerMethod() {
    for (int i = 0; i < 20; i++) {
      assertThat(cycle(0)).isEmpty();
    }
    List<Finding> all = new ArrayList<>();
    List<Finding> first = cycle(40);
    assertThat(first)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.PROCESS_WIDE);
              assertThat(f.isAnomaly()).isFalse();
            });
    all.addAll(cycle(40));
    all.addAll(cycle(40));
    assertThat(all)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.PROCESS_WIDE);
              assertThat(f.opensAnomaly()).isTrue();
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.evidence())
                  .startsWith("40 of 100 judged series degraded")
                  .contains("m0, m1, m2");
            });
    all.clear();
    for (int i = 0; i < 5; i++) {
      all.addAll(cycle(0));
    }
    // The suppressed method anomalies never opened, so their resolutions are dropped too.
    assertThat(all)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.PROCESS_WIDE);
              assertThat(f.isResolved()).isTrue();
            });
  }

  @Test
  void anAnomalyShownBeforeAProcessWideSpell_isStillResolvedAfterIt() {
    for (int i = 0; i < 20; i++) {
      cycle(0);
    }
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.addAll(cycle(1)); // m0 alone: its own anomaly
    }
    for (int i = 0; i < 3; i++) {
      all.addAll(cycle(40)); // then process-wide, m0 among them
    }
    for (int i = 0; i < 5; i++) {
      all.addAll(cycle(0));
    }
    assertThat(all)
        .filteredOn(f -> f.series().equals("m0") && f.kind() == FindingKind.PERSISTENT_DEGRADATION)
        .extracting(Finding::isResolved)
        .containsExactly(false, true);
  }

  @Test
  void aFewSeriesDegraded_keepTheirOwnFindings() {
    for (int i = 0; i < 20; i++) {
      cycle(0);
    }
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.addAll(cycle(3));
    }
    assertThat(all)
        .filteredOn(Finding::opensAnomaly)
        .extracting(Finding::series)
        .contains("m0", "m1", "m2")
        .doesNotContain("process");
  }

  @Test
  void seriesBeyondTheCap_areCountedNotJudged() {
    DetectionEngine small = new DetectionEngine(DetectorSettings.builder().maxSeries(2).build());
    small.beginCycle(T0);
    for (int m = 0; m < 5; m++) {
      small.observe("m" + m, Observation.of(T0, 1, Level.NORMAL, 1));
    }
    small.endCycle();
    assertThat(small.ignoredSeries()).isEqualTo(3);
  }

  @Test
  void leakFeedOfAnUntrackedSeries_isRejectedWithItsName() {
    engine.beginCycle(T0);
    assertThatThrownBy(() -> engine.observeLeak("heap", 1)).hasMessageContaining("'heap'");
  }
}
