package io.perfagent.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurationBucketsTest {

  @Test
  void slotOf_staysWithinFivePercent_fromOneMicrosecondToOneHour() {
    double worst = 0;
    for (long nanos = 1_000; nanos <= 3_600_000_000_000L; nanos += Math.max(1, nanos / 997)) {
      int index = DurationBuckets.indexOf(DurationBuckets.slotOf(nanos));
      double seconds = nanos / 1e9;
      assertThat(seconds)
          .isGreaterThan(lowerBound(index))
          .isLessThanOrEqualTo(DurationBuckets.upperBoundSeconds(index) * (1 + 1e-12));
      worst = Math.max(worst, Math.abs(DurationBuckets.middleSeconds(index) / seconds - 1));
    }
    assertThat(worst).isLessThan(0.05);
  }

  @Test
  void slotOf_matchesTheOpenTelemetryIndexDefinition() {
    // index = ceil(log2(v) * 2^scale) - 1 for v in seconds
    for (long nanos :
        new long[] {1, 7, 999, 1_000, 1_234_567, 1L << 30, 1_000_000_000, 59_000_000_000L}) {
      double seconds = nanos / 1e9;
      int expected = (int) Math.ceil(Math.log(seconds) / Math.log(2) * 8) - 1;
      assertThat(DurationBuckets.indexOf(DurationBuckets.slotOf(nanos)))
          .as("index of %d ns", nanos)
          .isEqualTo(expected);
    }
  }

  @Test
  void slotOf_putsExactPowersOfTwoAtTheTopOfTheBucketBelow() {
    long oneSecond = 1_000_000_000L; // 2^0 s is the upper bound of bucket -1
    assertThat(DurationBuckets.indexOf(DurationBuckets.slotOf(oneSecond))).isEqualTo(-1);
  }

  @Test
  void slotOf_clampsExtremes() {
    assertThat(DurationBuckets.slotOf(1)).isZero();
    assertThat(DurationBuckets.slotOf(Long.MAX_VALUE)).isEqualTo(DurationBuckets.SLOTS - 1);
  }

  @Test
  void slotOf_isMonotonic() {
    int previous = 0;
    for (long nanos = 1; nanos < 100_000_000_000L; nanos = nanos * 21 / 20 + 1) {
      int slot = DurationBuckets.slotOf(nanos);
      assertThat(slot).isGreaterThanOrEqualTo(previous);
      previous = slot;
    }
  }

  private static double lowerBound(int index) {
    return DurationBuckets.upperBoundSeconds(index - 1);
  }
}
