package io.perfagent.benchmarks.endpoint;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.CostTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link EndpointCostBench} and writes {@code endpoint.md}. Needs perf-agent.jar on the class
 * path, like {@code sample}. Options: {@code --mode full|quick|smoke}, {@code --out}.
 */
public final class EndpointMain {

  private EndpointMain() {}

  public static int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, List.of("mode", "out"));
    CostTable table = new CostTable(args.get("mode", "quick"), Path.of(args.get("out", "benchmarks/target/results")));
    for (String bench : List.of("prometheusStreamed", "prometheusAsOneString", "summaryJson")) {
      table.run(EndpointCostBench.class, bench, "endpoint", TimeUnit.MILLISECONDS);
    }
    return table.write("endpoint.md", "Cost of one endpoint request for 1 000 methods "
            + "(prometheusStreamed: a /metrics/prometheus scrape as served; prometheusAsOneString: "
            + "the same text built whole, as before; summaryJson: /metrics/summary). "
            + "Goal: ≤ 20 ms and bounded allocation per scrape.",
        "ms per request", "B allocated per request", "");
  }
}
