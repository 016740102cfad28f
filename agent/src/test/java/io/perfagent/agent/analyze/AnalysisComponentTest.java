package io.perfagent.agent.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.agent.store.StateDir;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.history.HistoryCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis cycle as the agent runs it, driven by hand: a method that doubles its latency is
 * judged Critical, becomes a persistent-degradation anomaly after three cycles, and both land in
 * the history file and the exported anomaly count.
 */
class AnalysisComponentTest {

  @TempDir Path dir;

  @Test
  void aDoubledLatency_becomesACriticalAnomaly_inHistoryAndCounts() throws Exception {
    AgentConfig config =
        ConfigLoader.load(
                "perf.level.min-calls=100,perf.jfr.on-critical=true,perf.jfr.duration=1s",
                Collections.emptyMap(),
                Collections.emptyMap())
            .config();
    MethodRegistry registry = new MethodRegistry(10);
    int id = registry.register("shop.Cart.add", MethodKind.TIMED);
    List<String> lines;
    try (StateDir state = StateDir.open(dir.toString(), "shop");
        AgentScheduler scheduler = new AgentScheduler()) {
      AnalysisComponent analysis =
          new AnalysisComponent(config, registry, null, state, "shop", "i-1");
      analysis.start(scheduler); // its own cycle is a minute away; the test drives the cycles
      for (int cycle = 0; cycle < 12; cycle++) {
        long nanos = cycle < 6 ? 10_000_000 : 20_000_000;
        for (int call = 0; call < 300; call++) {
          registry.timed(id, nanos, null);
        }
        analysis.cycle();
      }
      assertThat(analysis.latest().methods())
          .singleElement()
          .satisfies(m -> assertThat(m.level()).isEqualTo(Level.CRITICAL));
      assertThat(analysis.anomalyCounts()).containsKey("persistent_degradation|critical");
      assertThat(analysis.openFindings())
          .anySatisfy(f -> assertThat(f.series()).isEqualTo("shop.Cart.add"));
      assertThat(analysis.recommendations()).isNotEmpty();
      try (java.util.stream.Stream<Path> jfr = Files.list(state.path().resolve("jfr"))) {
        assertThat(jfr).as("one recording started on the critical anomaly").hasSize(1);
      }
      analysis.close();
      lines = Files.readAllLines(state.path().resolve("perfwatch.jsonl"), StandardCharsets.UTF_8);
    }
    assertThat(lines).hasSize(13);
    assertThat(lines.subList(8, 12))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        "\"findings\":[{", "\"kind\":\"persistent_degradation\"", "shop.Cart.add"));
    assertThat(lines)
        .allSatisfy(l -> assertThat(HistoryCodec.parse(l).service()).isEqualTo("shop"));
  }
}
