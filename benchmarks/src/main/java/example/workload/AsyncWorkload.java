package example.workload;

import io.perfagent.annotation.Measured;
import java.util.concurrent.CompletableFuture;

/**
 * The measured methods of the asynchronous per-call benchmark: each returns a future, so perf-agent
 * times it until the future completes (one completion callback per call) unless {@code
 * perf.instrument.async=false}.
 */
public final class AsyncWorkload {

  private AsyncWorkload() {}

  /** Returns an already completed future: the callback runs at once, inside the call. */
  @Measured
  public static CompletableFuture<Long> completed(long x) {
    return CompletableFuture.completedFuture(Body.compute(x));
  }

  /** Returns a pending future; the caller completes it, which runs the callback. */
  @Measured
  public static CompletableFuture<Long> pending(CompletableFuture<Long> f) {
    return f;
  }
}
