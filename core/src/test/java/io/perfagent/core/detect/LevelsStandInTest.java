package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.core.analyze.Level;
import org.junit.jupiter.api.Test;

class LevelsStandInTest {

  private static final long T0 = 1_767_225_600_000L; // midnight UTC
  private static final long HOUR = 3_600_000L;

  @Test
  void rollingMedian_classifiesAt15_30_50Percent_andDoesNotLearnModerate() {
    RollingMedianLevels l = RollingMedianLevels.defaults(false);
    for (int i = 0; i < 10; i++) {
      assertThat(l.classify(100)).isEqualTo(Level.INSUFFICIENT_DATA);
    }
    assertThat(l.classify(114)).isEqualTo(Level.NORMAL);
    assertThat(l.baseline()).isEqualTo(100);
    assertThat(l.classify(116)).isEqualTo(Level.MINOR);
    assertThat(l.classify(131)).isEqualTo(Level.MODERATE);
    assertThat(l.classify(151)).isEqualTo(Level.CRITICAL);
    for (int i = 0; i < 100; i++) {
      l.classify(140);
    }
    assertThat(l.classify(140)).isEqualTo(Level.MODERATE);
    assertThat(l.baseline()).isEqualTo(100);
  }

  @Test
  void rollingMedian_twoSided_judgesDropsByTheInverseRatio() {
    RollingMedianLevels l = RollingMedianLevels.defaults(true);
    for (int i = 0; i < 10; i++) {
      l.classify(100);
    }
    assertThat(l.classify(60)).isEqualTo(Level.CRITICAL); // 100/60 = +67 %
    assertThat(l.classify(0)).isEqualTo(Level.CRITICAL);
  }

  @Test
  void rollingMedian_rejectsBadShapes() {
    assertThatThrownBy(
            () -> new RollingMedianLevels(2, 1, new double[] {0.1, 0.2, 0.3}, Level.MINOR, false))
        .hasMessageContaining("window >= 3");
    assertThatThrownBy(
            () -> new RollingMedianLevels(10, 3, new double[] {0.3, 0.2, 0.5}, Level.MINOR, false))
        .hasMessageContaining("increasing");
  }

  @Test
  void seasonal_judgesEachHourAgainstThatHourOfPreviousDays() {
    SeasonalLevels l = new SeasonalLevels(false);
    // Night 50, day 150: a flat baseline would call every day hour Critical.
    for (int h = 0; h < 24 * 4; h++) {
      l.classify(T0 + h * HOUR, value(h));
    }
    long day5 = T0 + 4 * 24 * HOUR;
    assertThat(l.classify(day5 + 13 * HOUR, 150)).isEqualTo(Level.NORMAL);
    assertThat(l.baseline()).isEqualTo(150);
    assertThat(l.classify(day5 + 14 * HOUR, 190)).isEqualTo(Level.MINOR);
    assertThat(l.classify(day5 + 2 * HOUR, 80)).isEqualTo(Level.CRITICAL);
    assertThat(l.baseline()).isEqualTo(50);
  }

  private static double value(int hour) {
    int h = hour % 24;
    return h >= 8 && h < 20 ? 150 : 50;
  }
}
