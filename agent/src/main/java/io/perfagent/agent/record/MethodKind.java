package io.perfagent.agent.record;

/**
 * What the agent measures of a method. One vocabulary: a <em>measured</em> method is either {@link
 * #TIMED} ({@code @Measured}, {@code @WithSpan}, Micrometer {@code @Timed}, {@code
 * perf.instrument.methods}) or {@link #COUNTED} (perf's or Micrometer's {@code @Counted}).
 */
public enum MethodKind {
  /** Calls, errors and a duration histogram. */
  TIMED,
  /** Calls and errors only; the clock is never read. */
  COUNTED
}
