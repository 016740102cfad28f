package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustStatsTest {

  @Test
  void median_ofOddAndEvenCounts_isTheMiddleOrTheMeanOfTheTwoMiddles() {
    assertThat(RobustStats.medianInPlace(new double[] {5, 1, 3}, 3)).isEqualTo(3);
    assertThat(RobustStats.medianInPlace(new double[] {4, 1, 3, 2}, 4)).isEqualTo(2.5);
    assertThat(RobustStats.medianInPlace(new double[0], 0)).isNaN();
  }

  @Test
  void median_ofLargeShuffledArrays_matchesSorting() {
    Random r = new Random(1);
    for (int n = 1; n < 200; n++) {
      double[] a = new double[n];
      for (int i = 0; i < n; i++) {
        a[i] = r.nextInt(20);
      }
      double[] sorted = a.clone();
      java.util.Arrays.sort(sorted);
      double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      assertThat(RobustStats.medianInPlace(a, n)).as("n=%d", n).isEqualTo(expected);
    }
  }

  @Test
  void mad_ignoresOneWildValue() {
    double[] a = {10, 11, 9, 10, 1000};
    double med = RobustStats.medianInPlace(a.clone(), 5);
    assertThat(RobustStats.madInPlace(a, 5, med)).isEqualTo(1);
  }

  @Test
  void theilSen_findsTheSlopeDespiteAnOutlier() {
    double[] t = new double[20];
    double[] x = new double[20];
    for (int i = 0; i < 20; i++) {
      t[i] = i;
      x[i] = 3 + 2 * i;
    }
    x[7] = 500;
    assertThat(RobustStats.theilSen(t, x, 20, new double[190])).isEqualTo(2);
  }

  @Test
  void mannKendall_isLargeForATrendAndZeroForAConstantSeriesFullOfTies() {
    double[] up = new double[30];
    double[] flat = new double[30];
    for (int i = 0; i < 30; i++) {
      up[i] = i + (i % 3);
      flat[i] = 42;
    }
    assertThat(RobustStats.mannKendallZ(up, 30, new double[30])).isGreaterThan(5);
    assertThat(RobustStats.mannKendallZ(flat, 30, new double[30])).isEqualTo(0);
    double[] down = {5, 4, 4, 3, 2, 2, 1, 0};
    assertThat(RobustStats.mannKendallZ(down, 8, new double[8])).isLessThan(-2);
    assertThat(RobustStats.mannKendallZ(new double[] {1, 2}, 2, new double[2])).isEqualTo(0);
    assertThat(RobustStats.mannKendallZ(new double[] {1, 2, 3}, 3, new double[3]))
        .isCloseTo(1.044, within(0.01));
  }
}
