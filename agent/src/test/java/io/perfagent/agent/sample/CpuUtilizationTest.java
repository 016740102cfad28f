package io.perfagent.agent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuUtilizationTest {

  @Test
  void cpuTimeOverWallTimeTimesProcessors_clampedAndNaNWithoutAPreviousReading() {
    CpuUtilization u = new CpuUtilization();
    assertThat(u.next(1_000, 10_000, 2)).isNaN(); // first reading
    assertThat(u.next(6_000, 20_000, 2)).isEqualTo(0.25); // 5 µs of CPU in 10 µs on 2 CPUs
    assertThat(u.next(100_000, 21_000, 2)).isEqualTo(1.0); // clamped
    assertThat(u.next(-1, 30_000, 2)).isNaN(); // reading missing
    assertThat(u.next(200_000, 40_000, 2)).isNaN(); // no previous reading after a missing one
    assertThat(u.next(200_000, 40_000, 2)).isNaN(); // no wall time passed
  }
}
