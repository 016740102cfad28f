package io.perfagent.benchmarks.overhead;

import example.workload.Body;
import example.workload.WorkloadFailure;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Case 1, the floor: the body timed by hand with two {@link System#nanoTime()} reads and one {@link
 * LongAdder} add shared by all threads. No agent measures for less than this.
 */
public class FloorBench {

  /** The shared accumulator, like one method's recorder. */
  @State(Scope.Benchmark)
  public static class Total {
    final LongAdder nanos = new LongAdder();
  }

  @Benchmark
  public long call(Input in, Total total) {
    long start = System.nanoTime();
    long r = Body.compute(in.value);
    total.nanos.add(System.nanoTime() - start);
    return r;
  }

  @Benchmark
  public long fail(Input in, Total total) {
    long start = System.nanoTime();
    try {
      return Body.computeOrFail(in.value);
    } catch (WorkloadFailure expected) {
      return -1;
    } finally {
      total.nanos.add(System.nanoTime() - start);
    }
  }
}
