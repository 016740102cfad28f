package io.perfagent.benchmarks.endpoint;

import io.perfagent.agent.endpoint.Reports;
import io.perfagent.benchmarks.analysis.AnalysisWorkload;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.exporter.PrometheusScrape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * before it streamed (whole text, then its bytes), kept for comparison. The HTTP exchange itself is
 * not included.
 */
public class EndpointCostBench {

  @State(Scope.Benchmark)
  public static class Service {
    @Param("1000")
    int methods;

    PrometheusScrape scrape;
    CycleReport report;
    final Counting sink = new Counting();

    @Setup(Level.Trial)
    public void build() {
      AnalysisWorkload workload = new AnalysisWorkload(methods);
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
  public int summaryJson(Service s) {
    return Reports.summaryJson(s.report, "bench", 1_764_547_200_000L)
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }
}
