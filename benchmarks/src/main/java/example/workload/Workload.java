package example.workload;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.perfagent.annotation.Measured;

/**
 * The measured methods of the per-call benchmarks. The un-instrumented, perf-agent and
 * OpenTelemetry-agent cases all call these same methods; only the fork's JVM arguments differ.
 * perf-agent honours {@code @Measured} (which wins over {@code @WithSpan}, so each method is woven
 * once); the OpenTelemetry agent honours {@code @WithSpan}; without an agent both are inert.
 *
 * <p>This class lives outside {@code io.perfagent.} on purpose: the agent ignores its own prefix,
 * and JMH's generated classes must not be the annotated ones.
 */
public final class Workload {

  private Workload() {}

  /** The body, measured. */
  @Measured
  @WithSpan
  public static long work(long x) {
    return Body.compute(x);
  }

  /** The body, measured, then it throws {@link Body#FAILURE}. */
  @Measured
  @WithSpan
  public static long fail(long x) {
    return Body.computeOrFail(x);
  }

  /**
   * Whether an OpenTelemetry span is current inside a {@code @WithSpan} method: true only when the
   * OpenTelemetry agent wove this class. Used to verify a fork, never on the measured path.
   */
  @Measured
  @WithSpan
  public static boolean insideSpan() {
    return Span.current().getSpanContext().isValid();
  }
}
