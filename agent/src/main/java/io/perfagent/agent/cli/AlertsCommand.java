package io.perfagent.agent.cli;

import io.perfagent.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code alerts}: the active alerts (firing, then pending) and the recently resolved ones, each
 * with its rule, severity, since and evidence. An agent without alert rules (or a history-only
 * state directory) shows the degraded methods and indicators of the last cycle instead.
 */
final class AlertsCommand implements Commands.Command {

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err)
      throws CliArgs.UsageException, Target.NotFound, AgentClient.AgentException, IOException {
    Target t = Target.find(args, true);
    String json = Documents.alertsText(t);
    if (args.flag("--json")) {
      out.print(json.endsWith("\n") ? json : json + "\n");
      return 0;
    }
    List<Map<String, Object>> alerts = Documents.list(Json.parse(json));
    Style style = Style.detect(System.getenv());
    if (alerts.isEmpty()) {
      out.println("no alerts: nothing is firing or worse than its baseline (" + t.describe() + ")");
      return 0;
    }
    for (Map<String, Object> a : alerts) {
      if (a.containsKey("state")) {
        lifecycle(a, style, out);
      } else {
        String severity = Documents.text(a, "severity");
        out.println(
            style.level(severity, String.format("%-8s %-8s", Documents.text(a, "level"), severity))
                + " "
                + Documents.text(a, "description"));
      }
    }
    return 0;
  }

  /** {@code FIRING CRITICAL latency:*:p99 since 12:00:01 — evidence (id …)}. */
  private static void lifecycle(Map<String, Object> a, Style style, PrintStream out) {
    String state = Documents.text(a, "state").toUpperCase(java.util.Locale.ROOT);
    String severity = Documents.text(a, "severity");
    String colour =
        state.equals("RESOLVED") ? "Normal" : severity.equals("CRITICAL") ? "Critical" : "Moderate";
    long since = (long) Documents.number(a, "since");
    double resolved = Documents.number(a, "resolved_at");
    String when =
        Double.isNaN(resolved)
            ? "since " + Documents.time(since)
            : "resolved "
                + Documents.time((long) resolved)
                + " after "
                + Documents.age((long) resolved - since);
    out.println(
        style.level(colour, String.format("%-8s %-8s", state, severity))
            + " "
            + Documents.text(a, "rule")
            + " · "
            + when
            + "\n         "
            + Documents.text(a, "evidence")
            + "\n         id "
            + Documents.text(a, "id"));
  }
}
