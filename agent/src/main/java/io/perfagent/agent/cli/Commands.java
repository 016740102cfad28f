package io.perfagent.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The commands that read a running agent or its files: {@code status}, {@code summary}, {@code
 * alerts}, {@code health}, {@code list}, {@code export}, {@code doctor} and {@code rebuild}. Exit
 * codes: 0 done, 1 failed (no agent, no answer), 2 bad usage; {@code doctor} 1 for a warning and 3
 * for a failure.
 */
final class Commands {

  /** One command. */
  interface Command {
    int run(CliArgs args, PrintStream out, PrintStream err)
        throws CliArgs.UsageException, Target.NotFound, AgentClient.AgentException, IOException;
  }

  static final List<String> NAMES =
      Arrays.asList("status", "summary", "alerts", "health", "list", "export", "doctor", "rebuild");

  private Commands() {}

  static boolean handles(String name) {
    return NAMES.contains(name);
  }

  /** Runs {@code args[0]}; {@code in} is the keyboard of {@code health --watch}. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    try {
      switch (args[0]) {
        case "status":
          return new StatusCommand().run(read(args), out, err);
        case "summary":
          return new SummaryCommand().run(read(args), out, err);
        case "alerts":
          return new AlertsCommand().run(read(args), out, err);
        case "health":
          return new HealthCommand(in)
              .run(CliArgs.parse(args, CliArgs.FIND, Arrays.asList("--json", "--watch")), out, err);
        case "list":
          return new ListCommand()
              .run(
                  CliArgs.parse(
                      args, Arrays.asList("--state-dir", "--token"), Arrays.asList("--json")),
                  out,
                  err);
        case "export":
          return new ExportCommand()
              .run(
                  CliArgs.parse(
                      args,
                      Arrays.asList("--pid", "--service", "--state-dir", "--format", "--since"),
                      Arrays.asList()),
                  out,
                  err);
        case "doctor":
          return new DoctorCommand().run(read(args), out, err);
        default:
          return new RebuildCommand()
              .run(
                  CliArgs.parse(
                      args,
                      Arrays.asList("--pid", "--service", "--state-dir"),
                      Arrays.asList("--dry-run", "--force")),
                  out,
                  err);
      }
    } catch (CliArgs.UsageException e) {
      err.println("perf-agent " + args[0] + ": " + e.getMessage());
      err.print(usage());
      return 2;
    } catch (Target.NotFound | AgentClient.AgentException e) {
      err.println("perf-agent " + args[0] + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("perf-agent " + args[0] + ": " + e);
      return 1;
    }
  }

  private static CliArgs read(String[] args) throws CliArgs.UsageException {
    return CliArgs.parse(args, CliArgs.FIND, Arrays.asList("--json"));
  }

  static String usage() {
    return "Commands (java -jar perf-agent.jar <command> [options]):\n"
        + "  status    overall level, each indicator vs baseline, top degraded methods\n"
        + "  summary   a table per method: calls, errors, p50/p95/p99, baseline p95, change, level\n"
        + "  alerts    active alerts (firing, pending) and recently resolved ones, with evidence\n"
        + "  prometheus-rules   Prometheus alerting rules for the exported metrics [--service X]\n"
        + "  grafana-dashboard  a Grafana dashboard JSON (Prometheus data source) [--service X]\n"
        + "  health    the health view; --watch refreshes every second (q or Ctrl-C quits)\n"
        + "  list      JVMs on this host running perf-agent\n"
        + "  export    history to stdout: --format json|csv|prometheus [--since 2h|<ISO time>|<epoch ms>]\n"
        + "  doctor    checks with PASS/WARN/FAIL and a fix each (exit 0, 1 warn, 3 fail)\n"
        + "  rebuild   recompute the baseline from history (shows the changes; --dry-run only shows)\n"
        + "Finding the agent: --pid N, --service NAME, --state-dir DIR (for perf.state.dir), --url URL,\n"
        + "  --token T (or PERF_ENDPOINT_TOKEN). Read commands take --json. With no agent running,\n"
        + "  status, summary, alerts, export and rebuild read the state directory's files.\n";
  }
}
