package io.perfagent.agent.cli;

import io.perfagent.agent.analyze.BaselineFile;
import io.perfagent.agent.store.HistoryWriter;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.history.HistoryCodec;
import io.perfagent.core.history.HistoryRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code export --format json|csv|prometheus [--since <time>]}: the history to stdout, oldest
 * first. JSON is the history's own JSON Lines; CSV one row per method or indicator and cycle;
 * Prometheus text with a timestamp on every sample (per-cycle values as gauges).
 */
final class ExportCommand implements Commands.Command {

  @Override
  public int run(CliArgs args, PrintStream out, PrintStream err)
      throws CliArgs.UsageException, Target.NotFound, IOException {
    String format = args.value("--format") == null ? "json" : args.value("--format");
    if (!format.equals("json") && !format.equals("csv") && !format.equals("prometheus")) {
      throw new CliArgs.UsageException(
          "--format must be json, csv or prometheus, got '" + format + "'");
    }
    long since =
        args.value("--since") == null
            ? Long.MIN_VALUE
            : since(args.value("--since"), System.currentTimeMillis());
    Target t = Target.find(args, true);
    Sink sink =
        format.equals("json")
            ? new JsonSink(out)
            : format.equals("csv") ? new CsvSink(out) : new PromSink();
    int[] skipped = {0};
    for (Path file : HistoryWriter.filesOldestFirst(t.dir(), BaselineFile.HISTORY)) {
      try (BufferedReader in = HistoryWriter.openLines(file)) {
        String line;
        int number = 0;
        while ((line = in.readLine()) != null) {
          number++;
          if (line.isEmpty()) {
            continue;
          }
          HistoryRecord r;
          try {
            r = HistoryCodec.parse(line);
          } catch (IllegalArgumentException | ArithmeticException bad) {
            skipped[0]++;
            err.println(
                "perf-agent export: "
                    + file.getFileName()
                    + " line "
                    + number
                    + " skipped: "
                    + bad.getMessage());
            continue;
          }
          if (r.report().epochMillis() >= since) {
            sink.add(line, r);
          }
        }
      }
    }
    sink.finish(out);
    return 0;
  }

