package io.perfagent.benchmarks.overhead;

import example.workload.Body;
import example.workload.WorkloadFailure;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Case 6: Micrometer by hand: two clock reads and {@link Timer#record(long, TimeUnit)} on timers
 * registered once in a {@link SimpleMeterRegistry} (its default cumulative mode). This is the
 * cheapest way to use a Micrometer timer: no {@code Timer.Sample}, no lambda.
 */
public class MicrometerBench {

  /** The registry and its two timers, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Timers {
    SimpleMeterRegistry registry;
    Timer ok;
    Timer failed;

    @Setup(Level.Trial)
    public void setUp() {
      registry = new SimpleMeterRegistry();
      ok =
          Timer.builder("perf.method")
              .tag("code.function.name", "example.workload.Workload.work")
              .register(registry);
      failed =
          Timer.builder("perf.method")
              .tag("code.function.name", "example.workload.Workload.fail")
              .tag("error.type", WorkloadFailure.class.getName())
              .register(registry);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (ok.count() + failed.count() == 0) {
        throw new IllegalStateException("Micrometer recorded nothing");
      }
      registry.close();
    }
  }

  @Benchmark
  public long call(Input in, Timers timers) {
    long start = System.nanoTime();
    long r = Body.compute(in.value);
    timers.ok.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    return r;
  }

  @Benchmark
  public long fail(Input in, Timers timers) {
    long start = System.nanoTime();
    try {
      long r = Body.computeOrFail(in.value);
      timers.ok.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return r;
    } catch (WorkloadFailure expected) {
      timers.failed.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      return -1;
    }
  }
}
