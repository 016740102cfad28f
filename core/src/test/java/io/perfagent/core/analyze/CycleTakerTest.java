package io.perfagent.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import io.perfagent.core.model.MethodSeries;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleTakerTest {

  /** Cumulative state of one method: successes and one error type. */
  private final long[] ok = new long[DurationBuckets.SLOTS];

  private final long[] failed = new long[DurationBuckets.SLOTS];
  private long okSum;
  private long failedSum;

  @Test
  void take_reportsOnlyWhatHappenedSinceThePreviousCycle() {
    CycleTaker taker = new CycleTaker();
    record(ok, 1_000, 100_000); // 1 000 calls of 100 µs
    assertThat(taker.take(series(), 60))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.calls()).isEqualTo(1_000);
              assertThat(c.errors()).isZero();
              assertThat(c.p95Seconds()).isCloseTo(100e-6, within(100e-6 * 0.045));
            });

    record(ok, 900, 10_000_000); // then 900 calls of 10 ms and 100 failures of 20 ms
    record(failed, 100, 20_000_000);
    List<MethodCycle> second = taker.take(series(), 60);
    assertThat(second)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.calls()).isEqualTo(1_000);
              assertThat(c.errors()).isEqualTo(100);
              assertThat(c.errorRatio()).isEqualTo(0.1);
              assertThat(c.throughput()).isCloseTo(1000 / 60.0, within(1e-9));
              assertThat(c.meanSeconds()).isCloseTo(0.011, within(1e-9));
              assertThat(c.p50Seconds()).isCloseTo(0.010, within(0.010 * 0.045));
              assertThat(c.p95Seconds()).isCloseTo(0.020, within(0.020 * 0.045));
              assertThat(c.minSeconds()).isLessThanOrEqualTo(0.010).isGreaterThan(0.009);
              assertThat(c.maxSeconds()).isGreaterThanOrEqualTo(0.020).isLessThan(0.022);
            });

    assertThat(taker.take(series(), 60)).as("an idle cycle lists nothing").isEmpty();
  }

  @Test
  void take_countsCountedMethodsByDelta() {
    CycleTaker taker = new CycleTaker();
    taker.take(List.of(MethodSeries.counted("c", null, 10), MethodSeries.counted("c", "E", 2)), 1);
    List<MethodCycle> next =
        taker.take(
            List.of(MethodSeries.counted("c", null, 15), MethodSeries.counted("c", "E", 3)), 1);
    assertThat(next)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.timed()).isFalse();
              assertThat(c.calls()).isEqualTo(6);
              assertThat(c.errors()).isEqualTo(1);
              assertThat(c.p95Seconds()).isNaN();
            });
  }

  @Test
  void quantiles_ofManyCycles_addUpToTheCallsMade() {
    CycleTaker taker = new CycleTaker();
    long total = 0;
    for (int cycle = 1; cycle <= 50; cycle++) {
      record(ok, cycle * 7, 1_000L * cycle);
      for (MethodCycle c : taker.take(series(), 1)) {
        total += c.calls();
      }
    }
    assertThat(total).isEqualTo(7L * 50 * 51 / 2);
  }

  private void record(long[] cells, int calls, long nanos) {
    cells[DurationBuckets.slotOf(nanos)] += calls;
    if (cells == ok) {
      okSum += calls * nanos;
    } else {
      failedSum += calls * nanos;
    }
  }

  private List<MethodSeries> series() {
    List<MethodSeries> out = new ArrayList<>();
    out.add(
        MethodSeries.timed("shop.Cart.add", null, DurationSnapshot.create(ok.clone(), 0, okSum)));
    if (failedSum > 0) {
      out.add(
          MethodSeries.timed(
              "shop.Cart.add",
              "java.io.IOException",
              DurationSnapshot.create(failed.clone(), 0, failedSum)));
    }
    return out;
  }
}
