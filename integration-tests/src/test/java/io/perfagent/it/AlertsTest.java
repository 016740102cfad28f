package io.perfagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts seen from outside: a real agent JVM whose injected regression fires an alert that a real
 * HTTP receiver gets (after refusing twice) exactly once, and its resolve; and the generated
 * Prometheus rules and Grafana dashboard checked by {@code promtool} and run by a real Prometheus
 * (Debian's) scraping the agent, where an injected regression and an injected leak fire their rules
 * and the steady run fires neither.
 */
class AlertsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PROMETHEUS = Paths.get("/usr/bin/prometheus");
  private static final Path PROMTOOL = Paths.get("/usr/bin/promtool");
  private static final String SECRET = "s3cr3t-webhook-token";

  @TempDir Path state;
  @TempDir Path work;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aWebhookThatRefusesTwice_getsTheAlertExactlyOnce_thenItsResolve_andTheSecretIsNeverLogged()
      throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    List<String> secrets = new CopyOnWriteArrayList<>();
    List<Integer> acceptedAt = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    receiver.createContext(
        "/hook",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int n = attempts.incrementAndGet();
            int status = n <= 2 ? 503 : 200; // the first two deliveries fail
            if (status == 200) {
              acceptedAt.add(n);
              accepted.add(JSON.readTree(body));
              secrets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Token")));
            }
            exchange.sendResponseHeaders(status, -1);
          } finally {
            exchange.close();
          }
        });
    receiver.start();
    Path rules = work.resolve("rules.txt");
    Files.writeString(
        rules,
        "# the ticker's latency: 20 ms when slow, microseconds otherwise\n"
            + "latency shop.ServingApp#tick p99 warning=10ms min-calls=1 for=0s name=tick-slow\n"
            + "latency shop.ServingApp#tick p99 warning=lots\n");
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    try (ServingJvm app =
        ServingJvm.start(
            "alerts-it",
            state,
            10,
            "perf.rules.file="
                + rules
                + ",perf.alert.defaults=false,perf.alert.webhook="
                + url
                + ",perf.alert.webhook.headers=X-Token="
                + SECRET)) {
      assertThat(app.stderr())
          .contains("alert rule: " + rules + " line 3: warning: expected a number")
          .contains("1 alert rules (1 left out); webhook " + url);
      Thread.sleep(3_000);
      assertThat(attempts.get()).as("nothing fires on the steady run").isZero();

      app.send("slow");
      await(() -> !of(accepted, "tick-slow").isEmpty(), 30, "the firing alert", app);
      JsonNode fired = accepted.get(0);
      assertThat(acceptedAt.get(0)).as("two refused, then accepted").isEqualTo(3);
      assertThat(fired.get("event").asText()).isEqualTo("firing");
      assertThat(fired.get("service").asText()).isEqualTo("alerts-it");
      JsonNode alert = fired.get("alert");
      assertThat(alert.get("rule").asText())
          .as("the first payload is the one refused twice")
          .isEqualTo("tick-slow");
      assertThat(alert.get("metric").asText()).isEqualTo("shop.ServingApp.tick");
      assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
      assertThat(alert.get("state").asText()).isEqualTo("firing");
      assertThat(alert.get("current_value").asDouble()).isGreaterThan(0.01);
      assertThat(alert.get("threshold").asDouble()).isEqualTo(0.01);
      assertThat(alert.get("evidence").asText()).contains("p99").contains("warning above 10.0 ms");
      String id = alert.get("id").asText();
      // The same alert as an exported metric.
      assertThat(get(app.url("/metrics/prometheus")).body())
          .contains(
              "perf_alerts_active{"
                  + "perf_alert_rule=\"tick-slow\",perf_alert_severity=\"WARNING\","
                  + "otel_scope_name=\"io.perfagent.alerts\"} 1\n");
      // @Measured(budget = "p99<10ms") on tick: every slow call burns the budget 100× its rate.
      String budget = "budget:shop.ServingApp.tick:p99<10ms";
      await(
          () ->
              of(accepted, budget).stream()
                  .anyMatch(a -> a.get("severity").asText().equals("CRITICAL")),
          30,
          "the budget alert",
          app);
      assertThat(app.stderr())
          .contains("alert rule from @Measured: budget shop.ServingApp.tick p99<10ms (annotation)");
      assertThat(of(accepted, budget).get(0).get("evidence").asText())
          .containsPattern("slower than 10\\.[0-9] ms")
          .contains("(1.00 % allowed)");
      // Budgets of custom-named methods (@Measured(value = "shop.checkout", budget = ...)) come
      // with the weaving, under the exported name: checkout (20 ms) breaks p95<5ms, lookup
      // (microseconds) keeps p95<1s.
      String checkout = "budget:shop.checkout:p95<5ms";
      await(() -> !of(accepted, checkout).isEmpty(), 30, "the custom-named budget alert", app);
      assertThat(of(accepted, checkout).get(0).get("metric").asText()).isEqualTo("shop.checkout");
      assertThat(of(accepted, checkout).get(0).get("evidence").asText())
          .containsPattern("slower than 5\\.[0-9]+ ms")
          .contains("(5.00 % allowed)");
      assertThat(app.stderr())
          .contains("alert rule from @Measured: budget shop.checkout p95<5ms (annotation)")
          .contains("alert rule from @Measured: budget shop.lookup p95<1s (annotation)");

      app.send("fast");
      await(() -> of(accepted, "tick-slow").size() >= 2, 30, "the resolve", app);
      Thread.sleep(3_000); // and nothing more: no duplicate of either
      List<JsonNode> tickSlow = of(accepted, "tick-slow");
      assertThat(tickSlow).hasSize(2);
      JsonNode resolved = tickSlow.get(1);
      assertThat(resolved.get("state").asText()).isEqualTo("resolved");
      assertThat(resolved.get("id").asText()).isEqualTo(id);
      assertThat(resolved.get("resolved_at").asLong())
          .isGreaterThan(alert.get("firing_since").asLong());
      assertThat(events(accepted, "tick-slow")).containsExactly("firing", "resolved");
      assertThat(secrets).containsOnly(SECRET);
      assertThat(of(accepted, "budget:shop.lookup:p95<1s")).as("a budget kept").isEmpty();
      assertThat(get(app.url("/metrics/prometheus")).body())
          .contains(
              "perf_alerts_active{perf_alert_rule=\"tick-slow\","
                  + "perf_alert_severity=\"WARNING\",otel_scope_name=\"io.perfagent.alerts\"} 0\n")
          .contains(
              "perf_alerts_total{perf_alert_rule=\"tick-slow\","
                  + "perf_alert_severity=\"WARNING\",otel_scope_name=\"io.perfagent.alerts\"} 1\n");

      // The endpoint shows it among the recent alerts, with its lifecycle.
      JsonNode list = JSON.readTree(get(app.url("/metrics/alerts")).body());
      JsonNode recent = list.get(list.size() - 1);
      assertThat(recent.get("id").asText()).isEqualTo(id);
      assertThat(recent.get("state").asText()).isEqualTo("resolved");
      assertThat(list.get(0).get("rule").asText()).as("the budget still burns").isEqualTo(budget);
      // One log line per transition; the header's secret appears nowhere.
      String log = app.stderr();
      assertThat(log)
          .contains("alert firing: WARNING tick-slow on shop.ServingApp.tick")
          .contains("alert resolved: WARNING tick-slow on shop.ServingApp.tick")
          .doesNotContain(SECRET);
      List<String> lines = Files.readAllLines(state.resolve("alerts.jsonl"));
      assertThat(lines).hasSize(accepted.size());
      assertThat(lines).filteredOn(l -> l.contains(id)).hasSize(2);
      assertThat(Files.getPosixFilePermissions(state.resolve("alerts.jsonl"))).hasSize(2);
      assertThat(app.stop()).isZero();
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void generatedRules_passPromtool_andFireInARealPrometheus_onARegressionAndALeak_notWhenSteady()
      throws Exception {
    assumeThat(Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL))
        .as("needs Debian's prometheus and promtool (.ci/run installs them)")
        .isTrue();
    // Production rules use 5m/1h windows; the same generator on a time scale of seconds.
    Path rules = work.resolve("rules.yml");
    Files.writeString(
        rules,
        cli(
            "prometheus-rules",
            "--service",
            "perf-agent",
            "--for",
            "2s",
            "--rate-window",
            "10s",
            "--leak-window",
            "20s",
            "--leak-for",
            "5s",
            // Per hour. The injected leak keeps ~3.2 MB/s (11.5 GB/h); one young collection in the
            // steady run moves heap-after-GC by a survivor step of ~2 MB, which deriv over the 20 s
            // window reads as up to ~150 KB/s (0.5 GB/h): the threshold sits between the two.
            "--leak-min-growth",
            "2GB",
            "--p99-warning",
            "10ms"));
    Process check =
        new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
            .redirectErrorStream(true)
            .start();
    String checked = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as(checked).isZero();
    assertThat(checked).contains("SUCCESS: 17 rules found");
    Path defaults = work.resolve("defaults.yml");
    Files.writeString(defaults, cli("prometheus-rules"));
    Process checkDefaults =
        new ProcessBuilder(PROMTOOL.toString(), "check", "rules", defaults.toString())
            .redirectErrorStream(true)
            .start();
    String checkedDefaults =
        new String(checkDefaults.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(checkDefaults.waitFor()).as(checkedDefaults).isZero();

    try (ServingJvm app = ServingJvm.start("prometheus-alerts-it", state, 10, null)) {
      int promPort = freePort();
      Path config = work.resolve("prometheus.yml");
      Files.writeString(
          config,
          "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
              + "rule_files:\n  - "
              + rules
              + "\n"
              + "scrape_configs:\n  - job_name: perf-agent\n    metrics_path: /metrics/prometheus\n"
              + "    static_configs:\n      - targets: ['127.0.0.1:"
              + app.port
              + "']\n");
      Path log = work.resolve("prometheus.log");
      Process prometheus =
          new ProcessBuilder(
                  PROMETHEUS.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + work.resolve("data"),
                  "--web.listen-address=127.0.0.1:" + promPort)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      String api = "http://127.0.0.1:" + promPort + "/api/v1/";
      try {
        await(
            () -> {
              try {
                JsonNode r =
                    query(
                        api,
                        "sum(perf_method_calls_total{code_function_name=\"shop.ServingApp.tick\"})");
                return r.size() > 0;
              } catch (IOException | InterruptedException notUpYet) {
                return false;
              }
            },
            60,
            "Prometheus scraping the agent; its log:\n" + log,
            app);
        JsonNode groups = JSON.readTree(get(api + "rules").body()).get("data").get("groups");
        assertThat(groups.size()).isEqualTo(4);

        // The steady run: 25 s in which neither rule may even be pending. Meanwhile every
        // expression of the dashboard must be accepted by this Prometheus.
        long steadyEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        checkDashboard(api);
        Set<String> seen = new HashSet<>();
        Set<String> evidence = new HashSet<>();
        while (System.nanoTime() < steadyEnd) {
          seen.addAll(alerts(api, false));
          for (JsonNode a : JSON.readTree(get(api + "alerts").body()).get("data").get("alerts")) {
            if (a.get("labels").get("alertname").asText().equals("MemoryLeak")) {
              evidence.add(
                  a.get("state").asText()
                      + " value="
                      + a.get("value").asText()
                      + " heap after GC: "
                      + query(api, "jvm_memory_used_after_last_gc_bytes"));
            }
          }
          Thread.sleep(500);
        }
        assertThat(seen)
            .as("alerts during the steady run; MemoryLeak evidence: " + evidence)
            .doesNotContain("PerfMethodLatencyHigh", "MemoryLeak");

        app.send("slow");
        await(
            () -> alertsQuietly(api).contains("PerfMethodLatencyHigh"),
            60,
            "PerfMethodLatencyHigh firing",
            app);
        JsonNode latency = firing(api, "PerfMethodLatencyHigh");
        assertThat(latency.get("labels").get("code_function_name").asText())
            .isEqualTo("shop.ServingApp.tick");
        assertThat(latency.get("labels").get("severity").asText()).isEqualTo("warning");

        app.send("leak");
        await(() -> alertsQuietly(api).contains("MemoryLeak"), 90, "MemoryLeak firing", app);
        assertThat(firing(api, "MemoryLeak").get("labels").get("job").asText())
            .isEqualTo("perf-agent");
      } finally {
        prometheus.destroy();
        if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
          prometheus.destroyForcibly().waitFor();
        }
      }
      assertThat(app.stop()).isZero();
    }
  }

  /** The alert objects of one rule, in the order the receiver accepted them. */
  private static List<JsonNode> of(List<JsonNode> accepted, String rule) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : accepted) {
      if (p.get("alert").get("rule").asText().equals(rule)) {
        out.add(p.get("alert"));
      }
    }
    return out;
  }

  private static List<String> events(List<JsonNode> accepted, String rule) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : accepted) {
      if (p.get("alert").get("rule").asText().equals(rule)) {
        out.add(p.get("event").asText());
      }
    }
    return out;
  }

  /** The generated dashboard: Grafana's structure, and every expression valid PromQL here. */
  private void checkDashboard(String api) throws Exception {
    JsonNode d = JSON.readTree(cli("grafana-dashboard", "--service", "perf-agent"));
    assertThat(d.get("title").asText()).isEqualTo("perf-agent: perf-agent");
    assertThat(d.get("schemaVersion").asInt()).isPositive();
    List<String> variables = new ArrayList<>();
    for (JsonNode v : d.get("templating").get("list")) {
      variables.add(v.get("name").asText());
    }
    assertThat(variables).containsExactly("datasource", "job", "method");
    Set<Integer> ids = new HashSet<>();
    int expressions = 0;
    Set<String> types = new HashSet<>();
    for (JsonNode p : d.get("panels")) {
      assertThat(ids.add(p.get("id").asInt())).as("unique panel ids").isTrue();
      JsonNode grid = p.get("gridPos");
      assertThat(grid.get("x").asInt() + grid.get("w").asInt()).isLessThanOrEqualTo(24);
      types.add(p.get("type").asText());
      if (p.get("type").asText().equals("row")) {
        continue;
      }
      assertThat(p.get("title").asText()).isNotBlank();
      assertThat(p.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
      assertThat(p.get("targets").size()).isPositive();
      for (JsonNode t : p.get("targets")) {
        String expr =
            t.get("expr")
                .asText()
                .replace("$__rate_interval", "30s")
                .replace("$__range", "5m")
                .replace("$job", "perf-agent")
                .replace("$method", ".*");
        assertThat(expr).doesNotContain("$");
        HttpResponse<String> r =
            get(api + "query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as("%s: %s", expr, r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asText()).isEqualTo("success");
        expressions++;
      }
    }
    assertThat(types).contains("timeseries", "heatmap", "gauge", "table", "row");
    assertThat(expressions).isGreaterThanOrEqualTo(20);
  }

  private JsonNode query(String api, String q) throws IOException, InterruptedException {
    HttpResponse<String> r =
        get(api + "query?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    return r.statusCode() == 200
        ? JSON.readTree(r.body()).get("data").get("result")
        : JSON.createArrayNode();
  }

  /** Names of the alerts Prometheus holds now: firing only, or pending too. */
  private List<String> alerts(String api, boolean firingOnly)
      throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (JsonNode a : JSON.readTree(get(api + "alerts").body()).get("data").get("alerts")) {
      if (!firingOnly || a.get("state").asText().equals("firing")) {
        out.add(a.get("labels").get("alertname").asText());
      }
    }
    return out;
  }

  private List<String> alertsQuietly(String api) {
    try {
      return alerts(api, true);
    } catch (IOException | InterruptedException e) {
      return Collections.emptyList();
    }
  }

  private JsonNode firing(String api, String name) throws IOException, InterruptedException {
    for (JsonNode a : JSON.readTree(get(api + "alerts").body()).get("data").get("alerts")) {
      if (a.get("labels").get("alertname").asText().equals(name)
          && a.get("state").asText().equals("firing")) {
        return a;
      }
    }
    throw new AssertionError(name + " is not firing");
  }

  /** Runs {@code java -jar perf-agent.jar <args>} and returns its stdout (exit 0 required). */
  private static String cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(AppJvm.agentJar().toString());
    Collections.addAll(command, args);
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", args)).isZero();
    return out;
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void await(BooleanSupplier done, int seconds, String what, ServingJvm app)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "never saw " + what + " within " + seconds + " s; agent stderr:\n" + app.stderr());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
