package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtelPipelineTest {

  private final List<String> lines = new ArrayList<>();

  @Test
  void aValueTheSdkRefuses_costsOnlyThatKey() {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.metrics.exporter", "console");
    settings.put("otel.metric.export.max.batch.size", "lots");

    OtelPipeline pipeline = start(settings);
    try {
      assertThat(pipeline.exporters()).isEqualTo("console");
      assertThat(lines)
          .singleElement()
          .asString()
          .startsWith("bad value for otel.metric.export.max.batch.size: ")
          .endsWith("; ignoring it");
    } finally {
      pipeline.shutdown(5_000);
    }
  }

  @Test
  void start_exportsOnceAtOnce_soThatAWrongEndpointShowsAtStart() throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort());
    settings.put("otel.metric.export.interval", "600000");
    OtelPipeline pipeline =
        OtelPipeline.start(
            settings,
            OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
            Collections::emptyList,
            List.of(resource -> List.of(TestMetrics.calls(3))),
            "test",
            lines::add);
    try {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (lines.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(lines)
          .singleElement()
          .asString()
          .contains("failed (1 attempt so far", "ConnectException");
    } finally {
      pipeline.shutdown(2_000);
    }
  }

  @Test
  void exporters_namesTheOtlpTarget() {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:1");
    settings.put("otel.exporter.otlp.protocol", "http/protobuf");
    settings.put("otel.metric.export.interval", "600000");
    OtelPipeline pipeline = start(settings);
    try {
      assertThat(pipeline.exporters()).isEqualTo("otlp to http://127.0.0.1:1 (http/protobuf)");
    } finally {
      pipeline.shutdown(2_000);
    }
  }

  @Test
  void shutdown_againstARefusingCollector_saysTheFinalExportFailed() throws Exception {
    int closedPort = closedPort();
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + closedPort);
    settings.put("otel.metric.export.interval", "600000");
    OtelPipeline pipeline =
        OtelPipeline.start(
            settings,
            OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
            Collections::emptyList,
            List.of(resource -> List.of(TestMetrics.calls(3))),
            "test",
            lines::add);

    pipeline.shutdown(5_000);

    assertThat(lines.get(lines.size() - 1))
        .startsWith(
            "the final export to http://127.0.0.1:" + closedPort + " (http/protobuf) failed: ")
        .containsPattern("(\\d+) of \\1 points not delivered") // ours and the SDK's own counters
        .contains("ConnectException");
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort(); // free, and nobody listens once closed
    }
  }

  private OtelPipeline start(Map<String, String> settings) {
    return OtelPipeline.start(
        settings,
        OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
        Collections::emptyList,
        List.of(),
        "test",
        lines::add);
  }
}
