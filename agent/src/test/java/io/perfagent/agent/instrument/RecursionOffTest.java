package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import io.perfagent.core.model.MethodSeries;
import java.lang.instrument.Instrumentation;
import java.util.Collections;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;
import recursion.Uncopied;

/** {@code perf.instrument.recursion=false}: no copy, every frame measured in full. */
class RecursionOffTest {

  @Test
  void withTheSwitchOff_aRecursionHasNoCopy_andEveryCallCounts() throws Exception {
    Instrumentation inst = ByteBuddyAgent.install();
    MethodRegistry registry = new MethodRegistry(100);
    Probe.install(registry);
    Instrumenter instrumenter =
        Instrumenter.register(
            inst,
            ConfigLoader.load(
                    "perf.instrument.recursion=false",
                    Collections.emptyMap(),
                    Collections.emptyMap())
                .config(),
            registry);
    instrumenter.activate();
    try {
      assertThat(Uncopied.down(20)).isEqualTo(20);

      assertThat(Uncopied.class.getDeclaredMethods()).hasSize(1);
      assertThat(registry.collect())
          .filteredOn(s -> s.functionName().equals("recursion.Uncopied.down"))
          .extracting(MethodSeries::calls)
          .containsExactly(21L);
    } finally {
      instrumenter.remove();
      Probe.install(null);
    }
  }
}
