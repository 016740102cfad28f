package io.perfagent.benchmarks.analysis;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one analysis cycle for 1 000 measured methods: the cycle taken from the striped
 * recorders (snapshots and deltas), every p95 judged against its baseline and learned, and the
 * history line rendered. The calls of each cycle are recorded before it, outside the measurement.
 */
public class AnalysisCostBench {

  @State(Scope.Benchmark)
  public static class Service {
    @Param("1000")
    int methods;

    AnalysisWorkload workload;

    @Setup(Level.Trial)
    public void build() {
      workload = new AnalysisWorkload(methods);
      for (int i = 0; i < 5; i++) {
        workload.recordCycle();
        workload.analyzeCycle();
      }
    }

    @Setup(Level.Invocation)
    public void callsOfOneCycle() {
      workload.recordCycle();
    }
  }

  @Benchmark
  public String cycle(Service s) {
    return s.workload.analyzeCycle();
  }
}
