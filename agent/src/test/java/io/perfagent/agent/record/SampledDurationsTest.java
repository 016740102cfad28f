package io.perfagent.agent.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.core.analyze.HistogramDelta;
import io.perfagent.core.model.DurationSnapshot;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Durations sampled 1 call in N (the overhead governor's lever): counts stay exact, and the scaled
 * histogram answers quantiles as the unsampled one does. Fixed seeds, no timing asserted.
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
  void scaled_bucketsAddUpToTheExactCount() {
    long[] range = new long[11]; // slots 10 to 20
    range[0] = 3;
    range[10] = 1;
    DurationSnapshot s = DurationRecorder.scaled(10, range, 0, 4_000, 7);

    assertThat(s.count()).isEqualTo(11);
    long buckets = s.zeroCount();
    for (int i = 0; i < io.perfagent.core.model.DurationBuckets.SLOTS; i++) {
      buckets += s.slotCount(i);
    }
    assertThat(buckets).isEqualTo(11);
    assertThat(s.slotCount(10)).isEqualTo(8); // 3 × 11/4 = 8.25
    assertThat(s.slotCount(20)).isEqualTo(3); // 2.75, the larger remainder
    assertThat(s.sumNanos()).isEqualTo(11_000);
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
      }
    }
    assertThat(timed).isEqualTo(25);
    assertThat(r.samplingInterval()).isEqualTo(4);
  }
}
