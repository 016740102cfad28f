package io.perfagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.log.AgentLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final Map<String, String> NONE = Collections.emptyMap();

  @Test
  void defaults_applyWithoutAnySource() {
    ConfigLoader.Result r = ConfigLoader.load(null, NONE, NONE);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().enabled()).isTrue();
    assertThat(r.config().withSpan()).isTrue();
    assertThat(r.config().micrometer()).isTrue();
    assertThat(r.config().methods()).isEmpty();
    assertThat(r.config().maxMethods()).isEqualTo(10_000);
    assertThat(r.config().logLevel()).isEqualTo(AgentLog.Level.INFO);
  }

  @Test
  void agentArguments_winOverSystemPropertiesOverEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PERF_INSTRUMENT_MAX_METHODS", "5");
    env.put("PERF_INSTRUMENT_WITHSPAN", "false");
    env.put("PERF_LOG_LEVEL", "debug");
    Map<String, String> props = new HashMap<>();
    props.put("perf.instrument.max-methods", "6");
    props.put("perf.log.level", "warn");
    ConfigLoader.Result r = ConfigLoader.load("perf.instrument.max-methods=7", props, env);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().maxMethods()).isEqualTo(7);
    assertThat(r.config().logLevel()).isEqualTo(AgentLog.Level.WARN);
    assertThat(r.config().withSpan()).isFalse();
  }

  @Test
  void agentArguments_keepCommasInsideListValues() {
    ConfigLoader.Result r =
        ConfigLoader.load("perf.instrument.methods=a.B#x,a.B#y,perf.enabled=true", NONE, NONE);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().methods()).extracting(MethodPattern::toString).containsExactly("a.B#x", "a.B#y");
  }

  @Test
  void badValue_isReportedWithKeyOriginAndExpectation_andTheDefaultKept() {
    ConfigLoader.Result r = ConfigLoader.load("perf.instrument.max-methods=lots", NONE, NONE);
    assertThat(r.config().maxMethods()).isEqualTo(10_000);
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("perf.instrument.max-methods", "agent argument", "'lots'", "whole number", "default '10000'");
  }

  @Test
  void unknownKey_isReportedWithTheKnownKeys() {
    ConfigLoader.Result r = ConfigLoader.load("perf.enabeld=false", NONE, NONE);
    assertThat(r.config().enabled()).isTrue();
    assertThat(r.problems()).singleElement().asString().contains("unknown key 'perf.enabeld'", "perf.enabled");
  }

  @Test
  void unknownEnvironmentVariable_isReported() {
    ConfigLoader.Result r =
        ConfigLoader.load(null, NONE, Collections.singletonMap("PERF_ENABLE", "false"));
    assertThat(r.problems()).singleElement().asString().contains("PERF_ENABLE", "PERF_ENABLED");
  }

  @Test
  void badMethodPattern_isReported() {
    ConfigLoader.Result r = ConfigLoader.load("perf.instrument.methods=a.B.x", NONE, NONE);
    assertThat(r.config().methods()).isEmpty();
    assertThat(r.problems()).singleElement().asString().contains("pkg.Class#method", "a.B.x");
  }

  @Test
  void otelKeys_arePassedOnAndBadOnesReplacedByTheirDefault() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/json");
    env.put("OTEL_SERVICE_NAME", "shop");
    ConfigLoader.Result r =
        ConfigLoader.load("otel.metric.export.interval=5s,otel.metrics.exporter=carrier-pigeon", NONE, env);
    assertThat(r.config().otelProperties())
        .containsEntry("otel.service.name", "shop")
        .containsEntry("otel.metric.export.interval", "5s")
        .containsEntry("otel.exporter.otlp.protocol", "grpc")
        .containsEntry("otel.metrics.exporter", "otlp");
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0) + r.problems().get(1))
        .contains("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf", "otel.metrics.exporter", "carrier-pigeon");
  }

  @Test
  void configFile_isTheLowestPrioritySource(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("perf.properties");
    Files.write(file, "perf.instrument.max-methods=3\nperf.instrument.micrometer=false\notel.service.name=file\n".getBytes());
    ConfigLoader.Result r =
        ConfigLoader.load(
            "perf.config.file=" + file + ",perf.instrument.max-methods=4", NONE, NONE);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().maxMethods()).isEqualTo(4);
    assertThat(r.config().micrometer()).isFalse();
    assertThat(r.config().otelProperties()).containsEntry("otel.service.name", "file");
  }

  @Test
  void missingConfigFile_isReportedByName() {
    ConfigLoader.Result r = ConfigLoader.load("perf.config.file=/nonexistent/perf.properties", NONE, NONE);
    assertThat(r.config().enabled()).isTrue();
    assertThat(r.problems()).singleElement().asString().contains("/nonexistent/perf.properties", "perf.config.file");
  }

  @Test
  void argumentWithoutEquals_isReported() {
    ConfigLoader.Result r = ConfigLoader.load("verbose", NONE, NONE);
    assertThat(r.problems()).singleElement().asString().contains("'verbose'", "key=value");
  }
}
