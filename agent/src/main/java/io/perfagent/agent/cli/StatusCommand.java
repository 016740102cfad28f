package io.perfagent.agent.cli;

import io.perfagent.core.format.Units;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code status}: the boxed summary of seed 000, read in Java terms. */
final class StatusCommand implements Commands.Command {

  private static final int TOP_METHODS = 5;

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err)
      throws CliArgs.UsageException, Target.NotFound, AgentClient.AgentException, IOException {
    Target t = Target.find(args, true);
    String json = Documents.summaryText(t);
    if (args.flag("--json")) {
      out.print(json.endsWith("\n") ? json : json + "\n");
      return 0;
    }
    out.print(
        render(
            Documents.object(json), t, Style.detect(System.getenv()), System.currentTimeMillis()));
    return 0;
  }

  static String render(Map<String, Object> s, Target t, Style style, long now) {
    List<Layout.Line> lines = new ArrayList<>();
    String status = Documents.text(s, "status");
    lines.add(new Layout.Line(t.describe(), null));
    Object cycle = s.get("cycle_timestamp");
    lines.add(
        new Layout.Line(
            cycle instanceof Number
                ? "last cycle " + Documents.time(((Number) cycle).longValue())
                : "no cycle yet",
            null));
    lines.add(new Layout.Line("", null));
    lines.add(new Layout.Line("Overall: " + status, status));
    lines.add(new Layout.Line("", null));

    List<String[]> rows = new ArrayList<>();
    List<String> levels = new ArrayList<>();
    rows.add(new String[] {"Indicator", "Now", "Baseline", "Δ", "Level"});
    levels.add(null);
    for (Map<String, Object> i : Documents.list(s.get("resources"))) {
      String unit = Documents.text(i, "unit");
      rows.add(
          new String[] {
            Documents.text(i, "indicator"),
            Units.value(Documents.number(i, "value"), unit),
            Units.value(Documents.number(i, "baseline"), unit),
            Documents.change(i),
            Documents.text(i, "level")
          });
      levels.add(Documents.text(i, "level"));
    }
    if (rows.size() > 1) {
      lines.addAll(Layout.table(rows, levels.toArray(new String[0])));
    } else {
      lines.add(new Layout.Line("no indicators yet", null));
    }

    List<Map<String, Object>> degraded = new ArrayList<>();
    for (Map<String, Object> m : Documents.list(s.get("methods"))) {
      String level = Documents.text(m, "level");
      if (level.equals("Minor") || level.equals("Moderate") || level.equals("Critical")) {
        degraded.add(m);
      }
    }
    degraded.sort(
        (a, b) ->
            Double.compare(Documents.number(b, "change_pct"), Documents.number(a, "change_pct")));
    lines.add(new Layout.Line("", null));
    if (degraded.isEmpty()) {
      lines.add(
          new Layout.Line(
              "Degraded methods: none ("
                  + Documents.list(s.get("methods")).size()
                  + " methods in the last cycle)",
              null));
    } else {
      lines.add(new Layout.Line("Top degraded methods:", null));
      List<String[]> mrows = new ArrayList<>();
      List<String> mlevels = new ArrayList<>();
      for (Map<String, Object> m : degraded.subList(0, Math.min(TOP_METHODS, degraded.size()))) {
        mrows.add(
            new String[] {
              "  " + Documents.text(m, "name"),
              "p95 " + Documents.ms(m, "p95_ms"),
              "vs " + Documents.ms(m, "baseline_p95_ms"),
              Documents.change(m),
              Documents.text(m, "level")
            });
        mlevels.add(Documents.text(m, "level"));
      }
      lines.addAll(Layout.table(mrows, mlevels.toArray(new String[0])));
    }
    lines.add(new Layout.Line("", null));
    double samples = Documents.number(s, "baseline_samples");
    double since = Documents.number(s, "baseline_since");
    String baseline =
        Double.isNaN(samples)
            ? "Baseline: none yet"
            : "Baseline: "
                + (long) samples
                + ((long) samples == 1 ? " sample" : " samples")
                + (Double.isNaN(since)
                    ? ""
                    : ", since "
                        + Documents.time((long) since)
                        + " ("
                        + Documents.age(now - (long) since)
                        + " old)");
    lines.add(new Layout.Line(baseline, null));
    return Layout.box("perf-agent status · " + Target.service(s, t), lines, style);
  }
}
