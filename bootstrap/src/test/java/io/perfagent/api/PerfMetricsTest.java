package io.perfagent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PerfMetricsTest {

  @Test
  void register_returnsTheSameInstrumentForTheSameName() {
    Counter a = PerfMetrics.counter("t.same", "{x}");
    Counter b = PerfMetrics.counter("t.same", "{x}");
    assertThat(a).isSameAs(b);
    a.add(2);
    b.increment();
    b.add(-5); // a counter never goes down
    assertThat(a.value()).isEqualTo(3);
  }

  @Test
  void badName_failsAtRegistration_withWhatIsExpected() {
    assertThatThrownBy(() -> PerfMetrics.counter("1bad", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1bad'")
        .hasMessageContaining("expected a letter");
    assertThatThrownBy(() -> PerfMetrics.timer("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character ' '");
    assertThatThrownBy(() -> PerfMetrics.counter("x".repeat(256), "1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badUnit_failsAtRegistration() {
    assertThatThrownBy(() -> PerfMetrics.gauge("t.gauge.unit", "kilo bytes", () -> 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad unit 'kilo bytes'");
  }

  @Test
  void sameNameAsAnotherKind_isAClearError() {
    PerfMetrics.counter("t.kind", "1");
    assertThatThrownBy(() -> PerfMetrics.timer("t.kind"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already a Counter");
  }

  @Test
  void timer_recordsAlsoWhenTheWorkThrows() {
    Timer t = PerfMetrics.timer("t.timer");
    t.record(3, TimeUnit.MILLISECONDS);
    assertThatThrownBy(
            () ->
                t.time(
                    (Runnable)
                        () -> {
                          throw new IllegalStateException("x");
                        }))
        .hasMessage("x");
    assertThat(t.count()).isEqualTo(2);
    assertThat(t.totalNanos()).isGreaterThanOrEqualTo(3_000_000);
  }

  @Test
  void gauge_thatThrows_readsAsNaN() {
    Gauge g =
        PerfMetrics.gauge(
            "t.gauge.throws",
            "1",
            () -> {
              throw new IllegalStateException();
            });
    assertThat(g.value()).isNaN();
    assertThat(PerfMetrics.registered()).contains(g);
  }
}
