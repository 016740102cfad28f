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
    for (String bench : List.of("prometheusStreamed", "prometheusAsOneString", "summaryJson")) {
      table.run(EndpointCostBench.class, bench, "endpoint", TimeUnit.MILLISECONDS);
    }
    int runs = mode.equals("smoke") ? 10 : 200;
    EndpointCostBench bench = new EndpointCostBench();
    EndpointCostBench.Service service = new EndpointCostBench.Service();
    service.methods = 1_000;
    service.build();
    double scrape = medianCpuMillis(runs, () -> bench.prometheusStreamed(service));
    double summary = medianCpuMillis(runs, () -> bench.summaryJson(service));
    String footer =
        String.format(
            Locale.ROOT,
            "Thread CPU time per request (median of %d after as many for warm-up; unlike the wall "
                + "times above, other load on the machine barely moves it): Prometheus scrape %.2f ms, "
                + "summary %.2f ms.",
            runs,
            scrape,
            summary);
    System.out.printf(
        Locale.ROOT,
        "[endpoint] CPU per request: scrape %.2f ms, summary %.2f ms%n",
        scrape,
        summary);
    return table.write(
        "endpoint.md",
        "Cost of one endpoint request for 1 000 methods "
            + "(prometheusStreamed: a /metrics/prometheus scrape as served; prometheusAsOneString: "
            + "the same text built whole, as before; summaryJson: /metrics/summary). "
            + "Goal: ≤ 20 ms and bounded allocation per scrape.",
        "ms per request",
        "B allocated per request",
        footer);
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
