package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeakDetectorTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;

  @Test
  void steadyNoisyHeap_isNoLeak() {
    LeakDetector d = new LeakDetector("heap", "By", 2e9, DetectorSettings.DEFAULTS);
    Random r = new Random(3);
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      all.addAll(d.onCycle(T0 + i * MIN, 4e8 * (1 + 0.02 * r.nextGaussian())));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void flatThreadCountFullOfTies_isNoLeak() {
    LeakDetector d = new LeakDetector("threads", "", 10_000, DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      all.addAll(d.onCycle(T0 + i * MIN, 40 + (i % 7 == 0 ? 1 : 0)));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void linearGrowth_isALeakWithTheTimeLeftToTheLimit() {
    LeakDetector d = new LeakDetector("fds", "", 1000, DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i <= 40; i++) {
      all.addAll(d.onCycle(T0 + i * MIN, 100 + 2 * i));
    }
    assertThat(all).hasSize(1);
    Finding f = all.get(0);
    assertThat(f.timestamp()).isEqualTo(T0 + 30 * MIN);
    assertThat(f.value()).isCloseTo(120, within(1e-9)); // per hour
    assertThat(f.baseline()).isCloseTo(160, within(1e-9));
    assertThat(f.timeToLimitMs()).isEqualTo(420 * MIN); // (1000 - 160) / 2 per minute
    assertThat(f.severity()).isEqualTo(Severity.WARNING);
    assertThat(f.evidence()).contains("limit 1000 reached in about 7 h 00 min");
  }

  @Test
  void sawToothWithinABucket_countsOnlyItsFloor() {
    LeakDetector d = new LeakDetector("heap", "By", Double.NaN, DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    for (int s = 0; s < 3600 * 2; s += 5) {
      // Every 5 s; the floor is flat, the peaks grow: no leak in what survives GC.
      double inCycle = (s % 30) * 1e7 * (1 + s / 3600.0);
      all.addAll(d.onCycle(T0 + s * 1000L, 4e8 + inCycle));
    }
    assertThat(all).isEmpty();
  }

  @Test
  void leakThatStops_isResolved() {
    LeakDetector d = new LeakDetector("rss", "By", Double.NaN, DetectorSettings.DEFAULTS);
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      double v = 1e9 + 1e7 * Math.min(i, 60) + (i % 2) * 1e5;
      all.addAll(d.onCycle(T0 + i * MIN, v));
    }
    assertThat(all).extracting(Finding::isResolved).containsExactly(false, true);
    assertThat(all.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(all.get(0).timeToLimitMs()).isEqualTo(-1);
  }
}
