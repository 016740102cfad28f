package io.perfagent.benchmarks.overhead;

import java.nio.file.Path;
import java.util.List;

/** One per-call case: the benchmark class it runs and the JVM arguments of its forks. */
final class Case {

  final String name;
  final String label;
  final Class<?> benchmark;
  final List<String> jvmArgs;

  private Case(String name, String label, Class<?> benchmark, List<String> jvmArgs) {
    this.name = name;
    this.label = label;
    this.benchmark = benchmark;
    this.jvmArgs = jvmArgs;
  }

  /** Baseline case name: every overhead is relative to it. */
  static final String NONE = "none";

  /** The floor case name. */
  static final String FLOOR = "floor";

  static final String PERF_AGENT = "perf-agent";
  static final String OTEL_AGENT = "otel-agent";

  /** perf-agent with its overhead governor on (1 % of a core): a JMH loop is a very hot method. */
  static final String PERF_AGENT_GOVERNED = "perf-agent-governed";

  /** The six cases of issue 4 and the governed one of issue 12, in table order. */
  static List<Case> all(Path perfAgentJar, Path otelAgentJar) {
    return List.of(
        new Case(FLOOR, "1 floor: 2× nanoTime + LongAdder.add", FloorBench.class, List.of()),
        new Case(NONE, "2 un-instrumented (no agent)", WorkloadBench.class, expect(NONE)),
        new Case(
            PERF_AGENT,
            "3 perf-agent @Measured, every call timed",
            WorkloadBench.class,
            List.of(
                "-javaagent:" + perfAgentJar + "=otel.metrics.exporter=none,perf.overhead.budget=0",
                "-D" + ForkCheck.EXPECT + "=" + PERF_AGENT)),
        new Case(
            PERF_AGENT_GOVERNED,
            "3b perf-agent @Measured, very hot, governor (perf.overhead.budget=1)",
            WorkloadBench.class,
            List.of(
                "-javaagent:" + perfAgentJar + "=otel.metrics.exporter=none,perf.overhead.budget=1",
                "-D" + ForkCheck.EXPECT + "=" + PERF_AGENT)),
        new Case(
            OTEL_AGENT,
            "4 OTel agent @WithSpan",
            WorkloadBench.class,
            List.of(
                "-javaagent:" + otelAgentJar,
                "-Dotel.traces.exporter=none",
                "-Dotel.metrics.exporter=none",
                "-Dotel.logs.exporter=none",
                "-D" + ForkCheck.EXPECT + "=" + OTEL_AGENT)),
        new Case("otel-sdk", "5 OTel SDK counter+histogram", OtelSdkBench.class, List.of()),
        new Case("micrometer", "6 Micrometer Timer.record", MicrometerBench.class, List.of()));
  }

  private static List<String> expect(String instrumentation) {
    return List.of("-D" + ForkCheck.EXPECT + "=" + instrumentation);
  }
}
