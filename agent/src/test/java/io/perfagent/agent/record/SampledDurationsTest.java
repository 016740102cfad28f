package io.perfagent.agent.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.core.analyze.HistogramDelta;
import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Durations sampled 1 call in N (the overhead governor's lever): counts stay exact, the histogram
 * only grows (each untimed call copies its stripe's last timed one), and it answers quantiles as
 * the unsampled one does. Fixed seeds, no timing asserted.
 */
class SampledDurationsTest {

  /** One workload replayed into two recorders: one times every call, one 1 in {@code interval}. */
  private static DurationSnapshot[] replay(long seed, int calls, int interval) {
    DurationRecorder full = new DurationRecorder();
    DurationRecorder sampled = new DurationRecorder();
    sampled.sampleEvery(interval);
    Random random = new Random(seed);
    for (int i = 0; i < calls; i++) {
      // Log-normal around 2 µs with a slow tail, as a hot method's durations look.
      long nanos = (long) Math.exp(Math.log(2_000) + 0.8 * random.nextGaussian());
      full.record(nanos);
      if (sampled.enter() == DurationRecorder.NOT_TIMED) {
        sampled.recordUntimed();
      } else {
        sampled.record(nanos);
      }
    }
    return new DurationSnapshot[] {full.snapshot(), sampled.snapshot()};
  }

  @Test
  void sampledOneInSixteen_countIsExact_andP50P99WithinFivePercent() {
    for (long seed : new long[] {1, 2, 3}) {
      DurationSnapshot[] s = replay(seed, 400_000, 16);
      assertThat(s[1].count()).as("seed %d: exact count", seed).isEqualTo(400_000);
      HistogramDelta full = HistogramDelta.of(s[0]);
      HistogramDelta sampled = HistogramDelta.of(s[1]);
      for (double q : new double[] {0.5, 0.99}) {
        double expected = full.quantileSeconds(q);
        assertThat(sampled.quantileSeconds(q))
            .as("seed %d, p%.0f", seed, q * 100)
            .isCloseTo(expected, within(expected * 0.05));
      }
      assertThat((double) s[1].sumNanos())
          .as("sum")
          .isCloseTo(s[0].sumNanos(), within(s[0].sumNanos() * 0.05));
    }
  }

  @Test
  void sampled_everySnapshotHasTheExactCount_andNoBucketOrSumEverShrinks() {
    DurationRecorder r = new DurationRecorder();
    r.sampleEvery(8);
    Random random = new Random(7);
    DurationSnapshot previous = r.snapshot();
    long calls = 0;
    for (int round = 0; round < 200; round++) {
      // Rounds of different lengths, as collections see them: most end between two timed calls.
      int n = 1 + random.nextInt(50);
      for (int i = 0; i < n; i++) {
        long nanos = 100 + random.nextInt(1_000_000);
        if (r.enter() == DurationRecorder.NOT_TIMED) {
          r.recordUntimed();
        } else {
          r.record(nanos);
        }
      }
      calls += n;
      DurationSnapshot now = r.snapshot();
      assertThat(now.count()).as("round %d: exact count", round).isEqualTo(calls);
      assertThat(now.sumNanos())
          .as("round %d: sum", round)
          .isGreaterThanOrEqualTo(previous.sumNanos());
      assertThat(now.zeroCount()).isGreaterThanOrEqualTo(previous.zeroCount());
      for (int s = 0; s < DurationBuckets.SLOTS; s++) {
        assertThat(now.slotCount(s))
            .as("round %d, slot %d", round, s)
            .isGreaterThanOrEqualTo(previous.slotCount(s));
      }
      previous = now;
    }
  }

  @Test
  void untimedCalls_copyTheirStripesLastTimedCall() {
    DurationRecorder r = new DurationRecorder();
    r.sampleEvery(4);
    long[] durations = {5_000, 1, 2, 3, 70_000, 1, 2, 3};
    for (long d : durations) {
      if (r.enter() == DurationRecorder.NOT_TIMED) {
        r.recordUntimed();
      } else {
        r.record(d);
      }
    }
    DurationSnapshot s = r.snapshot();
    assertThat(s.count()).isEqualTo(8);
    assertThat(s.sumNanos()).isEqualTo(4 * 5_000 + 4 * 70_000);
    assertThat(s.slotCount(DurationBuckets.slotOf(5_000))).isEqualTo(4);
    assertThat(s.slotCount(DurationBuckets.slotOf(70_000))).isEqualTo(4);
  }

  @Test
  void everyCallTimed_untilToldOtherwise() {
    DurationRecorder r = new DurationRecorder();
    for (int i = 0; i < 100; i++) {
      assertThat(r.enter()).isNotEqualTo(DurationRecorder.NOT_TIMED);
    }
    assertThat(r.samplingInterval()).isEqualTo(1);
    r.sampleEvery(4);
    int timed = 0;
    for (int i = 0; i < 100; i++) {
      if (r.enter() != DurationRecorder.NOT_TIMED) {
        timed++;
        r.record(1_000);
      } else {
        r.recordUntimed();
      }
    }
    assertThat(timed).isEqualTo(25);
    assertThat(r.snapshot().count()).isEqualTo(100);
    assertThat(r.samplingInterval()).isEqualTo(4);
  }
}
