package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.core.json.Json;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final long NOW = FakeState.START + 180_000;
  private final FakeState state = new FakeState();
  private final Router router = new Router(state, "", true, () -> NOW);

  private Response get(String path, String query) {
    return router.handle("GET", path, query, "127.0.0.1:9001", null, null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Response r) {
    try {
      return (Map<String, Object>) Json.parse(r.text()); // streamed or not
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void summary_listsEveryMethodWithStatisticsBaselineChangeAndLevel_andTheResources() {
    state.latest = FakeState.degradedCycle();
    Response r = get("/metrics/summary", null);
    assertThat(r.status).isEqualTo(200);
    assertThat(r.contentType).startsWith("application/json");
    Map<String, Object> o = object(r);
    assertThat(o.get("status")).isEqualTo("Critical");
    assertThat(o.get("service")).isEqualTo("shop");
    List<Object> methods = (List<Object>) o.get("methods");
    assertThat(methods).hasSize(2);
    Map<String, Object> place = (Map<String, Object>) methods.get(0);
    assertThat(place)
        .containsEntry("name", "shop.Orders.place")
        .containsEntry("calls", 1200L)
        .containsEntry("errors", 12L)
        .containsEntry("rate_per_s", 20L)
        .containsEntry("p95_ms", 140L)
        .containsEntry("baseline_p95_ms", 100L)
        .containsEntry("change_pct", 40L)
        .containsEntry("level", "Moderate")
        .containsKeys("mean_ms", "min_ms", "max_ms", "stddev_ms", "p50_ms", "p90_ms", "p99_ms");
    List<Object> resources = (List<Object>) o.get("resources");
    assertThat((Map<String, Object>) resources.get(0))
        .containsEntry("indicator", "process.memory.usage")
        .containsEntry("level", "Critical");
  }

  @Test
  void summary_beforeTheFirstCycle_saysSoWithEmptyLists() {
    Map<String, Object> o = object(get("/metrics/summary", null));
    assertThat(o.get("status")).isEqualTo("Insufficient data");
    assertThat((List<?>) o.get("methods")).isEmpty();
    assertThat((String) o.get("note")).contains("perf.analysis.interval");
  }

  @Test
  void summary_asCsv_hasAHeaderAndOneRowPerMethodAndIndicator() {
    state.latest = FakeState.degradedCycle();
    Response r = get("/metrics/summary", "format=csv");
    assertThat(r.contentType).startsWith("text/csv");
    String[] lines = r.body.split("\n");
    assertThat(lines[0]).startsWith("kind,name,calls,errors,");
    assertThat(lines).hasSize(1 + 2 + 2);
    assertThat(lines[1]).startsWith("method,shop.Orders.place,1200,12,20,").endsWith(",Moderate");
    assertThat(lines[3]).startsWith("resource,process.memory.usage,").endsWith(",Critical");
  }

  @Test
  @SuppressWarnings("unchecked")
  void alerts_areTheDegradedMethodsAndIndicators_worstFirst_withTheirReasons() {
    state.latest = FakeState.degradedCycle();
    List<Object> alerts = (List<Object>) Json.parse(get("/metrics/alerts", null).body);
    assertThat(alerts).hasSize(2);
    Map<String, Object> first = (Map<String, Object>) alerts.get(0);
    assertThat(first)
        .containsEntry("metric", "process.memory.usage")
        .containsEntry("level", "CRITICAL")
        .containsEntry("severity", "Critical");
    assertThat((String) first.get("description")).contains("600 MB vs 300 MB baseline (+100 %)");
    Map<String, Object> second = (Map<String, Object>) alerts.get(1);
    assertThat(second)
        .containsEntry("metric", "shop.Orders.place")
        .containsEntry("level", "WARNING")
        .containsEntry("severity", "Moderate")
        .containsEntry("current_value", 140L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void alerts_alsoListTheAnomaliesTheDetectorsHoldOpen() {
    state.latest = FakeState.normalCycle();
    state.open.add(
        io.perfagent.core.detect.Finding.builder(
                io.perfagent.core.detect.FindingKind.PERSISTENT_DEGRADATION, "shop.Orders.place")
            .severity(io.perfagent.core.detect.Severity.CRITICAL)
            .timestamp(NOW)
            .since(NOW - 180_000)
            .value(0.2)
            .baseline(0.1)
            .evidence("Critical for 3 cycles: p95 200 ms vs 100 ms baseline")
            .build());
    List<Object> alerts = (List<Object>) Json.parse(get("/metrics/alerts", null).body);
    assertThat(alerts)
        .singleElement()
        .satisfies(
            a ->
                assertThat((Map<String, Object>) a)
                    .containsEntry("metric", "shop.Orders.place")
                    .containsEntry("kind", "anomaly:persistent_degradation")
                    .containsEntry("level", "CRITICAL")
                    .containsEntry("severity", "critical")
                    .containsEntry("since", NOW - 180_000)
                    .containsEntry("change_pct", 100L)
                    .containsEntry(
                        "description", "Critical for 3 cycles: p95 200 ms vs 100 ms baseline"));
  }

  @Test
  void alerts_areAnEmptyList_whenNothingIsDegraded_orBeforeTheFirstCycle() {
    assertThat(get("/metrics/alerts", null).body.trim()).isEqualTo("[]");
    state.latest = FakeState.normalCycle();
    assertThat(get("/metrics/alerts", null).body.trim()).isEqualTo("[]");
    assertThat(get("/metrics/alerts", "format=csv").body)
        .isEqualTo(
            "metric,kind,level,severity,current_value,unit,baseline,change_pct,description\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void health_reportsStatusLatencyMemoryCpuThreadsQueuesUptimeAndSubsystems() {
    state.latest = FakeState.degradedCycle();
    Map<String, Object> o = object(get("/health", null));
    assertThat(o.get("status")).isEqualTo("Critical");
    Map<String, Object> latency = (Map<String, Object>) o.get("latency_ms");
    // (1200 × 80 ms + 600 × 2 ms) / 1800 = 54 ms; p95 and p99 of the worst method.
    assertThat((Long) latency.get("avg")).isEqualTo(54L);
    assertThat(latency)
        .containsEntry("p95", 140L)
        .containsEntry("p99", 300L)
        .containsEntry("calls", 1800L);
    Map<String, Object> memory = (Map<String, Object>) o.get("memory_mb");
    assertThat(memory)
        .containsEntry("current", 300L)
        .containsEntry("peak", 400L)
        .containsEntry("virtual", 2048L);
    assertThat(o)
        .containsEntry("cpu_percent", 25L)
        .containsEntry("threads", 17L)
        .containsEntry("uptime_sec", 180L);
    assertThat((Map<String, Object>) o.get("queues")).containsKey("orders.queue");
    assertThat((Map<String, Object>) o.get("capabilities"))
        .containsEntry("active", 1L)
        .containsEntry("degraded", 1L);
    assertThat((Map<String, Object>) o.get("subsystems"))
        .containsEntry("state_dir", "off: no usable state directory");
  }

  @Test
  void health_asCsv_isKeyValueRows() {
    String csv = get("/health", "format=csv").body;
    assertThat(csv)
        .startsWith("key,value\n")
        .contains("\nmemory_mb.current,300\n")
        .contains("\nqueues.orders.queue.depth,12\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void metrics_returnsTheLastNSamplesOfEachSeries_60ByDefault_andAllForMinusOne() {
    ResourceSampler sampler =
        ResourceSampler.create(10_000, new File(System.getProperty("java.io.tmpdir")));
    for (int i = 0; i < 70; i++) {
      sampler.sampleOnce();
    }
    state.samples = sampler.history();
    Map<String, Object> o = object(get("/metrics", "resolution=sample"));
    Map<String, Object> series = (Map<String, Object>) o.get("series");
    assertThat(series)
        .containsKeys(
            "memory_usage",
            "heap_used",
            "cpu_usage",
            "threads",
            "open_file_descriptors",
            "io_latency");
    Map<String, Object> memory = (Map<String, Object>) series.get("memory_usage");
    assertThat(memory).containsEntry("unit", "MB").containsEntry("sample_count", 60L);
    List<Object> samples = (List<Object>) memory.get("samples");
    assertThat(samples).hasSize(60);
    assertThat((Map<String, Object>) samples.get(59)).containsEntry("timestamp", NOW);
    assertThat((Map<String, Object>) samples.get(58)).containsEntry("timestamp", NOW - 10_000);
    assertThat(o)
        .containsEntry("collection_interval_ms", 10_000L)
        .containsEntry("is_collecting", true);

    Map<String, Object> all = object(get("/metrics", "resolution=sample&last_n=-1"));
    assertThat(
            ((Map<String, Object>) ((Map<String, Object>) all.get("series")).get("threads"))
                .get("sample_count"))
        .isEqualTo(70L);
    Map<String, Object> three = object(get("/metrics", "resolution=sample&last_n=3"));
    assertThat(
            (List<Object>)
                ((Map<String, Object>) ((Map<String, Object>) three.get("series")).get("threads"))
                    .get("samples"))
        .hasSize(3);
    // Seventy 10 s samples are eleven whole minutes of one-minute averages.
    Map<String, Object> minutes = object(get("/metrics", "last_n=-1"));
    assertThat(
            ((Map<String, Object>) ((Map<String, Object>) minutes.get("series")).get("threads"))
                .get("sample_count"))
        .isEqualTo(11L);
  }

  @Test
  void metrics_asCsv_hasOneRowPerSample() {
    ResourceSampler sampler =
        ResourceSampler.create(10_000, new File(System.getProperty("java.io.tmpdir")));
    sampler.sampleOnce();
    sampler.sampleOnce();
    state.samples = sampler.history();
    String csv = get("/metrics", "resolution=sample&format=csv&last_n=2").body;
    assertThat(csv).startsWith("timestamp,series,unit,value\n");
    assertThat(csv.split("\n")).hasSize(1 + 8 * 2);
    assertThat(csv)
        .contains("\n" + NOW + ",threads,count,")
        .contains("\n" + NOW + ",gc_time,%,")
        .contains("\n" + NOW + ",heap_after_gc,MB,");
  }

  @Test
  void metrics_withSamplingOff_isEmptyAndSaysItIsNotCollecting() {
    Map<String, Object> o = object(get("/metrics", null));
    assertThat(o).containsEntry("is_collecting", false);
  }

  @Test
  void prometheus_isTextFormat004_orOpenMetricsWhenAccepted() throws Exception {
    Response text = get("/metrics/prometheus", null);
    assertThat(text.contentType).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.text()).isEqualTo("# TYPE x gauge\nx 1\n");
    Response om =
        router.handle(
            "GET",
            "/metrics/prometheus",
            null,
            "localhost",
            null,
            "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(om.contentType).startsWith("application/openmetrics-text");
    assertThat(om.text()).endsWith("# EOF\n");
  }

  @Test
  void theDashboard_isServedFromTheJar_withItsChartsLibrary_andAStrictContentSecurityPolicy() {
    Response page = get("/", null);
    assertThat(page.status).isEqualTo(200);
    assertThat(page.contentType).startsWith("text/html");
    assertThat(page.headerName).isEqualTo("Content-Security-Policy");
    assertThat(page.headerValue).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(page.body)
        .contains("/dashboard/uPlot.iife.min.js")
        .contains("/dashboard/dashboard.js")
        .doesNotContain("http://")
        .doesNotContain("https://");
    Response uplot = get("/dashboard/uPlot.iife.min.js", null);
    assertThat(uplot.status).isEqualTo(200);
    assertThat(uplot.contentType).startsWith("text/javascript");
    assertThat(uplot.body).contains("uPlot");
    assertThat(get("/dashboard/uPlot.min.css", null).body).contains(".uplot");
    assertThat(get("/dashboard/dashboard.js", null).body).contains("perfDashboard");
    assertThat(get("/dashboard/secret.txt", null).status).isEqualTo(404);
  }

  @Test
  void unknownRoute_is404WithAJsonErrorListingTheRoutes() {
    Response r = get("/metrics/everything", null);
    assertThat(r.status).isEqualTo(404);
    assertThat(r.contentType).startsWith("application/json");
    assertThat((String) object(r).get("error")).contains("/metrics/everything").contains("/health");
  }

  @Test
  void badLastN_is400NamingTheParameterAndWhatIsAllowed() {
    for (String bad : new String[] {"last_n=abc", "last_n=-2", "last_n=1.5", "last_n="}) {
      Response r = get("/metrics", bad);
      assertThat(r.status).as(bad).isEqualTo(400);
      assertThat((String) object(r).get("error")).as(bad).contains("last_n").contains("-1 for all");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void summary_givesTimedMethodsAndIndicatorsABaselineBand_nullWhereTheBaselineKeptNoSpread() {
    state.latest = FakeState.degradedCycle(); // baselines read back from history: no MAD
    Map<String, Object> o = object(get("/metrics/summary", null));
    Map<String, Object> place = (Map<String, Object>) ((List<Object>) o.get("methods")).get(0);
    assertThat(place)
        .containsEntry("baseline_band_low_ms", null)
        .containsEntry("baseline_band_high_ms", null);
    Map<String, Object> rss = (Map<String, Object>) ((List<Object>) o.get("resources")).get(0);
    assertThat(rss)
        .containsEntry("baseline_band_low", null)
        .containsEntry("baseline_band_high", null)
        .containsEntry("unit", "By");
  }

  @Test
  @SuppressWarnings("unchecked")
  void recommendations_listTheAdvisorsLatest_asJsonOrCsv() {
    state.recommendations =
        new io.perfagent.core.detect.Advisor()
            .advise(
                io.perfagent.core.detect.AdvisorInput.builder("shop", NOW)
                    .baselineWindow("7 days")
                    .gcTimeFraction(0.3, 0.02)
                    .build());
    Map<String, Object> o = object(get("/metrics/recommendations", null));
    assertThat(o).containsEntry("count", 1L);
    Map<String, Object> gc = (Map<String, Object>) ((List<Object>) o.get("recommendations")).get(0);
    assertThat(gc)
        .containsEntry("rule", "gc_overhead")
        .containsEntry("severity", "CRITICAL")
        .containsEntry("id", "gc_overhead:jvm.gc.time_fraction")
        .containsEntry("baseline_window", "7 days")
        .containsKeys("subject", "text", "action", "evidence");
    assertThat((String) gc.get("text")).startsWith("GC took 30");
    String csv = get("/metrics/recommendations", "format=csv").body;
    assertThat(csv)
        .startsWith("id,rule,severity,subject,text,action,evidence,baseline_window\n")
        .contains("\ngc_overhead:jvm.gc.time_fraction,gc_overhead,CRITICAL,");
  }

  @Test
  void recommendations_withNone_isAnEmptyList() {
    assertThat(get("/metrics/recommendations", null).body)
        .contains("\"count\":0")
        .contains("\"recommendations\":[]");
  }

  @Test
  void withAToken_theDashboardPageAndAssetsNeedNone_butEveryDataRouteDoes() {
    Router guarded = new Router(state, "s3cret-token", false, () -> NOW);
    for (String asset :
        new String[] {
          "/",
          "/dashboard/dashboard.js",
          "/dashboard/dashboard.css",
          "/dashboard/uPlot.iife.min.js",
          "/dashboard/uPlot.min.css"
        }) {
      Response r = guarded.handle("GET", asset, null, "10.0.0.5:9001", null, null);
      assertThat(r.status).as(asset).isEqualTo(200);
      assertThat(r.body).as(asset).doesNotContain("s3cret-token");
    }
    for (String data :
        new String[] {
          "/metrics",
          "/metrics/summary",
          "/metrics/recommendations",
          "/metrics/prometheus",
          "/health",
          "/dashboard/other.js"
        }) {
      assertThat(guarded.handle("GET", data, null, "10.0.0.5:9001", null, null).status)
          .as(data)
          .isEqualTo(401);
    }
  }

  @Test
  void badFormat_is400NamingTheParameterAndWhatIsAllowed() {
    for (String path :
        new String[] {"/metrics", "/metrics/summary", "/metrics/alerts", "/health"}) {
      Response r = get(path, "format=xml");
      assertThat(r.status).as(path).isEqualTo(400);
      assertThat((String) object(r).get("error"))
          .isEqualTo("format must be json or csv, got 'xml'");
    }
    assertThat(get("/metrics", "resolution=5s").status).isEqualTo(400);
  }

  @Test
  void nonGet_is405WithAllow() {
    for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
      Response r = router.handle(method, "/health", null, "127.0.0.1", null, null);
      assertThat(r.status).as(method).isEqualTo(405);
      assertThat(r.headerName).isEqualTo("Allow");
      assertThat(r.headerValue).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void aForeignHostHeader_isRefused_againstDnsRebinding() {
    assertThat(router.handle("GET", "/health", null, "attacker.example:9001", null, null).status)
        .isEqualTo(403);
    for (String ok : new String[] {"127.0.0.1:9001", "localhost:9001", "localhost", "[::1]:9001"}) {
      assertThat(router.handle("GET", "/health", null, ok, null, null).status)
          .as(ok)
          .isEqualTo(200);
    }
  }

  @Test
  void withAToken_everyRequestNeedsTheBearer_andTheTokenNeverAppearsInAResponse() throws Exception {
    Router guarded = new Router(state, "s3cret-token", false, () -> NOW);
    Response none = guarded.handle("GET", "/health", null, "10.0.0.5:9001", null, null);
    assertThat(none.status).isEqualTo(401);
    assertThat(none.headerValue).isEqualTo("Bearer");
    assertThat(guarded.handle("GET", "/health", null, "h", "Bearer wrong", null).status)
        .isEqualTo(401);
    assertThat(guarded.handle("GET", "/health", null, "h", "Basic czNjcmV0", null).status)
        .isEqualTo(401);
    for (String path :
        new String[] {
          "/health",
          "/metrics",
          "/metrics/summary",
          "/metrics/alerts",
          "/metrics/prometheus",
          "/nope"
        }) {
      Response r = guarded.handle("GET", path, null, "10.0.0.5:9001", "Bearer s3cret-token", null);
      assertThat(r.status).as(path).isIn(200, 404);
      assertThat(r.text()).doesNotContain("s3cret-token");
    }
    assertThat(none.body).doesNotContain("s3cret-token");
  }
}
