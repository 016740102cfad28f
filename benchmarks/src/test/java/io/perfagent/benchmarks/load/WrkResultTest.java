package io.perfagent.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WrkResultTest {

  // wrk 4.1.0 (Debian) with --latency, against the load application on this machine.
  private static final String CLEAN =
      String.join(
          "\n",
          "Running 5s test @ http://127.0.0.1:39407/owners/1",
          "  2 threads and 16 connections",
          "  Thread Stats   Avg      Stdev     Max   +/- Stdev",
          "    Latency    33.47ms  105.21ms 643.01ms   92.93%",
          "    Req/Sec     2.70k     2.14k    7.41k    67.05%",
          "  Latency Distribution",
          "     50%    2.32ms",
          "     75%    8.27ms",
          "     90%   34.74ms",
          "     99%  563.79ms",
          "  23795 requests in 5.09s, 4.51MB read",
          "Requests/sec:   4678.57",
          "Transfer/sec:      0.89MB",
          "");

  @Test
  void readsRequestsRateAndPercentiles() {
    WrkResult r = WrkResult.parse(CLEAN);

    assertThat(r.requests()).isEqualTo(23_795);
    assertThat(r.requestsPerSecond()).isEqualTo(4678.57);
    assertThat(r.p50Millis()).isEqualTo(2.32);
    assertThat(r.p99Millis()).isEqualTo(563.79);
    assertThat(r.non2xx()).isZero();
    assertThat(r.socketErrors()).isZero();
  }

  @Test
  void convertsEveryLatencyUnitToMilliseconds() {
    String output =
        CLEAN
            .replace("     50%    2.32ms", "     50%  812.00us")
            .replace("     99%  563.79ms", "     99%    1.50s");

    WrkResult r = WrkResult.parse(output);

    assertThat(r.p50Millis()).isCloseTo(0.812, within(1e-9));
    assertThat(r.p99Millis()).isEqualTo(1500.0);
  }

  @Test
  void countsFailedResponsesAndSocketErrors() {
    String output =
        CLEAN.replace(
            "Requests/sec:",
            "  Socket errors: connect 0, read 2, write 1, timeout 4\n"
                + "  Non-2xx or 3xx responses: 17\nRequests/sec:");

    WrkResult r = WrkResult.parse(output);

    assertThat(r.non2xx()).isEqualTo(17);
    assertThat(r.socketErrors()).isEqualTo(7);
  }

  @Test
  void outputWithoutAThroughputLine_isRefusedWithTheOutput() {
    assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Requests/sec")
        .hasMessageContaining("Connection refused");
  }

  @Test
  void outputWithoutTheLatencyDistribution_saysToRunWithLatency() {
    String output = CLEAN.replaceAll("(?m)^\\s+\\d+%.*\\n", "");

    assertThatThrownBy(() -> WrkResult.parse(output))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--latency");
  }
}
