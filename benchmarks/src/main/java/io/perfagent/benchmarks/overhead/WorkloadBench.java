package io.perfagent.benchmarks.overhead;

import example.workload.Workload;
import example.workload.WorkloadFailure;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cases 2, 3 and 4: the annotated {@link Workload} methods, with no agent, with perf-agent or with
 * the OpenTelemetry agent, decided by the fork's JVM arguments alone. After each trial {@link
 * ForkCheck} verifies that the fork really ran under what its case claims.
 */
public class WorkloadBench {

  /** Holds the verification that runs once per fork, after measuring. */
  @State(Scope.Benchmark)
  public static class Verified {
    @TearDown(Level.Trial)
    public void verify() {
      ForkCheck.verify();
    }
  }

  @Benchmark
  public long call(Input in, Verified v) {
    return Workload.work(in.value);
  }

  @Benchmark
  public long fail(Input in, Verified v) {
    try {
      return Workload.fail(in.value);
    } catch (WorkloadFailure expected) {
      return -1;
    }
  }
}
