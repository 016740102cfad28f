package io.perfagent.benchmarks.sample;

import io.perfagent.benchmarks.Args;
import io.perfagent.benchmarks.CostTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SampleCostBench} and writes {@code sample.md}. The forks need perf-agent.jar on the
 * class path ({@code java -cp benchmarks.jar:perf-agent.jar ... sample}, as run.sh does): the
 * sampler is measured exactly as shipped. Options: {@code --mode full|quick|smoke}, {@code --out}.
 */
public final class SampleMain {

  private SampleMain() {}

  public static int run(List<String> argv) throws IOException {
    Args args = Args.parse(argv, List.of("mode", "out"));
    CostTable table =
        new CostTable(
            args.get("mode", "quick"), Path.of(args.get("out", "benchmarks/target/results")));
    try {
      Class.forName("io.perfagent.agent.sample.ResourceSampler");
    } catch (ClassNotFoundException missing) {
      throw new IllegalArgumentException(
          "perf-agent.jar is not on the class path (java -cp benchmarks.jar:perf-agent.jar ...)");
    }
    for (String bench : List.of("fullSample", "jdkMemoryPoolsOnly")) {
      table.run(SampleCostBench.class, bench, "sample", TimeUnit.MICROSECONDS);
    }
    return table.write(
        "sample.md",
        "Cost of one resource sample; goal ≤ 50 µs, 0 B.",
        "µs per sample",
        "B per sample",
        "");
  }
}
