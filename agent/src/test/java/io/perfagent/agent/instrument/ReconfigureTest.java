package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import io.perfagent.core.model.MethodSeries;
import java.util.Collections;
import java.util.Objects;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import selection.reload.Alpha;
import selection.reload.Beta;

/**
 * A selection changed while the agent runs: classes are retransformed so that added methods start
 * counting, removed ones stop and kept ones go on from their count; detach restores every class.
 */
class ReconfigureTest {

  @Test
  void reconfigure_addsAndRemovesMethods_keepsCounts_andDetachRestoresTheClass() throws Exception {
    MethodRegistry registry = new MethodRegistry(100);
    Probe.install(registry);
    Instrumenter instrumenter =
        Instrumenter.register(
            ByteBuddyAgent.install(), config("selection.reload.Alpha#a"), registry);
    try {
      instrumenter.activate();
      Alpha alpha = new Alpha();
      alpha.a();
      alpha.b();
      assertThat(calls(registry, "selection.reload.Alpha.a")).isEqualTo(1);
      assertThat(calls(registry, "selection.reload.Alpha.b")).isZero();

      int retransformed = instrumenter.reconfigure(config("selection.reload.Alpha#b"));
      alpha.a();
      alpha.b();
      assertThat(retransformed).isGreaterThanOrEqualTo(1);
      assertThat(calls(registry, "selection.reload.Alpha.a")).as("removed: stops").isEqualTo(1);
      assertThat(calls(registry, "selection.reload.Alpha.b")).as("added: starts").isEqualTo(1);

      instrumenter.reconfigure(config("selection.reload.Alpha#*"));
      alpha.a();
      alpha.b();
      assertThat(calls(registry, "selection.reload.Alpha.a")).as("re-added: goes on").isEqualTo(2);
      assertThat(calls(registry, "selection.reload.Alpha.b")).as("kept: goes on").isEqualTo(2);

      assertThat(instrumenter.detach()).isGreaterThanOrEqualTo(1);
      alpha.a();
      alpha.b();
      assertThat(alpha.a() + alpha.b()).isEqualTo(3);
      assertThat(calls(registry, "selection.reload.Alpha.a")).as("detached").isEqualTo(2);
      assertThat(calls(registry, "selection.reload.Alpha.b")).as("detached").isEqualTo(2);
    } finally {
      instrumenter.remove();
      Probe.install(null);
    }
  }

  @Test
  void reconfigure_retransformsOnlyTheClassesAnAddedOrRemovedPatternNames_andKeptOnesCountOn()
      throws Exception {
    MethodRegistry registry = new MethodRegistry(100);
    Probe.install(registry);
    Instrumenter instrumenter =
        Instrumenter.register(
            ByteBuddyAgent.install(), config("selection.reload.Alpha#a"), registry);
    try {
      instrumenter.activate();
      Alpha alpha = new Alpha();
      Beta beta = new Beta();
      alpha.a();
      beta.b();

      assertThat(instrumenter.reconfigure(config("selection.reload.Alpha#a,selection.reload.B*#b")))
          .as("Beta only: Alpha's pattern is kept")
          .isEqualTo(1);
      alpha.a();
      beta.b();
      assertThat(calls(registry, "selection.reload.Alpha.a")).as("kept, untouched").isEqualTo(2);
      assertThat(calls(registry, "selection.reload.Beta.b")).as("added").isEqualTo(1);

      assertThat(
              instrumenter.reconfigure(
                  config("selection.reload.Alpha#a,selection.reload.B*#b,!selection.reload.Beta")))
          .as("an added exclude concerns the classes it names")
          .isEqualTo(1);
      beta.b();
      assertThat(calls(registry, "selection.reload.Beta.b")).as("excluded: stops").isEqualTo(1);

      assertThat(
              instrumenter.reconfigure(
                  config("selection.reload.Alpha#a,selection.reload.B*#b,!selection.reload.Beta")))
          .as("nothing changed, nothing retransformed")
          .isZero();
      assertThat(instrumenter.unmatchedPatterns())
          .as("a kept pattern that matched before still counts as matched")
          .noneMatch(line -> line.contains("selection.reload.Alpha#a"));
    } finally {
      instrumenter.detach();
      instrumenter.remove();
      Probe.install(null);
    }
  }

  private static AgentConfig config(String methods) {
    return ConfigLoader.load(
            "perf.instrument.methods=" + methods, Collections.emptyMap(), Collections.emptyMap())
        .config();
  }

  private static long calls(MethodRegistry registry, String function) {
    return registry.collect().stream()
        .filter(s -> s.functionName().equals(function) && Objects.isNull(s.errorType()))
        .mapToLong(MethodSeries::calls)
        .sum();
  }
}
