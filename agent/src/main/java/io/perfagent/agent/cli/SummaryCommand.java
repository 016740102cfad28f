package io.perfagent.agent.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code summary}: one row per method of the last cycle. */
final class SummaryCommand implements Commands.Command {

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err)
      throws CliArgs.UsageException, Target.NotFound, AgentClient.AgentException, IOException {
    Target t = Target.find(args, true);
    String json = Documents.summaryText(t);
    if (args.flag("--json")) {
      out.print(json.endsWith("\n") ? json : json + "\n");
      return 0;
    }
    out.print(render(Documents.object(json), Style.detect(System.getenv())));
    return 0;
  }

  static String render(Map<String, Object> s, Style style) {
    List<String[]> rows = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    rows.add(
        new String[] {
          "Method", "Calls", "Errors", "p50", "p95", "p99", "Baseline p95", "Δ", "Level"
        });
    levels.add(null);
    for (Map<String, Object> m : Documents.list(s.get("methods"))) {
      rows.add(
          new String[] {
            Documents.text(m, "name"),
            Documents.text(m, "calls"),
            Documents.text(m, "errors"),
            Documents.ms(m, "p50_ms"),
            Documents.ms(m, "p95_ms"),
            Documents.ms(m, "p99_ms"),
            Documents.ms(m, "baseline_p95_ms"),
            Documents.change(m),
            Documents.text(m, "level")
          });
      levels.add(Documents.text(m, "level"));
    }
    String head =
        Target.service(s, null)
            + " · status "
            + Documents.text(s, "status")
            + (s.get("cycle_timestamp") instanceof Number
                ? " · cycle of "
                    + Documents.text(s, "cycle_seconds")
                    + " s ending "
                    + Documents.time(((Number) s.get("cycle_timestamp")).longValue())
                : " · no cycle yet");
    if (rows.size() == 1) {
      return head + "\nno method was called in the last cycle\n";
    }
    return head + "\n" + Layout.plain(Layout.table(rows, levels.toArray(new String[0])), style);
  }
}
