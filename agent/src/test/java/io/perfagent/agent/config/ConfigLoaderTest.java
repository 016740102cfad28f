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
    assertThat(r.config().methods())
        .extracting(MethodPattern::toString)
        .containsExactly("a.B#x", "a.B#y");
  }

  @Test
  void badValue_isReportedWithKeyOriginAndExpectation_andTheDefaultKept() {
    ConfigLoader.Result r = ConfigLoader.load("perf.instrument.max-methods=lots", NONE, NONE);
    assertThat(r.config().maxMethods()).isEqualTo(10_000);
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains(
            "perf.instrument.max-methods",
            "agent argument",
            "'lots'",
            "whole number",
            "default '10000'");
  }

  @Test
  void unknownKey_isReportedWithTheKnownKeys() {
    ConfigLoader.Result r = ConfigLoader.load("perf.enabeld=false", NONE, NONE);
    assertThat(r.config().enabled()).isTrue();
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("unknown key 'perf.enabeld'", "perf.enabled");
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
        ConfigLoader.load(
            "otel.metric.export.interval=5s,otel.metrics.exporter=carrier-pigeon", NONE, env);
    assertThat(r.config().otelProperties())
        .containsEntry("otel.service.name", "shop")
        .containsEntry("otel.metric.export.interval", "5s")
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.metrics.exporter", "otlp");
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0) + r.problems().get(1))
        .contains(
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "http/protobuf",
            "otel.metrics.exporter",
            "carrier-pigeon");
  }

  @Test
  void configFile_isTheLowestPrioritySource(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("perf.properties");
    Files.write(
        file,
        "perf.instrument.max-methods=3\nperf.instrument.micrometer=false\notel.service.name=file\n"
            .getBytes());
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
    ConfigLoader.Result r =
        ConfigLoader.load("perf.config.file=/nonexistent/perf.properties", NONE, NONE);
    assertThat(r.config().enabled()).isTrue();
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("/nonexistent/perf.properties", "perf.config.file");
  }

  @Test
  void argumentWithoutEquals_isReported() {
    ConfigLoader.Result r = ConfigLoader.load("verbose", NONE, NONE);
    assertThat(r.problems()).singleElement().asString().contains("'verbose'", "key=value");
  }

  @Test
  void exportKeys_haveSmallDefaults_andAreRead() {
    assertThat(ConfigLoader.load(null, NONE, NONE).config().exportMaxBatchPoints()).isEqualTo(2000);
    assertThat(ConfigLoader.load(null, NONE, NONE).config().exportShutdownTimeoutMillis())
        .isEqualTo(5000);
    ConfigLoader.Result r =
        ConfigLoader.load(
            "perf.export.max-batch-points=500,perf.export.shutdown-timeout=1s", NONE, NONE);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().exportMaxBatchPoints()).isEqualTo(500);
    assertThat(r.config().exportShutdownTimeoutMillis()).isEqualTo(1000);
  }

  @Test
  void perfOtelKey_winsOverTheOtelKey_fromAnySource() {
    Map<String, String> props = new HashMap<>();
    props.put("otel.metrics.exporter", "none"); // meant for the OpenTelemetry agent
    props.put("otel.service.name", "for-the-otel-agent");
    Map<String, String> env = new HashMap<>();
    env.put("PERF_OTEL_SERVICE_NAME", "for-perf-agent");
    ConfigLoader.Result r = ConfigLoader.load("perf.otel.metrics.exporter=otlp", props, env);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().otelProperties())
        .containsEntry("otel.metrics.exporter", "otlp")
        .containsEntry("otel.service.name", "for-perf-agent")
        .doesNotContainKey("perf.otel.metrics.exporter");
  }

  @Test
  void badPerfOtelKey_fallsBackToTheOtelKey() {
    ConfigLoader.Result r =
        ConfigLoader.load(
            "perf.otel.exporter.otlp.protocol=carrier-pigeon,otel.exporter.otlp.protocol=http/protobuf",
            NONE,
            NONE);
    assertThat(r.config().otelProperties())
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains(
            "perf.otel.exporter.otlp.protocol",
            "carrier-pigeon",
            "using otel.exporter.otlp.protocol instead");
  }

  @Test
  void badEndpoint_isReplacedByTheDefaultOfItsProtocol() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "htp:/x");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    assertThat(ConfigLoader.load(null, NONE, env).config().otelProperties())
        .containsEntry("otel.exporter.otlp.endpoint", "http://localhost:4317");
    env.remove("OTEL_EXPORTER_OTLP_PROTOCOL"); // the default: http/protobuf
    ConfigLoader.Result r = ConfigLoader.load(null, NONE, env);
    assertThat(r.config().otelProperties())
        .containsEntry("otel.exporter.otlp.endpoint", "http://localhost:4318");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains(
            "otel.exporter.otlp.endpoint",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "'htp:/x'",
            "using the default 'http://localhost:4318'");
  }

  @Test
  void endpointWithAPortThatIsNotANumber_isBad() {
    ConfigLoader.Result r =
        ConfigLoader.load("otel.exporter.otlp.endpoint=http://127.0.0.1:notaport", NONE, NONE);
    assertThat(r.problems()).singleElement().asString().contains("numeric port");
  }

  @Test
  void grpcEndpointWithAPath_isBad_butAnHttpOneIsFine() {
    assertThat(
            ConfigLoader.load(
                    "otel.exporter.otlp.protocol=grpc,otel.exporter.otlp.endpoint=http://c:4317/v1",
                    NONE,
                    NONE)
                .problems())
        .singleElement()
        .asString()
        .contains("no path");
    assertThat(
            ConfigLoader.load("otel.exporter.otlp.endpoint=http://c:4318/otlp", NONE, NONE)
                .problems())
        .isEmpty();
  }

  @Test
  void badMetricsEndpoint_fallsBackToTheGeneralOne() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
    env.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "collector");
    ConfigLoader.Result r = ConfigLoader.load(null, NONE, env);
    assertThat(r.config().otelProperties())
        .containsEntry("otel.exporter.otlp.metrics.endpoint", "http://collector:4318/v1/metrics");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("otel.exporter.otlp.metrics.endpoint");
  }

  @Test
  void badMetricsProtocol_fallsBackToTheGeneralOne() {
    ConfigLoader.Result r =
        ConfigLoader.load(
            "otel.exporter.otlp.protocol=http/protobuf,otel.exporter.otlp.metrics.protocol=udp",
            NONE,
            NONE);
    assertThat(r.config().otelProperties())
        .containsEntry("otel.exporter.otlp.metrics.protocol", "http/protobuf");
  }

  @Test
  void malformedResourceAttributes_areIgnoredWhole() {
    ConfigLoader.Result r =
        ConfigLoader.load(
            null, NONE, Collections.singletonMap("OTEL_RESOURCE_ATTRIBUTES", "team=shop,broken"));
    assertThat(r.config().otelProperties()).containsEntry("otel.resource.attributes", "");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("otel.resource.attributes", "'team=shop,broken'", "key=value", "ignoring it");
  }

  @Test
  void malformedHeaders_areIgnored_andTheirValueIsNeverShown() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%zzTOKEN42");
    ConfigLoader.Result r = ConfigLoader.load(null, NONE, env);
    assertThat(r.config().otelProperties()).containsEntry("otel.exporter.otlp.headers", "");
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("value not shown")
        .doesNotContain("TOKEN42");
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "x-token");
    assertThat(ConfigLoader.load(null, NONE, env).problems())
        .singleElement()
        .asString()
        .contains("key=value");
  }

  @Test
  void wellFormedMaps_passUnchanged() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_RESOURCE_ATTRIBUTES", "team=shop, region=eu-west-1");
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc,x-empty=");
    ConfigLoader.Result r = ConfigLoader.load(null, NONE, env);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().otelProperties())
        .containsEntry("otel.resource.attributes", "team=shop, region=eu-west-1")
        .containsEntry("otel.exporter.otlp.headers", "authorization=Bearer%20abc,x-empty=");
  }

  @Test
  void namesTheSdkCompares_arePassedInLowerCase() {
    ConfigLoader.Result r =
        ConfigLoader.load(
            "otel.exporter.otlp.protocol=HTTP/Protobuf,otel.metrics.exporter=OTLP", NONE, NONE);
    assertThat(r.problems()).isEmpty();
    assertThat(r.config().otelProperties())
        .containsEntry("otel.exporter.otlp.protocol", "http/protobuf")
        .containsEntry("otel.metrics.exporter", "otlp");
  }
}