  /** {@code 2h}, {@code 30m}, {@code 7d}, {@code 90s} ago; an ISO-8601 instant; or epoch ms. */
  static long since(String text, long now) throws CliArgs.UsageException {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.matches("\\d+[smhd]")) {
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        long unit =
            s.endsWith("s")
                ? 1_000L
                : s.endsWith("m") ? 60_000L : s.endsWith("h") ? 3_600_000L : 86_400_000L;
        return now - n * unit;
      }
      if (s.matches("\\d{10,}")) {
        return Long.parseLong(s);
      }
      return Instant.parse(text.trim()).toEpochMilli();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new CliArgs.UsageException(
          "--since must be a duration ago (90s, 30m, 2h, 7d), an ISO-8601 time "
              + "(2026-11-25T10:00:00Z) or epoch ms, got '"
              + text
              + "'");
    }
  }

  private interface Sink {
    void add(String line, HistoryRecord r);

    void finish(PrintStream out);
  }

  private static final class JsonSink implements Sink {
    private final PrintStream out;

    JsonSink(PrintStream out) {
      this.out = out;
    }

    @Override
    public void add(String line, HistoryRecord r) {
      out.println(line);
    }

    @Override
    public void finish(PrintStream out) {}
  }

  private static final class CsvSink implements Sink {
    private final PrintStream out;

    CsvSink(PrintStream out) {
      this.out = out;
      out.println(
          "timestamp,service,kind,name,calls,errors,p50_ms,p95_ms,p99_ms,value,unit,baseline,change_pct,level");
    }

    @Override
    public void add(String line, HistoryRecord r) {
      CycleReport c = r.report();
      for (MethodResult m : c.methods()) {
        MethodCycle mc = m.cycle();
        out.println(
            c.epochMillis()
                + ","
                + field(r.service())
                + ",method,"
                + field(mc.name())
                + ","
                + mc.calls()
                + ","
                + mc.errors()
                + ","
                + num(mc.p50Seconds() * 1e3)
                + ","
                + num(mc.p95Seconds() * 1e3)
                + ","
                + num(mc.p99Seconds() * 1e3)
                + ",,,"
                + num(m.baseline().median() * 1e3)
                + ","
                + num(m.change() * 100)
                + ","
                + m.level().label());
      }
      for (IndicatorResult i : c.indicators()) {
        out.println(
            c.epochMillis()
                + ","
                + field(r.service())
                + ",indicator,"
                + field(i.indicator().key())
                + ",,,,,,"
                + num(i.value())
                + ","
                + field(i.indicator().unit())
                + ","
                + num(i.baseline().median())
                + ","
                + num(i.change() * 100)
                + ","
                + i.level().label());
      }
    }

    @Override
    public void finish(PrintStream out) {}
  }

  /** Prometheus text groups samples by family, so the lines are collected first. */
  private static final class PromSink implements Sink {
    private final Map<String, StringBuilder> families = new LinkedHashMap<>();
    private final Map<String, String> help = new LinkedHashMap<>();

    PromSink() {
      help.put("perf_cycle_method_calls", "Calls of the method in the analysis cycle.");
      help.put("perf_cycle_method_errors", "Failed calls of the method in the analysis cycle.");
      help.put(
          "perf_cycle_method_duration_p95_seconds",
          "The p95 of the method's duration in the cycle.");
      help.put("perf_cycle_method_duration_baseline_seconds", "The baseline p95 of the method.");
      help.put(
          "perf_cycle_indicator_value",
          "The indicator's value in the cycle, in its OpenTelemetry unit.");
      help.put(
          "perf_degradation_level",
          "How much worse than its baseline: 0 Normal, 1 Minor, 2 Moderate, 3 Critical.");
      for (String name : help.keySet()) {
        families.put(name, new StringBuilder());
      }
    }

    @Override
    public void add(String line, HistoryRecord r) {
      CycleReport c = r.report();
      String svc = "service_name=\"" + escape(r.service()) + "\"";
      for (MethodResult m : c.methods()) {
        String labels = "{" + svc + ",code_function_name=\"" + escape(m.cycle().name()) + "\"}";
        sample("perf_cycle_method_calls", labels, m.cycle().calls(), c.epochMillis());
        sample("perf_cycle_method_errors", labels, m.cycle().errors(), c.epochMillis());
        sample(
            "perf_cycle_method_duration_p95_seconds",
            labels,
            m.cycle().p95Seconds(),
            c.epochMillis());
        sample(
            "perf_cycle_method_duration_baseline_seconds",
            labels,
            m.baseline().median(),
            c.epochMillis());
        if (m.level().gaugeValue() >= 0) {
          sample("perf_degradation_level", labels, m.level().gaugeValue(), c.epochMillis());
        }
      }
      for (IndicatorResult i : c.indicators()) {
        String labels = "{" + svc + ",perf_indicator=\"" + escape(i.indicator().key()) + "\"}";
        sample("perf_cycle_indicator_value", labels, i.value(), c.epochMillis());
        if (i.level().gaugeValue() >= 0) {
          sample("perf_degradation_level", labels, i.level().gaugeValue(), c.epochMillis());
        }
      }
    }

    private void sample(String family, String labels, double value, long timestamp) {
      if (Double.isNaN(value)) {
        return;
      }
      Objects.requireNonNull(families.get(family), family)
          .append(family)
          .append(labels)
          .append(' ')
          .append(num(value))
          .append(' ')
          .append(timestamp)
          .append('\n');
    }

    @Override
    public void finish(PrintStream out) {
      for (Map.Entry<String, StringBuilder> f : families.entrySet()) {
        if (f.getValue().length() == 0) {
          continue;
        }
        out.print(
            "# HELP "
                + f.getKey()
                + " "
                + help.get(f.getKey())
                + "\n# TYPE "
                + f.getKey()
                + " gauge\n");
        out.print(f.getValue());
      }
    }
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String num(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  static List<String> formats() {
    return java.util.Arrays.asList("json", "csv", "prometheus");
  }
}
