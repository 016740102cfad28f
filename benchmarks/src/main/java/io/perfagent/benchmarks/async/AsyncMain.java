package io.perfagent.benchmarks.async;

import io.perfagent.benchmarks.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code java -jar benchmarks.jar async [--quick]}: {@link AsyncBench} with no agent, with
 * perf-agent (timed until completion) and with {@code perf.instrument.async=false}; prints one
 * Markdown table of ns/op and allocated B/op. It asserts no timing.
 */
public final class AsyncMain {

  private AsyncMain() {}

  public static int run(List<String> args) throws Exception {
    boolean quick = args.contains("--quick");
    String agent = Paths.perfAgentJar().toString();
    String[][] cases = {
      {"no agent", null},
      {
        "perf-agent, until completion",
        "-javaagent:" + agent + "=otel.metrics.exporter=none,perf.endpoint.port=off"
      },
      {
        "perf-agent, async=false",
        "-javaagent:"
            + agent
            + "=otel.metrics.exporter=none,perf.endpoint.port=off,perf.instrument.async=false"
      },
    };
    List<String> rows = new ArrayList<>();
    for (String[] c : cases) {
      ChainedOptionsBuilder o =
          new OptionsBuilder()
              .include("^" + AsyncBench.class.getName().replace(".", "\\.") + "\\..*")
              .forks(1)
              .warmupIterations(quick ? 2 : 5)
              .warmupTime(TimeValue.seconds(1))
              .measurementIterations(quick ? 3 : 5)
              .measurementTime(TimeValue.seconds(1))
              .mode(org.openjdk.jmh.annotations.Mode.AverageTime)
              .timeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
              .addProfiler("gc")
              .jvmArgs("-Xms256m", "-Xmx256m");
      if (c[1] != null) {
        o.jvmArgsAppend(c[1]);
      }
      for (RunResult r : new Runner(o.build()).run()) {
        String name = r.getParams().getBenchmark();
        double alloc =
            r.getSecondaryResults().containsKey("gc.alloc.rate.norm")
                ? r.getSecondaryResults().get("gc.alloc.rate.norm").getScore()
                : Double.NaN;
        rows.add(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.1f ± %.1f | %.0f |",
                c[0],
                name.substring(name.lastIndexOf('.') + 1),
                r.getPrimaryResult().getScore(),
                r.getPrimaryResult().getScoreError(),
                alloc));
      }
    }
    System.out.println("| case | benchmark | ns/op | B/op |");
    System.out.println("| --- | --- | --- | --- |");
    rows.forEach(System.out::println);
    return rows.size() == 2 * cases.length ? 0 : 1;
  }
}
