package io.perfagent.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadReportTest {

  @Test
  void cpuPerRequestIsScaledToTenThousandMeasuredCallsPerSecond() {
    // 3 µs more CPU per request of 3 measured calls = 1 µs per call; 10 000 calls/s → 10 ms of CPU
    // per second = 1 % of one core.
    assertThat(LoadReport.percentOfCoreAtReference(3.0)).isCloseTo(1.0, within(1e-12));
    assertThat(LoadReport.percentOfCoreAtReference(0.0)).isZero();
  }
}
