package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class AnnotationNamesTest {

  @Test
  void honouredBy_theDefaults_isEveryName() {
    assertThat(AnnotationNames.honouredBy(config(null)))
        .containsExactlyElementsOf(AnnotationNames.ALL);
  }

  @Test
  void honouredBy_dropsWithSpanAndMicrometer_whenTurnedOff_butNeverTheAgentsOwn() {
    assertThat(AnnotationNames.honouredBy(config("perf.instrument.withspan=false")))
        .doesNotContain(AnnotationNames.WITH_SPAN, AnnotationNames.WITH_SPAN_LEGACY)
        .contains(AnnotationNames.MICROMETER_TIMED);
    assertThat(
            AnnotationNames.honouredBy(
                config("perf.instrument.withspan=false,perf.instrument.micrometer=false")))
        .containsExactly(AnnotationNames.MEASURED, AnnotationNames.COUNTED);
  }

  @Test
  void theOpenTelemetryNames_surviveShading() {
    // Assembled at run time so that the shade plugin's relocation of io.opentelemetry misses them.
    assertThat(AnnotationNames.WITH_SPAN)
        .isEqualTo("io.opentelemetry.instrumentation.annotations.WithSpan");
  }

  private static AgentConfig config(String args) {
    return ConfigLoader.load(args, Collections.emptyMap(), Collections.emptyMap()).config();
  }
}
