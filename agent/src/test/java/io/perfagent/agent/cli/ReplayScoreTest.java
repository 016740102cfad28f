package io.perfagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.FindingKind;
import io.perfagent.core.detect.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayScoreTest {

  private static final long H = 3_600_000L;

  /** 100 hourly cycles labelled 1 on [50, 55): one window of 10 cycles, [48, 57]. */
  private static Replay.Cycles cycles() {
    long[] ts = new long[100];
    double[] v = new double[100];
    int[] l = new int[100];
    for (int i = 0; i < 100; i++) {
      ts[i] = i * H;
      l[i] = i >= 50 && i < 55 ? 1 : 0;
    }
    return new Replay.Cycles("s", ts, v, l, true);
  }

  private static Finding open(int cycle, FindingKind kind) {
    return Finding.builder(kind, "s")
        .severity(Severity.WARNING)
        .timestamp(cycle * H)
        .evidence("x")
        .build();
  }

  @Test
  void detectionAtTheWindowStart_scoresNear100_andNothingScores0() {
    ReplayScore best =
        ReplayScore.of(
            cycles(), Arrays.asList(open(48, FindingKind.STEP_CHANGE)), false, Severity.INFO);
    assertThat(best.windows).isEqualTo(1);
    assertThat(best.truePositives).isEqualTo(1);
    assertThat(best.normalized()).isCloseTo(100, within(1e-9));
    assertThat(best.medianDelay()).isEqualTo(-2);
    ReplayScore none = ReplayScore.of(cycles(), new ArrayList<>(), false, Severity.INFO);
    assertThat(none.normalized()).isEqualTo(0);
    assertThat(none.recall()).isEqualTo(0);
  }

  @Test
  void falseAlarmsCost011_andASecondKindOnTheSameIncidentIsNotAnotherAlarm() {
    List<Finding> f =
        Arrays.asList(
            open(10, FindingKind.PERSISTENT_DEGRADATION),
            open(11, FindingKind.STEP_CHANGE),
            open(52, FindingKind.PERSISTENT_DEGRADATION));
    ReplayScore s = ReplayScore.of(cycles(), f, false, Severity.INFO);
    // The anomaly opened at 10 never resolves, so 11 and 52 fall into the same incident.
    assertThat(s.falseAlarms).isEqualTo(1);
    assertThat(s.truePositives).isEqualTo(0);
    assertThat(s.raw).isCloseTo(-0.11 - 1.0, within(1e-9));
    assertThat(s.precision()).isEqualTo(0);
  }

  @Test
  void warningOnly_ignoresInfoAnomalies() {
    Finding info =
        Finding.builder(FindingKind.PERSISTENT_DEGRADATION, "s")
            .severity(Severity.INFO)
            .timestamp(30 * H)
            .evidence("x")
            .build();
    ReplayScore s = ReplayScore.of(cycles(), Arrays.asList(info), false, Severity.WARNING);
    assertThat(s.falseAlarms).isZero();
  }
}
