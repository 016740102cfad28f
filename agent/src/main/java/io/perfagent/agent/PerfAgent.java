package io.perfagent.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code Premain-Class} and {@code Agent-Class}: a doorway that puts the bootstrap classes on
 * the boot class path, hands over to {@link AgentRuntime}, and never lets a failure reach the
 * application. It references no bootstrap class itself, so that none is loaded from the wrong class
 * loader before the boot class path holds them.
 */
public final class PerfAgent {

  private PerfAgent() {}

  /** Entry point for {@code -javaagent:perf-agent.jar[=key=value,...]}. */
  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  /** Entry point for loading into a running JVM (attach). */
  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation);
  }

  private static void start(String agentArgs, Instrumentation instrumentation) {
    try {
      BootstrapJar.appendTo(instrumentation);
      AgentRuntime.start(agentArgs, instrumentation);
    } catch (Throwable failure) {
      System.err.println(
          "[perf-agent] ERROR could not start, the application runs unmeasured: " + failure);
    }
  }
}
