package io.perfagent.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.bootstrap.Probe;
import io.perfagent.core.model.MethodSeries;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverheadGovernorTest {

  private final MethodRegistry registry = new MethodRegistry(10);
  private final AtomicLong now = new AtomicLong();

  /** {@code calls} calls of a method through the sink, as woven code makes them. */
  private void call(int id, int calls) {
    for (int i = 0; i < calls; i++) {
      long start = registry.enter(id);
      if (start == Probe.UNTIMED) {
        registry.untimed(id, null);
      } else {
        registry.timed(id, 1_000, null);
      }
    }
  }

  private int intervalOf(String name) {
    return registry.collect().stream()
        .filter(s -> s.functionName().equals(name) && s.errorType() == null)
        .mapToInt(MethodSeries::samplingInterval)
        .findFirst()
        .orElseThrow();
  }

  private long callsOf(String name) {
    return registry.collect().stream()
        .filter(s -> s.functionName().equals(name))
        .mapToLong(MethodSeries::calls)
        .sum();
  }

  @Test
  void hotMethodOverTheBudget_isSampled_coldOneIsNot_andEveryCallCounts() {
    int hot = registry.register("app.Hot.run", MethodKind.TIMED);
    int cold = registry.register("app.Cold.run", MethodKind.TIMED);
    // 1 % of a core with 20 ns clock reads: ~192 000 timed calls a second in all.
    OverheadGovernor governor = new OverheadGovernor(registry, 0.01, 20, now::get);

    call(hot, 2_000_000);
    call(cold, 1_000);
    now.addAndGet(1_000_000_000L);
    governor.run();

    assertThat(intervalOf("app.Hot.run")).isGreaterThan(1);
    assertThat(intervalOf("app.Cold.run")).isEqualTo(1);

    call(hot, 2_000_000);
    call(cold, 1_000);
    assertThat(callsOf("app.Hot.run")).isEqualTo(4_000_000);
    assertThat(callsOf("app.Cold.run")).isEqualTo(2_000);
  }

  @Test
  void theHotMethodsEstimatedCost_staysUnderTheBudget() {
    int hot = registry.register("app.Hot.run", MethodKind.TIMED);
    OverheadGovernor governor = new OverheadGovernor(registry, 0.01, 20, now::get);
    call(hot, 5_000_000);
    now.addAndGet(1_000_000_000L);
    governor.run();

    int n = intervalOf("app.Hot.run");
    double timing = OverheadGovernor.timingNanos(2 * 20 + OverheadGovernor.RECORD_NANOS);
    double cost = 5_000_000.0 / n * timing;
    assertThat(cost).as("ns of timing per second at 1 in %d", n).isLessThanOrEqualTo(0.01e9);
    assertThat(cost * 2).as("and not sampled more than needed").isGreaterThan(0.01e9);
  }

  @Test
  void whenTheLoadDrops_everyCallIsTimedAgain() {
    int hot = registry.register("app.Hot.run", MethodKind.TIMED);
    OverheadGovernor governor = new OverheadGovernor(registry, 0.01, 20, now::get);
    call(hot, 2_000_000);
    now.addAndGet(1_000_000_000L);
    governor.run();
    assertThat(intervalOf("app.Hot.run")).isGreaterThan(1);

    call(hot, 100);
    now.addAndGet(1_000_000_000L);
    governor.run();
    assertThat(intervalOf("app.Hot.run")).isEqualTo(1);
  }

  @Test
  void budgetZero_isOff_everyCallTimed() {
    int hot = registry.register("app.Hot.run", MethodKind.TIMED);
    OverheadGovernor governor = new OverheadGovernor(registry, 0, 20, now::get);
    call(hot, 2_000_000);
    now.addAndGet(1_000_000_000L);
    governor.run();
    assertThat(intervalOf("app.Hot.run")).isEqualTo(1);
  }
}
