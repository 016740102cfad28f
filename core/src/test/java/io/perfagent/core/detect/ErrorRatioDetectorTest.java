package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.analyze.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorRatioDetectorTest {

  @Test
  void aMethodThatAlwaysFailsTenPercent_fromItsFirstCycle_isNoAnomaly() {
    ErrorRatioDetector d = new ErrorRatioDetector(DetectorSettings.DEFAULTS);
    List<Finding> out = new ArrayList<>();
    for (int c = 0; c < 100; c++) {
      d.onCycle(
          "shop.Checkout.place",
          Observation.method(c * 60_000L, 0.006, Level.NORMAL, 0.006, 2_000, 200),
          out);
    }
    assertThat(out).isEmpty();
  }

  @Test
  void aMethodThatStartsFailing_afterItsHistory_isAnAnomaly() {
    ErrorRatioDetector d = new ErrorRatioDetector(DetectorSettings.DEFAULTS);
    List<Finding> out = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      long errors = c < 10 ? 2 : 200;
      d.onCycle(
          "shop.Checkout.place",
          Observation.method(c * 60_000L, 0.006, Level.NORMAL, 0.006, 2_000, errors),
          out);
    }
    assertThat(out)
        .anySatisfy(
            f -> {
              assertThat(f.kind()).isEqualTo(FindingKind.ERROR_RATIO);
              assertThat(f.opensAnomaly()).isTrue();
            });
  }
}
