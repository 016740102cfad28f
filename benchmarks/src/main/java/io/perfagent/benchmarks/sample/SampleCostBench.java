package io.perfagent.benchmarks.sample;

import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.agent.sample.SampleHistory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one full resource sample as the agent's sampler thread takes it every interval:
 * /proc/self files, cgroup limits (every 30th sample), the I/O latency probe, the JVM MXBeans and
 * the in-memory history. Next to it, what the JDK's memory-pool API alone costs, because its {@link
 * MemoryUsage} objects are the allocation the agent cannot avoid.
 */
public class SampleCostBench {

  /** One sampler, not scheduled: only the benchmark samples. */
  @State(Scope.Benchmark)
  public static class Sampler {
    ResourceSampler sampler;
    List<MemoryPoolMXBean> pools;

    @Setup(Level.Trial)
    public void start() {
      sampler =
          ResourceSampler.create(
              3_600_000L, new java.io.File(System.getProperty("java.io.tmpdir")));
      sampler.sampleOnce();
      pools = ManagementFactory.getMemoryPoolMXBeans();
    }

    @TearDown(Level.Trial)
    public void stop() {
      double[] threads = sampler.history().lastHour(SampleHistory.Series.THREADS);
      if (threads.length == 0 || !(threads[threads.length - 1] > 0)) {
        throw new IllegalStateException("the sampler recorded no thread counts");
      }
      sampler.close();
    }
  }

  @Benchmark
  public void fullSample(Sampler s) {
    s.sampler.sampleOnce();
  }

  /**
   * {@code getUsage()} and {@code getCollectionUsage()} of every pool, as the JVM half reads them.
   */
  @Benchmark
  public long jdkMemoryPoolsOnly(Sampler s) {
    long sum = 0;
    for (MemoryPoolMXBean pool : s.pools) {
      sum += pool.getUsage().getUsed();
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null) {
        sum += afterGc.getUsed();
      }
    }
    return sum;
  }
}
