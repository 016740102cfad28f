package io.perfagent.agent.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentLogTest {

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureStandardError() {
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    AgentLog.setLevel(AgentLog.Level.INFO);
  }

  @AfterEach
  void restoreStandardError() {
    System.setErr(originalErr);
    AgentLog.setLevel(AgentLog.Level.INFO);
  }

  private String err() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void warnThrottled_printsTheFirstWarningOfAKey_andSwallowsRepeatsWithinTheMinute() {
    String key = unique();
    assertThat(AgentLog.warnThrottled(key, "collector down")).isTrue();
    assertThat(AgentLog.warnThrottled(key, "collector still down")).isFalse();
    assertThat(AgentLog.warnThrottled(key, "collector still down")).isFalse();
    assertThat(err()).isEqualTo("[perf-agent] WARN collector down" + System.lineSeparator());
  }

  @Test
  void warnThrottled_keepsKeysApart() {
    assertThat(AgentLog.warnThrottled(unique(), "one")).isTrue();
    assertThat(AgentLog.warnThrottled(unique(), "two")).isTrue();
    assertThat(err()).contains("WARN one", "WARN two");
  }

  @Test
  void warnEvery_withAnIntervalOfZero_printsEveryTime() {
    String key = unique();
    assertThat(AgentLog.warnEvery(key, 0, "a")).isTrue();
    assertThat(AgentLog.warnEvery(key, 0, "b")).isTrue();
    assertThat(err()).contains("WARN a", "WARN b");
  }

  @Test
  void warnThrottled_printsNothingBelowTheThreshold_butStillCountsAsTheMinutesWarning() {
    AgentLog.setLevel(AgentLog.Level.ERROR);
    String key = unique();
    AgentLog.warnThrottled(key, "hidden");
    AgentLog.setLevel(AgentLog.Level.INFO);
    assertThat(AgentLog.warnThrottled(key, "also hidden")).isFalse();
    assertThat(err()).isEmpty();
  }

  @Test
  void info_hasNoLevelWord_andDebugIsHiddenAtInfo() {
    AgentLog.info("ready");
    AgentLog.debug("details");
    assertThat(err()).isEqualTo("[perf-agent] ready" + System.lineSeparator());
  }

  @Test
  void parseLevel_readsAnyCase_andNamesTheChoicesOtherwise() {
    assertThat(AgentLog.parseLevel(" Debug ")).isEqualTo(AgentLog.Level.DEBUG);
    assertThatThrownBy(() -> AgentLog.parseLevel("loud"))
        .hasMessage("expected one of debug, info, warn, error, off");
  }

  @Test
  void closeQuietly_closes_andTurnsAFailureIntoOneWarningNamingTheResource() {
    boolean[] closed = {false};
    AgentLog.closeQuietly(() -> closed[0] = true, "the sampler");
    AgentLog.closeQuietly(
        () -> {
          throw new IllegalStateException("disk gone");
        },
        "the history");
    AgentLog.closeQuietly(null, "nothing");
    assertThat(closed[0]).isTrue();
    assertThat(err())
        .isEqualTo(
            "[perf-agent] WARN the history did not close cleanly: java.lang.IllegalStateException:"
                + " disk gone"
                + System.lineSeparator());
  }

  private static String unique() {
    return "test-" + UUID.randomUUID();
  }
}
