package io.perfagent.benchmarks;

import io.perfagent.benchmarks.analysis.AnalysisMain;
import io.perfagent.benchmarks.overhead.OverheadMain;
import io.perfagent.benchmarks.sample.SampleMain;
import io.perfagent.benchmarks.startup.StartupMain;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code benchmarks.jar}: {@code overhead} (per-call cost, JMH), {@code sample}
 * (cost of one resource sample, JMH), {@code analysis}, {@code endpoint} (cost of a Prometheus
 * scrape and a summary, JMH), {@code startup} (start-up time, RSS and threads) or {@code load} (a
 * web application under wrk). {@code benchmarks/run.sh} calls them all; exit status 0 means every
 * case ran and produced a number, 1 that some did not, 2 a usage error.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
    String command = args.length == 0 ? "" : args[0];
    int status;
    try {
      switch (command) {
        case "overhead":
          status = OverheadMain.run(rest);
          break;
        case "sample":
          status = SampleMain.run(rest);
          break;
        case "analysis":
          status = AnalysisMain.run(rest);
          break;
        case "endpoint":
          status = io.perfagent.benchmarks.endpoint.EndpointMain.run(rest);
          break;
        case "async":
          status = io.perfagent.benchmarks.async.AsyncMain.run(rest);
          break;
        case "startup":
          status = StartupMain.run(rest);
          break;
        case "reload":
          status = io.perfagent.benchmarks.startup.ReloadMain.run(rest);
          break;
        case "load":
          status = io.perfagent.benchmarks.load.LoadMain.run(rest);
          break;
        default:
          System.err.println(
              "usage: java -jar benchmarks.jar overhead|sample|analysis|endpoint|async|startup|load|reload [--option value ...]");
          status = 2;
      }
    } catch (IllegalArgumentException usage) {
      System.err.println("benchmarks: " + usage.getMessage());
      status = 2;
    }
    System.exit(status);
  }
}
