package io.perfagent.agent.lifecycle;

/**
 * A running part of the agent (the sampler, the analysis, …): started once with the shared
 * scheduler, closed once at exit or detach. Neither method may throw.
 */
public interface Component extends AutoCloseable {

  /** The name used in log lines. */
  String name();

  /** Schedules this component's work. */
  void start(AgentScheduler scheduler);

  /** Finishes what must be finished (a last cycle, a flush) and releases resources. */
  @Override
  void close();
}
