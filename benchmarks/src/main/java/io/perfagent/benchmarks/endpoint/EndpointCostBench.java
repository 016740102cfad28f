package io.perfagent.benchmarks.endpoint;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.endpoint.EndpointComponent;
import io.perfagent.agent.endpoint.Reports;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.store.StateDir;
import io.perfagent.benchmarks.analysis.AnalysisWorkload;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.exporter.PrometheusScrape;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the endpoint does per request for a service of 1 000 measured methods (each with calls in
 * every histogram bucket range): a {@code /metrics/prometheus} scrape, collected from the recorders
 * and streamed as UTF-8 to the client (here a counting sink), and the {@code /metrics/summary} JSON
 * of the latest cycle. {@code prometheusAsOneString} is the way the endpoint rendered a scrape
 * before it streamed (whole text, then its bytes), kept for comparison. {@code prometheusOverHttp}
 * and {@code summaryOverHttp} add the HTTP exchange: the agent's endpoint started on an ephemeral
 * loopback port over the same recorders and cycle, read by one keep-alive {@code HttpURLConnection}
 * client in the benchmark thread (the server's work runs on its own thread).
 */
public class EndpointCostBench {

  @State(Scope.Benchmark)
  public static class Service {
    @Param("1000")
    int methods;

    PrometheusScrape scrape;
    CycleReport report;
    AnalysisWorkload workload;
    final Counting sink = new Counting();

    @Setup(Level.Trial)
    public void build() {
      workload = new AnalysisWorkload(methods);
      for (int i = 0; i < 4; i++) {
        workload.recordCycle();
        workload.report();
      }
      workload.recordCycle();
      report = workload.report(); // the fifth cycle: baselines exist
      scrape = new PrometheusScrape(workload.registry, List.of(), "bench", "bench");
    }

    @TearDown(Level.Trial)
    public void check() throws IOException {
      String text = scrape.render(false);
      int series = text.split("\nperf_method_calls_total\\{", -1).length - 1;
      if (series != methods) {
        throw new IllegalStateException("expected " + methods + " call series, got " + series);
      }
    }
  }

  /** The agent's endpoint over {@link Service}'s recorders and cycle, on an ephemeral port. */
  @State(Scope.Benchmark)
  public static class Served {
    EndpointComponent endpoint;
    AgentScheduler scheduler;
    StateDir stateDir;
    String base;
    final byte[] buffer = new byte[64 * 1024];

    /** The threads that starting the endpoint added (for the thread count and their CPU time). */
    List<Thread> endpointThreads;

    @Setup(Level.Trial)
    public void start(Service s) throws IOException {
      stateDir = StateDir.open(Files.createTempDirectory("perf-agent-bench").toString(), "bench");
      AgentConfig config =
          ConfigLoader.load("", Map.of("perf.endpoint.port", "0"), Map.of()).config();
      scheduler = new AgentScheduler();
      CycleReport report = s.report;
      endpoint =
          EndpointComponent.create(
              config,
              "bench",
              "bench",
              s.workload.registry,
              null,
              () -> report,
              null,
              null,
              s.scrape,
              stateDir,
              () -> "");
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      endpoint.start(scheduler);
      endpointThreads = new ArrayList<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(t)) {
          endpointThreads.add(t);
        }
      }
      if (endpoint.port() <= 0) {
        throw new IllegalStateException("the endpoint did not start");
      }
      base = "http://127.0.0.1:" + endpoint.port();
    }

    @TearDown(Level.Trial)
    public void stop() {
      endpoint.close();
      scheduler.close();
      stateDir.close();
    }

    /** GETs {@code path} and reads the whole body; returns its length. */
    long get(String path) throws IOException {
      HttpURLConnection c = (HttpURLConnection) new URL(base + path).openConnection();
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException(path + " answered " + c.getResponseCode());
      }
      long total = 0;
      try (InputStream in = c.getInputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          total += n;
        }
      }
      return total;
    }
  }

  /** Counts the bytes it is given, as a client socket would take them. */
  static final class Counting extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  @Benchmark
  public long prometheusStreamed(Service s) throws IOException {
    s.scrape.write(false, s.sink);
    return s.sink.bytes;
  }

  @Benchmark
  public int prometheusAsOneString(Service s) {
    return s.scrape.render(false).getBytes(StandardCharsets.UTF_8).length;
  }

  @Benchmark
  public long prometheusOverHttp(Served served) throws IOException {
    return served.get("/metrics/prometheus");
  }

  @Benchmark
  public long summaryOverHttp(Served served) throws IOException {
    return served.get("/metrics/summary");
  }

  @Benchmark
  public int summaryJson(Service s) {
    return Reports.summaryJson(s.report, "bench", 1_764_547_200_000L)
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }
}
