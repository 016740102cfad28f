package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A receiver that refuses every request (here a proxy in front of the Collector with a body-size
 * limit): the log says why, in the receiver's own words, and how many points did not get there —
 * not a bare exception name, and not that nothing is lost.
 */
class ExportRefusalTest {

  private static final String REFUSAL = "request entity too large: this proxy takes at most 1 KiB";

  @Test
  void refusedExports_areReportedWithTheReceiversAnswer_andWhatWasNotDelivered() throws Exception {
    HttpServer proxy =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger requests = new AtomicInteger();
    proxy.createContext(
        "/v1/metrics",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          requests.incrementAndGet();
          byte[] body = REFUSAL.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain");
          exchange.sendResponseHeaders(413, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    proxy.start();
    try {
      String endpoint = "http://127.0.0.1:" + proxy.getAddress().getPort();
      AppJvm.Result r =
          new AppJvm(AppJvm.jdks().get(0))
              .withAgent(null)
              .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
              .env("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint)
              .env("OTEL_METRIC_EXPORT_INTERVAL", "500")
              .main("exportfaults.QuickApp", "20", "3000")
              .run(Duration.ofSeconds(90));

      assertThat(r.exitCode).as(r.toString()).isZero();
      assertThat(r.stdout).startsWith("AGENT started\nRESULT sum=380\nEND ");
      assertThat(requests.get()).as("periodic exports and the final one").isGreaterThan(1);
      String answer = "the Collector answered HTTP 413: " + REFUSAL;
      assertThat(
              Arrays.stream(r.stderr.split("\n"))
                  .filter(l -> l.contains("metrics export to " + endpoint)))
          .as(r.stderr)
          .singleElement()
          .asString()
          // Usually the first attempt; on a loaded machine rounds skipped behind a slow first one
          // count as attempts too, and the line still names the receiver's answer.
          .containsPattern("failed \\(\\d+ attempts? so far; last: ")
          .contains(" points not delivered (" + answer + ")");
      String[] lines = r.stderr.strip().split("\n");
      assertThat(lines[lines.length - 1])
          .as(r.stderr)
          .contains("the final export to " + endpoint + " (http/protobuf) failed: ")
          .contains(" points not delivered (" + answer + ")");
      assertThat(r.stderr).doesNotContain("nothing is lost").doesNotContain("HttpExportException");
    } finally {
      proxy.stop(0);
    }
  }
}
