package io.perfagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analysis and detection keys: their defaults, their units, and one line for a bad value. */
class AnalysisKeysTest {

  @Test
  void defaults() {
    AgentConfig c = load("");
    assertThat(c.analysisIntervalMillis()).isEqualTo(60_000);
    assertThat(c.baselineWindowMillis()).isEqualTo(7 * 86_400_000L);
    assertThat(c.baselinePinned()).isFalse();
    assertThat(c.historyMaxBytes()).isEqualTo(1 << 20);
    assertThat(c.historyFiles()).isEqualTo(5);
    assertThat(c.levelThresholds()).containsExactly(0.15, 0.30, 0.50);
    assertThat(c.levelMinCalls()).isEqualTo(200);
    assertThat(c.levelMinDeltaNanos()).isEqualTo(1_000_000);
    assertThat(c.detectPersistCycles()).isEqualTo(3);
    assertThat(c.detectStepMinEffect()).isEqualTo(0.15);
    assertThat(c.stateDir()).isEmpty();
  }

  @Test
  void unitsAreRead() {
    AgentConfig c =
        load(
            "perf.analysis.interval=1s,perf.baseline.window=24h,perf.history.max-size=512KB,"
                + "perf.level.thresholds=10,20,40,perf.level.min-delta=250us,perf.detect.step.min-effect=20%");
    assertThat(c.analysisIntervalMillis()).isEqualTo(1_000);
    assertThat(c.baselineWindowMillis()).isEqualTo(86_400_000L);
    assertThat(c.historyMaxBytes()).isEqualTo(512 << 10);
    assertThat(c.levelMinDeltaNanos()).isEqualTo(250_000);
    assertThat(c.detectStepMinEffect()).isEqualTo(0.20);
  }

  @Test
  void badValues_costOnlyTheirKey_withOneLineEach() {
    ConfigLoader.Result r =
        ConfigLoader.load(
            "perf.analysis.interval=10ms,perf.level.thresholds=50;30;15,"
                + "perf.history.max-size=lots,perf.detect.persist-cycles=0",
            Collections.emptyMap(),
            Collections.emptyMap());
    assertThat(r.problems()).hasSize(4);
    assertThat(r.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("perf.analysis.interval", "expected a duration from 1s to 1h"));
    assertThat(r.problems())
        .anySatisfy(
            p -> assertThat(p).contains("perf.level.thresholds", "three increasing percentages"));
    assertThat(r.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("perf.history.max-size", "expected a size from 64KB to 1GB"));
    assertThat(r.problems()).anySatisfy(p -> assertThat(p).contains("perf.detect.persist-cycles"));
    assertThat(r.config().analysisIntervalMillis()).isEqualTo(60_000);
  }

  private static AgentConfig load(String args) {
    ConfigLoader.Result r = ConfigLoader.load(args, Collections.emptyMap(), Map.of());
    assertThat(r.problems()).isEmpty();
    return r.config();
  }
}
