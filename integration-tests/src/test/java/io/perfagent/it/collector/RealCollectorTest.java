package io.perfagent.it.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The harness itself, end to end, without the agent: one hand-written OTLP/JSON request. */
class RealCollectorTest {

  @Test
  void metricSentOverOtlpHttp_isWrittenAndReadBack() throws Exception {
    try (RealCollector collector = RealCollector.start()) {
      String request =
          """
          {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"selftest"}}]},
           "scopeMetrics":[{"scope":{"name":"it"},"metrics":[{"name":"it.selftest","unit":"1",
           "sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
             {"attributes":[{"key":"k","value":{"stringValue":"v"}}],"timeUnixNano":"1700000000000000000","asInt":"42"}]}}]}]}]}
          """;
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(collector.httpEndpoint() + "/v1/metrics"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(request))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

      ExportedMetric m =
          collector.awaitMetric(x -> x.name().equals("it.selftest"), Duration.ofSeconds(20));
      assertThat(m.type()).isEqualTo(ExportedMetric.Type.SUM);
      assertThat(m.monotonic()).isTrue();
      assertThat(m.resource()).containsEntry("service.name", "selftest");
      assertThat(m.points())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.longValue()).isEqualTo(42);
                assertThat(p.attributes()).isEqualTo(Map.of("k", "v"));
              });
    }
  }
}
