package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfagent.core.model.DurationSnapshot;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplicitBucketsTest {

  @Test
  void counts_putEachDurationInTheBucketOfItsValue() {
    ExplicitBuckets buckets = ExplicitBuckets.of(Arrays.asList(0.001, 0.01, 0.1));
    // 0, 0.5 ms, 5 ms, 50 ms, 0.5 s
    List<Long> counts =
        buckets.counts(Snapshots.of(0, 500_000, 5_000_000, 50_000_000, 500_000_000));
    assertThat(counts).containsExactly(2L, 1L, 1L, 1L);
  }

  @Test
  void counts_addUpToTheSnapshotCount() {
    DurationSnapshot s =
        Snapshots.of(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 3_600_000_000_000L);
    List<Long> counts = ExplicitBuckets.defaults().counts(s);
    assertThat(counts).hasSize(ExplicitBuckets.DEFAULT_BOUNDARIES_SECONDS.size() + 1);
    assertThat(counts.stream().mapToLong(Long::longValue).sum()).isEqualTo(s.count());
  }

  @Test
  void of_rejectsBoundariesThatDoNotIncrease() {
    assertThatThrownBy(() -> ExplicitBuckets.of(Arrays.asList(0.1, 0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("increase strictly");
  }
}
