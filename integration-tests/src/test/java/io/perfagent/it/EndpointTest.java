package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint seen from outside: a real JVM with the agent, a real HTTP client, and a real
 * Prometheus (Debian's {@code /usr/bin/prometheus}) scraping {@code /metrics/prometheus}, whose
 * PromQL answer must be exactly the calls the application made.
 */
class EndpointTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PROMETHEUS = Paths.get("/usr/bin/prometheus");
  private static final int CALLS = 1234;

  @TempDir Path state;
  @TempDir Path promData;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRouteAnswersARealClient_badInputIsRefused_andTheRegistrationGoesAtExit()
      throws Exception {
    try (ServingJvm app = ServingJvm.start("endpoint-it", state, CALLS, null)) {
      Path registration = state.resolve("agent-" + app.pid() + ".json");
      JsonNode reg = JSON.readTree(registration.toFile());
      assertThat(reg.get("service").asText()).isEqualTo("endpoint-it");
      assertThat(reg.get("pid").asLong()).isEqualTo(app.pid());
      assertThat(Files.getPosixFilePermissions(registration)).hasSize(2);

      HttpResponse<String> health = get(app.url("/health"));
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode h = JSON.readTree(health.body());
      assertThat(h.get("pid").asLong()).isEqualTo(app.pid());
      assertThat(h.get("memory_mb").get("current").asDouble()).isPositive();
      assertThat(h.get("subsystems").get("endpoint").asText()).isEqualTo("active");

      // The ticker calls tick every 10 ms, so each one-second cycle lists it.
      JsonNode summary = awaitJson(app.url("/metrics/summary"), s -> s.get("methods").size() > 0);
      JsonNode tick = null;
      for (JsonNode m : summary.get("methods")) {
        if (m.get("name").asText().equals("shop.ServingApp.tick")) {
          tick = m;
        }
      }
      assertThat(tick).as(summary.toString()).isNotNull();
      assertThat(tick.get("calls").asLong()).isPositive();
      assertThat(tick.has("p95_ms") && tick.has("level") && tick.has("baseline_p95_ms")).isTrue();
      assertThat(summary.get("resources").size()).isPositive();

      assertThat(JSON.readTree(get(app.url("/metrics/alerts")).body()).isArray()).isTrue();
      JsonNode metrics = JSON.readTree(get(app.url("/metrics?resolution=sample&last_n=2")).body());
      assertThat(metrics.get("series").get("memory_usage").get("samples").size()).isBetween(1, 2);
      HttpResponse<String> csv = get(app.url("/metrics/summary?format=csv"));
      assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
      assertThat(csv.body()).startsWith("kind,name,calls,");

      HttpResponse<String> prom = get(app.url("/metrics/prometheus"));
      assertThat(prom.headers().firstValue("Content-Type").orElse(""))
          .startsWith("text/plain; version=0.0.4");
      assertThat(prom.body())
          .contains(
              "perf_method_calls_total{code_function_name=\"shop.ServingApp.place\",otel_scope_name=\"io.perfagent\"} "
                  + CALLS
                  + "\n")
          .contains("perf_method_duration_seconds_bucket{")
          .contains("process_memory_usage_bytes");

      assertThat(get(app.url("/nope")).statusCode()).isEqualTo(404);
      HttpResponse<String> bad = get(app.url("/metrics?last_n=lots"));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("last_n");
      assertThat(get(app.url("/health?format=xml")).statusCode()).isEqualTo(400);
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(app.url("/health")))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);

      assertThat(app.stop()).isZero();
      assertThat(registration).doesNotExist();
      assertThat(app.stdout()).contains("BYE");
    }
  }

  /**
   * The endpoint is the agent's own HTTP/1.1 server on exactly one thread ({@code
   * perf-agent-endpoint}): it accepts, reads, answers and closes idle connections from one selector
   * loop. This pins that number: exactly that one, none of the JDK server's two ({@code
   * HTTP-Dispatcher}, {@code idle-timeout-task}), whatever the load, and no thread per request or
   * per connection.
   */
  @Test
  void theEndpoint_runsOnExactlyOneThread_evenUnderConcurrentRequests() throws Exception {
    try (ServingJvm app = ServingJvm.start("endpoint-threads-it", state, CALLS, null)) {
      get(app.url("/health"));
      java.util.List<String> before = javaThreads(app.pid());
      assertThat(before).as(String.join("\n", before)).containsOnlyOnce("perf-agent-endpoint");
      assertThat(before).doesNotContain("HTTP-Dispatcher", "idle-timeout-task");

      java.util.concurrent.ExecutorService clients =
          java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
          String path =
              new String[] {"/health", "/metrics/summary", "/metrics/prometheus", "/"}[i % 4];
          answers.add(clients.submit(() -> get(app.url(path)).statusCode()));
        }
        for (java.util.concurrent.Future<Integer> a : answers) {
          assertThat(a.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
      } finally {
        clients.shutdownNow();
      }

      java.util.List<String> after = javaThreads(app.pid());
      assertThat(after).containsOnlyOnce("perf-agent-endpoint");
      assertThat(after).doesNotContain("HTTP-Dispatcher", "idle-timeout-task");
      java.util.List<String> added = new java.util.ArrayList<>(after);
      added.removeAll(before);
      added.removeIf(n -> n.startsWith("C1 CompilerThread") || n.startsWith("C2 CompilerThread"));
      assertThat(added).as("threads that appeared while serving 64 requests").isEmpty();
      assertThat(app.stop()).isZero();
    }
  }

  /** The names of a JVM's Java threads, from {@code jcmd <pid> Thread.print}. */
  private static java.util.List<String> javaThreads(long pid) throws Exception {
    Process jcmd =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                "Thread.print")
            .redirectErrorStream(true)
            .start();
    String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
    java.util.List<String> names = new java.util.ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\"(.*)\" #").matcher(dump);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).as(dump).contains("main");
    return names;
  }

  @Test
  void aRealPrometheusScrapingTheEndpoint_countsExactlyTheCallsMade() throws Exception {
    assumeThat(Files.isExecutable(PROMETHEUS))
        .as("needs Debian's prometheus at /usr/bin/prometheus (.ci/run installs it)")
        .isTrue();
    try (ServingJvm app = ServingJvm.start("prometheus-it", state, CALLS, null)) {
      int promPort = freePort();
      Path config = promData.resolve("prometheus.yml");
      Files.writeString(
          config,
          "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
              + "scrape_configs:\n  - job_name: perf-agent\n    metrics_path: /metrics/prometheus\n"
              + "    static_configs:\n      - targets: ['127.0.0.1:"
              + app.port
              + "']\n");
      Path log = promData.resolve("prometheus.log");
      Process prometheus =
          new ProcessBuilder(
                  PROMETHEUS.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + promData.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + promPort)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        String query = "sum(perf_method_calls_total{code_function_name=\"shop.ServingApp.place\"})";
        String url =
            "http://127.0.0.1:"
                + promPort
                + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8);
        JsonNode result = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
          try {
            HttpResponse<String> r = get(url);
            if (r.statusCode() == 200) {
              JsonNode data = JSON.readTree(r.body()).get("data").get("result");
              if (data.size() > 0) {
                result = data;
                break;
              }
            }
          } catch (IOException notUpYet) {
            // Prometheus is still starting
          }
          Thread.sleep(250);
        }
        assertThat(result)
            .as(
                "Prometheus never had the series; its log:\n%s",
                Files.exists(log) ? Files.readString(log) : "")
            .isNotNull();
        assertThat(result.get(0).get("value").get(1).asText()).isEqualTo(String.valueOf(CALLS));

        // And the scrape itself was healthy: Prometheus's own view of the target.
        HttpResponse<String> targets = get("http://127.0.0.1:" + promPort + "/api/v1/targets");
        JsonNode active = JSON.readTree(targets.body()).get("data").get("activeTargets").get(0);
        assertThat(active.get("health").asText()).isEqualTo("up");
        assertThat(active.get("lastError").asText()).isEmpty();
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly().waitFor();
        }
      }
      assertThat(app.stop()).isZero();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private JsonNode awaitJson(String url, java.util.function.Predicate<JsonNode> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = JSON.readTree(get(url).body());
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("never satisfied: " + url + " last answered " + last);
  }
}
