package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DetectorSettingsTest {

  @Test
  void defaults_areTheDocumentedOnes() {
    DetectorSettings d = DetectorSettings.DEFAULTS;
    assertThat(d.persistCycles()).isEqualTo(3);
    assertThat(d.outlierZ()).isEqualTo(3.5);
    assertThat(d.stepMinEffect()).isEqualTo(0.15);
    assertThat(d.leakMinSpanMs()).isEqualTo(30 * 60_000L);
    assertThat(d.twoSided()).isFalse();
  }

  @Test
  void outOfRangeValues_areRejectedNamingTheKey() {
    assertThatThrownBy(() -> DetectorSettings.builder().persistCycles(0))
        .hasMessage("perf.detect.persist-cycles: expected an integer from 1 to 100, got 0");
    assertThatThrownBy(() -> DetectorSettings.builder().outlierZ(Double.NaN))
        .hasMessageStartingWith("perf.detect.outlier.z: expected a number");
    assertThatThrownBy(() -> DetectorSettings.builder().leakWindow(3_600_000L, 7_200_000L))
        .hasMessageStartingWith("perf.detect.leak.min-span:");
    assertThatThrownBy(() -> DetectorSettings.builder().stepSeverity(0.5, 0.3))
        .hasMessageStartingWith("perf.detect.step.critical:");
  }
}
