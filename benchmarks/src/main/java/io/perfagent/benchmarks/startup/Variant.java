package io.perfagent.benchmarks.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One way to start the application: no agent, perf-agent, or the OpenTelemetry agent. */
public record Variant(String name, String label, List<String> jvmArgs) {

  public static final String NONE = "none";
  public static final String PERF_AGENT = "perf-agent";
  public static final String OTEL_AGENT = "otel-agent";
  static final String PERF_AGENT_OTLP = "perf-agent-otlp";
  static final String PERF_AGENT_ALT = "perf-agent-alt";
  static final String PERF_AGENT_ALT_OTLP = "perf-agent-alt-otlp";

  /** The variants named in {@code names} (comma-separated), in that order. */
  public static List<Variant> select(String names, Path perfAgentJar, Path otelAgentJar) {
    List<Variant> out = new ArrayList<>();
    for (String n : names.split(",")) {
      switch (n.trim()) {
        case NONE:
          out.add(new Variant(NONE, "no agent", List.of()));
          break;
        case PERF_AGENT:
          out.add(
              new Variant(
                  PERF_AGENT,
                  "perf-agent, export off",
                  List.of("-javaagent:" + perfAgentJar + "=otel.metrics.exporter=none")));
          break;
        case PERF_AGENT_OTLP:
          // OTLP export on (the product default), to a port where nothing listens: the SDK, its
          // reader and exporter start and fail as in production with the collector down. Every
          // second, so that exports happen within the application's short life.
          out.add(
              new Variant(
                  PERF_AGENT_OTLP,
                  "perf-agent, OTLP export on (collector down)",
                  List.of(
                      "-javaagent:"
                          + perfAgentJar
                          + "=otel.exporter.otlp.endpoint=http://127.0.0.1:9,otel.metric.export.interval=1000")));
          break;
        case PERF_AGENT_ALT:
          // A second perf-agent build (-Dperf.agent.alt.jar), to A/B a change with paired runs.
          out.add(
              new Variant(
                  PERF_AGENT_ALT,
                  "perf-agent (alt build), export off",
                  List.of("-javaagent:" + altJar() + "=otel.metrics.exporter=none")));
          break;
        case PERF_AGENT_ALT_OTLP:
          // The second build with OTLP export on, as perf-agent-otlp: threads and RSS of two
          // builds' export paths, paired.
          out.add(
              new Variant(
                  PERF_AGENT_ALT_OTLP,
                  "perf-agent (alt build), OTLP export on (collector down)",
                  List.of(
                      "-javaagent:"
                          + altJar()
                          + "=otel.exporter.otlp.endpoint=http://127.0.0.1:9,otel.metric.export.interval=1000")));
          break;
        case OTEL_AGENT:
          out.add(
              new Variant(
                  OTEL_AGENT,
                  "OpenTelemetry agent, exporters off",
                  List.of(
                      "-javaagent:" + otelAgentJar,
                      "-Dotel.traces.exporter=none",
                      "-Dotel.metrics.exporter=none",
                      "-Dotel.logs.exporter=none")));
          break;
        default:
          throw new IllegalArgumentException(
              "unknown variant '"
                  + n
                  + "'; expected none, perf-agent, perf-agent-otlp, perf-agent-alt, perf-agent-alt-otlp,"
                  + " otel-agent");
      }
    }
    if (out.isEmpty() || !out.get(0).name.equals(NONE)) {
      throw new IllegalArgumentException(
          "--variants must start with none (the baseline of every difference)");
    }
    return out;
  }

  private static Path altJar() {
    String alt = System.getProperty("perf.agent.alt.jar");
    if (alt == null || !Files.isRegularFile(Path.of(alt))) {
      throw new IllegalArgumentException(
          "variant perf-agent-alt needs -Dperf.agent.alt.jar=<an existing perf-agent.jar>");
    }
    return Path.of(alt).toAbsolutePath();
  }
}
