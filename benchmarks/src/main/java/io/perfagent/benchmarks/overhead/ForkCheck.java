package io.perfagent.benchmarks.overhead;

import example.workload.Workload;
import example.workload.WorkloadFailure;
import io.perfagent.bootstrap.Probe;
import io.perfagent.bootstrap.ProbeSink;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Verifies, after a fork's measurement, that the fork measured what its case says: the {@code
 * bench.expect} system property names the instrumentation the fork must have (none, perf-agent or
 * otel-agent). A wrong expectation fails the benchmark, so a mis-configured agent path can never
 * pass as "no overhead".
 *
 * <p>perf-agent is detected by installing a counting {@link ProbeSink} through the public bootstrap
 * API and calling the woven methods (this replaces the agent's sink, harmless once the trial is
 * over); the OpenTelemetry agent by a valid span inside a {@code @WithSpan} method.
 */
final class ForkCheck {

  static final String EXPECT = "bench.expect";

  private ForkCheck() {}

  static void verify() {
    String expected = System.getProperty(EXPECT, "none");
    AtomicInteger timed = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Probe.install(
        new ProbeSink() {
          @Override
          public void timed(int methodId, long durationNanos, @Nullable Throwable thrown) {
            (thrown == null ? timed : failed).incrementAndGet();
          }

          @Override
          public void counted(int methodId, @Nullable Throwable thrown) {}
        });
    Workload.work(1);
    try {
      Workload.fail(1);
    } catch (WorkloadFailure expectedFailure) {
      // the throwing path
    }
    boolean perfAgent = timed.get() == 1 && failed.get() == 1;
    boolean otelAgent = Workload.insideSpan();
    String actual =
        perfAgent && otelAgent
            ? "both"
            : perfAgent ? "perf-agent" : otelAgent ? "otel-agent" : "none";
    if (!actual.equals(expected)) {
      throw new IllegalStateException(
          "fork expected instrumentation '"
              + expected
              + "' but found '"
              + actual
              + "' (perf-agent probe saw "
              + timed.get()
              + " calls, "
              + failed.get()
              + " failures)");
    }
  }
}
