package io.perfagent.benchmarks;

import org.openjdk.jmh.results.RunResult;

/** What the reports read from a JMH run beyond its score. */
public final class JmhResults {

  private JmhResults() {}

  /** Bytes allocated per operation from {@code -prof gc}, or NaN when the profiler gave none. */
  public static double bytesPerOp(RunResult r) {
    for (var e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }
}
