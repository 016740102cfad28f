package io.perfagent.agent.record;

/** What the agent measures of a method. */
public enum MethodKind {
  /** Calls, errors and a duration histogram. */
  TIMED,
  /** Calls and errors only; the clock is never read. */
  COUNTED
}
