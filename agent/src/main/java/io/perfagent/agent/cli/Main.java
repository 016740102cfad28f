package io.perfagent.agent.cli;

import io.perfagent.agent.AgentVersion;
import io.perfagent.agent.config.ConfigKey;
import io.perfagent.agent.config.ConfigKeys;
import java.io.PrintStream;

/**
 * {@code java -jar perf-agent.jar <command>}. Exit codes: 0 success, 2 bad usage (with a line
 * saying what was expected).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0
        || args[0].equals("--help")
        || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(usage());
      return 0;
    }
    if (args[0].equals("--version") || args[0].equals("version")) {
      out.println("perf-agent " + AgentVersion.get());
      return 0;
    }
    if (args[0].equals("replay")) {
      return ReplayCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
    }
    if (ControlCommand.handles(args[0])) {
      return ControlCommand.run(args, out, err);
    }
    if (Generators.handles(args[0])) {
      return Generators.run(args, out, err);
    }
    if (Commands.handles(args[0])) {
      return Commands.run(args, System.in, out, err);
    }
    err.println("perf-agent: unknown command '" + args[0] + "'; expected --help or --version");
    err.print(Commands.usage());
    return 2;
  }

  static String usage() {
    StringBuilder s = new StringBuilder();
    s.append("perf-agent ")
        .append(AgentVersion.get())
        .append('\n')
        .append("Measures annotated methods and exports them over OpenTelemetry.\n\n")
        .append("Attach:  java -javaagent:perf-agent.jar[=key=value,...] -jar service.jar\n")
        .append("Usage:   java -jar perf-agent.jar --help | --version | <command>\n")
        .append("         java -jar perf-agent.jar ")
        .append(ReplayCommand.USAGE)
        .append("\n\n")
        .append(Commands.usage())
        .append(ControlCommand.USAGE)
        .append('\n')
        .append("Configuration (agent argument, -Dkey=value, or environment variable):\n");
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      s.append(
          String.format(
              "  %-28s %-28s default %-6s %s%n",
              key.name(),
              key.envName(),
              key.defaultText().isEmpty() ? "-" : key.defaultText(),
              key.description()));
    }
    s.append(
            "\nExport is configured the OpenTelemetry way: OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT,\n")
        .append(
            "OTEL_EXPORTER_OTLP_PROTOCOL (http/protobuf | grpc), OTEL_METRICS_EXPORTER (otlp | console | none),\n")
        .append("OTEL_METRIC_EXPORT_INTERVAL, ... or their otel.* property forms.\n")
        .append(
            "perf.otel.X (PERF_OTEL_X) sets otel.X for perf-agent only, e.g. beside the OpenTelemetry agent.\n");
    return s.toString();
  }
}
