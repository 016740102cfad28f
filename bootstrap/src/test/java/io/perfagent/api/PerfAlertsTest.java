package io.perfagent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerfAlertsTest {

  private static AlertEvent event(String state) {
    return new AlertEvent("r:m:1", "r", "m", state, "CRITICAL", 2.0, 1.0, "s", 1, 2, "m p99 2 s");
  }

  @Test
  void listenersGetEveryEvent_aThrowingOneIsCountedAndDoesNotStopTheOthers_andCanBeRemoved() {
    List<String> seen = new ArrayList<>();
    AlertListener throwing =
        e -> {
          throw new IllegalStateException("the application's bug");
        };
    AlertListener recording = e -> seen.add(e.state() + " " + e.severity() + " " + e.metric());
    long failuresBefore = PerfAlerts.listenerFailures();
    PerfAlerts.addListener(throwing);
    PerfAlerts.addListener(recording);
    PerfAlerts.addListener(recording); // twice: still once
    try {
      PerfAlerts.publish(event("firing"));
      PerfAlerts.publish(event("resolved"));
      assertThat(seen).containsExactly("firing CRITICAL m", "resolved CRITICAL m");
      assertThat(PerfAlerts.listenerFailures() - failuresBefore).isEqualTo(2);
    } finally {
      assertThat(PerfAlerts.removeListener(throwing)).isTrue();
      assertThat(PerfAlerts.removeListener(recording)).isTrue();
    }
    PerfAlerts.publish(event("firing"));
    assertThat(seen).hasSize(2);
    assertThat(PerfAlerts.removeListener(recording)).isFalse();
  }

  @Test
  void aNullListenerIsRefused() {
    assertThatThrownBy(() -> PerfAlerts.addListener(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("listener must not be null");
  }
}
