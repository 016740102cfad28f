package io.perfagent.benchmarks.async;

import example.workload.AsyncWorkload;
import java.util.concurrent.CompletableFuture;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The per-call cost of timing a method until its future completes: the same calls with no agent,
 * with perf-agent timing until completion, and with {@code perf.instrument.async=false} (timing
 * until return), decided by the fork's JVM arguments ({@link AsyncMain}).
 */
public class AsyncBench {

  /** Per-thread input, a non-final field so the JIT cannot fold the body. */
  @State(Scope.Thread)
  public static class In {
    long value = 0x1234_5678_9ABCL;
  }

  /** A future already complete when returned: the callback runs inside the call. */
  @Benchmark
  public long completed(In in) {
    return AsyncWorkload.completed(in.value).join();
  }

  /** A future completed after the call returned: the callback runs in {@code complete}. */
  @Benchmark
  public long completedLater(In in) {
    CompletableFuture<Long> f = AsyncWorkload.pending(new CompletableFuture<>());
    f.complete(in.value);
    return f.join();
  }
}
