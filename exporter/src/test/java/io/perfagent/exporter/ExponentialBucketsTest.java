package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.model.DurationBuckets;
import org.junit.jupiter.api.Test;

class ExponentialBucketsTest {

  @Test
  void of_keepsTheRecordedScaleWhenTheRangeFits() {
    ExponentialBuckets b = ExponentialBuckets.of(Snapshots.of(1_000_000, 2_000_000));
    assertThat(b.scale).isEqualTo(DurationBuckets.SCALE);
    assertThat(b.counts).hasSize(9); // 1 ms .. 2 ms is one octave: 8 buckets + the closing one
    assertThat(b.counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
  }

  @Test
  void of_downscalesWideRangesToAtMost160Buckets() {
    ExponentialBuckets b = ExponentialBuckets.of(Snapshots.of(1, 3_600_000_000_000L));
    assertThat(b.counts.size()).isLessThanOrEqualTo(ExponentialBuckets.MAX_BUCKETS);
    assertThat(b.scale).isLessThan(DurationBuckets.SCALE);
    assertThat(b.counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
    // Each value is still inside its (wider) bucket: (base^i, base^(i+1)], base = 2^(2^-scale)
    double base = Math.pow(2, Math.pow(2, -b.scale));
    double oneNs = 1e-9;
    assertThat(Math.pow(base, b.offset)).isLessThan(oneNs);
    assertThat(Math.pow(base, b.offset + 1)).isGreaterThanOrEqualTo(oneNs);
  }

  @Test
  void of_isEmptyWithoutNonZeroDurations() {
    assertThat(ExponentialBuckets.of(Snapshots.of(0, 0)).counts).isEmpty();
  }
}
