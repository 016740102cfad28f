package io.perfagent.benchmarks.endpoint;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.CostTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link EndpointCostBench} and writes {@code endpoint.md}. Needs perf-agent.jar on the class
 * path, like {@code sample}. Options: {@code --mode full|quick|smoke}, {@code --out}.
 */
public final class EndpointMain {

  private EndpointMain() {}

  public static int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, List.of("mode", "out"));
    CostTable table =
        new CostTable(
            args.get("mode", "quick"), Path.of(args.get("out", "benchmarks/target/results")));
    String mode = args.get("mode", "quick");
    for (String bench :
        List.of(
            "prometheusStreamed",
            "prometheusAsOneString",
            "summaryJson",
            "prometheusOverHttp",
            "summaryOverHttp")) {
      table.run(EndpointCostBench.class, bench, "endpoint", TimeUnit.MILLISECONDS);
    }
    int runs = mode.equals("smoke") ? 10 : 200;
    EndpointCostBench bench = new EndpointCostBench();
    EndpointCostBench.Service service = new EndpointCostBench.Service();
    service.methods = 1_000;
    service.build();
    double scrape = medianCpuMillis(runs, () -> bench.prometheusStreamed(service));
    double summary = medianCpuMillis(runs, () -> bench.summaryJson(service));
    EndpointCostBench.Served served = new EndpointCostBench.Served();
    served.start(service);
    List<String> threads = new java.util.ArrayList<>();
    served.endpointThreads.forEach(t -> threads.add(t.getName()));
    double[] scrapeCost = meanHttpCost(runs, served, "/metrics/prometheus");
    double[] summaryCost = meanHttpCost(runs, served, "/metrics/summary");
    double scrapeHttp = scrapeCost[0];
    double summaryHttp = summaryCost[0];
    served.stop();
    String footer =
        String.format(
            Locale.ROOT,
            "Thread CPU time per request (median of %d after as many for warm-up; unlike the wall "
                + "times above, other load on the machine barely moves it): Prometheus scrape %.2f ms, "
                + "summary %.2f ms. Over HTTP, the CPU time of the client thread and the endpoint's "
                + "threads together (mean of %d after as many): scrape %.2f ms, summary %.2f ms "
                + "(the endpoint's threads alone: %.2f ms, %.2f ms); allocated by those threads: "
                + "scrape %.0f B, summary %.0f B. "
                + "Threads the endpoint starts: %d %s.",
            runs,
            scrape,
            summary,
            runs,
            scrapeHttp,
            summaryHttp,
            scrapeCost[2],
            summaryCost[2],
            scrapeCost[1],
            summaryCost[1],
            threads.size(),
            threads);
    System.out.printf(
        Locale.ROOT,
        "[endpoint] CPU per request: scrape %.2f ms, summary %.2f ms; over HTTP (client + server"
            + " threads) scrape %.2f ms %.0f B, summary %.2f ms %.0f B; endpoint threads %d %s%n",
        scrape,
        summary,
        scrapeHttp,
        scrapeCost[1],
        summaryHttp,
        summaryCost[1],
        threads.size(),
        threads);
    return table.write(
        "endpoint.md",
        "Cost of one endpoint request for 1 000 methods "
            + "(prometheusStreamed: a /metrics/prometheus scrape as served; prometheusAsOneString: "
            + "the same text built whole, as before; summaryJson: /metrics/summary; *OverHttp: "
            + "the same through the endpoint's HTTP server, read by a keep-alive client). "
            + "Goal: ≤ 20 ms and bounded allocation per scrape.",
        "ms per request",
        "B allocated per request",
        footer);
  }

  /**
   * The mean CPU time (ms) and allocation (bytes) of one request over HTTP: this (client) thread's
   * and the endpoint threads' together, so the server's share is counted whichever server it is.
   */
  static double[] meanHttpCost(int runs, EndpointCostBench.Served served, String path)
      throws IOException {
    for (int r = 0; r < runs; r++) { // warm-up
      served.get(path);
    }
    long client = clientCpuNanos();
    long server = serverCpuNanos(served.endpointThreads);
    long bytes = allocatedBytes(served.endpointThreads);
    for (int r = 0; r < runs; r++) {
      served.get(path);
    }
    long serverDelta = serverCpuNanos(served.endpointThreads) - server;
    return new double[] {
      (clientCpuNanos() - client + serverDelta) / 1e6 / runs,
      (allocatedBytes(served.endpointThreads) - bytes) / (double) runs,
      serverDelta / 1e6 / runs
    };
  }

  private static long clientCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static long serverCpuNanos(List<Thread> server) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread t : server) {
      total += Math.max(0, mx.getThreadCpuTime(t.getId()));
    }
    return total;
  }

  private static long allocatedBytes(List<Thread> server) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    for (Thread t : server) {
      total += Math.max(0, mx.getThreadAllocatedBytes(t.getId()));
    }
    return total;
  }

  /** One request, for the CPU-time loop. */
  interface Request {
    Object run() throws IOException;
  }

  /** The median thread CPU time of one request, in ms. */
  static double medianCpuMillis(int runs, Request request) throws IOException {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] ms = new double[runs];
    for (int r = -runs; r < runs; r++) { // the first half warms up
      long before = mx.getCurrentThreadCpuTime();
      request.run();
      if (r >= 0) {
        ms[r] = (mx.getCurrentThreadCpuTime() - before) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms[runs / 2];
  }
}
