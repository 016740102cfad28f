package io.perfagent.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.exporter.sender.jdk.internal.CallerThreadJdkHttpSenderProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default export path (OTLP http/protobuf through the JDK client) on a scheduler shared with
 * the caller: the requests arrive, and the only thread the pipeline adds is the HTTP client's
 * selector.
 */
class SharedSchedulerPipelineTest {

  /** The SDK's switch between several senders on one class path (the agent jar lists only ours). */
  private static final String SENDER_PROPERTY =
      "io.opentelemetry.sdk.common.export.HttpSenderProvider";

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final CountDownLatch answer = new CountDownLatch(0);
  private volatile CountDownLatch hold = answer;
  private HttpServer collector;
  private ScheduledThreadPoolExecutor scheduler;

  @BeforeEach
  void setUp() throws Exception {
    System.setProperty(SENDER_PROPERTY, CallerThreadJdkHttpSenderProvider.class.getName());
    collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          paths.add(exchange.getRequestURI().getPath());
          try {
            hold.await(); // a Collector that does not answer until the test says so
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    scheduler = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "test-shared-scheduler"));
  }

  @AfterEach
  void tearDown() {
    hold.countDown();
    collector.stop(0);
    scheduler.shutdownNow();
    System.clearProperty(SENDER_PROPERTY);
  }

  @Test
  void defaultProtocol_exportsOverHttp_onTheSharedScheduler_addingOnlyTheClientSelectorThread()
      throws Exception {
    Set<String> before = threadNames();
    Map<String, String> settings = new HashMap<>();
    settings.put(
        "otel.exporter.otlp.metrics.endpoint",
        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics");
    settings.put("otel.metric.export.interval", "200");
    OtelPipeline pipeline =
        OtelPipeline.start(
            settings,
            OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
            Collections::emptyList,
            List.of(resource -> List.of(TestMetrics.calls(3))),
            "test",
            lines::add,
            scheduler);
    pipeline.startExports();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (paths.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(paths)
          .as("the first export at start and periodic ones")
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(paths).containsOnly("/v1/metrics");
      assertThat(pipeline.exporters()).endsWith("(http/protobuf)");

      Set<String> added = threadNames();
      added.removeAll(before);
      added.remove("test-shared-scheduler");
      assertThat(added)
          .as("threads the pipeline added")
          .allMatch(n -> n.matches("HttpClient-\\d+-SelectorManager"));
      assertThat(added).hasSizeLessThanOrEqualTo(1);
    } finally {
      pipeline.shutdown(5_000);
    }
    assertThat(lines).as("no failure reported").isEmpty();
    assertThat(scheduler.isShutdown())
        .as("the shared scheduler is not the pipeline's to stop")
        .isFalse();
  }

  @Test
  void shutdown_exportsOnceMore_andLeavesTheSchedulerRunning() throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put(
        "otel.exporter.otlp.metrics.endpoint",
        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics");
    settings.put("otel.metric.export.interval", "600000");
    OtelPipeline pipeline =
        OtelPipeline.start(
            settings,
            OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
            Collections::emptyList,
            List.of(resource -> List.of(TestMetrics.calls(3))),
            "test",
            lines::add,
            scheduler);
    pipeline.startExports();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (paths.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    int atStart = paths.size();

    pipeline.shutdown(5_000);

    assertThat(atStart).as("the export at start").isEqualTo(1);
    assertThat(paths).as("plus the final one").hasSize(2);
    assertThat(lines).isEmpty();
    assertThat(scheduler.isShutdown()).isFalse();
  }

  @Test
  void beforeStartExports_nothingRunsOnTheSharedScheduler() throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put(
        "otel.exporter.otlp.metrics.endpoint",
        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics");
    settings.put("otel.metric.export.interval", "100");
    OtelPipeline pipeline =
        OtelPipeline.start(
            settings,
            OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
            Collections::emptyList,
            List.of(resource -> List.of(TestMetrics.calls(3))),
            "test",
            lines::add,
            scheduler);
    try {
      assertThat(scheduler.getTaskCount())
          .as("no task given to the scheduler, so its thread has not started")
          .isZero();
      assertThat(scheduler.getPoolSize()).isZero();

      assertThat(paths).as("nothing exported").isEmpty();

      pipeline.startExports();

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (paths.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(paths).as("exports once started").isNotEmpty();
    } finally {
      pipeline.shutdown(5_000);
    }
  }

  @Test
  void collectorNotAnswering_doesNotHoldTheSharedScheduler() throws Exception {
    CountDownLatch unanswered = new CountDownLatch(1);
    hold = unanswered;
    Map<String, String> settings = new HashMap<>();
    settings.put(
        "otel.exporter.otlp.metrics.endpoint",
        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/metrics");
    settings.put("otel.metric.export.interval", "600000");
    settings.put("otel.exporter.otlp.timeout", "600000"); // the answer would be waited for long
    OtelPipeline pipeline =
        OtelPipeline.start(
            settings,
            OtelPipeline.DEFAULT_MAX_BATCH_POINTS,
            Collections::emptyList,
            List.of(resource -> List.of(TestMetrics.calls(3))),
            "test",
            lines::add,
            scheduler);
    try {
      pipeline.startExports();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (paths.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(paths).as("the export at start reached the Collector").hasSize(1);

      CountDownLatch ran = new CountDownLatch(1);
      scheduler.execute(ran::countDown);
      assertThat(ran.await(30, TimeUnit.SECONDS))
          .as("the scheduler runs other work while the export waits for its answer")
          .isTrue();
      assertThat(unanswered.getCount()).as("the Collector has still not answered").isEqualTo(1);
    } finally {
      unanswered.countDown();
      pipeline.shutdown(5_000);
    }
  }

  private static Set<String> threadNames() {
    Set<String> names = new TreeSet<>();
    for (Thread t : new ArrayList<>(Thread.getAllStackTraces().keySet())) {
      if (t.isAlive()) {
        names.add(t.getName());
      }
    }
    return names;
  }
}
