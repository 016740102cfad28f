package io.perfagent.agent.cli;

import io.perfagent.core.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code alerts}: the degraded methods and indicators of the last cycle, with their evidence. */
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
      out.println("no alerts: nothing is worse than its baseline (" + t.describe() + ")");
      return 0;
    }
    for (Map<String, Object> a : alerts) {
      String severity = Documents.text(a, "severity");
      out.println(style.level(severity, String.format("%-8s %-8s", Documents.text(a, "level"), severity))
          + " " + Documents.text(a, "description"));
    }
    return 0;
  }
}
