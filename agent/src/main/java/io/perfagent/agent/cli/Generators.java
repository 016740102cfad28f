package io.perfagent.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code prometheus-rules} and {@code grafana-dashboard}: artifacts for the user's own monitoring,
 * printed to stdout. Exit codes: 0 done, 2 bad usage.
 */
final class Generators {

  static final String RULES_USAGE =
      "prometheus-rules [--service JOB] [--for 5m] [--rate-window 5m]"
          + " [--leak-window 1h] [--leak-for 30m] [--leak-min-growth 1MB] [--p99-warning 500ms]"
          + " [--p99-critical 1s] [--error-ratio 0.1%] [--budget p95<200ms] [--error-budget 0.1%]";
  static final String DASHBOARD_USAGE = "grafana-dashboard [--service JOB]";

  private Generators() {}

  static boolean handles(String command) {
    return command.equals("prometheus-rules") || command.equals("grafana-dashboard");
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    boolean rules = args[0].equals("prometheus-rules");
    try {
      CliArgs a =
          CliArgs.parse(
              args,
              rules
                  ? Arrays.asList(
                      "--service",
                      "--for",
                      "--rate-window",
                      "--leak-window",
                      "--leak-for",
                      "--leak-min-growth",
                      "--p99-warning",
                      "--p99-critical",
                      "--error-ratio",
                      "--budget",
                      "--error-budget")
                  : Arrays.asList("--service"),
              Arrays.asList());
      String service = a.value("--service") == null ? "" : a.value("--service").trim();
      if (!service.matches("[A-Za-z0-9_.:/-]*")) {
        throw new CliArgs.UsageException(
            "--service: expected a job name of letters, digits and _ . : / -, got '"
                + service
                + "'");
      }
      if (!rules) {
        out.print(new GrafanaDashboard(service).render());
        return 0;
      }
      PrometheusRules.Options o = new PrometheusRules.Options();
      o.service = service;
      o.forDuration = promDuration(a, "--for", o.forDuration);
      o.rateWindow = promDuration(a, "--rate-window", o.rateWindow);
      o.leakWindow = promDuration(a, "--leak-window", o.leakWindow);
      o.leakFor = promDuration(a, "--leak-for", o.leakFor);
      if (a.value("--leak-min-growth") != null) {
        o.leakMinBytesPerHour = bytes(a.value("--leak-min-growth"));
      }
      o.p99WarningSeconds = seconds(a, "--p99-warning", o.p99WarningSeconds);
      o.p99CriticalSeconds = seconds(a, "--p99-critical", o.p99CriticalSeconds);
      o.errorRatio = percent(a, "--error-ratio", o.errorRatio);
      o.errorBudget = percent(a, "--error-budget", o.errorBudget);
      String budget = a.value("--budget");
      if (budget != null) {
        java.util.regex.Matcher m =
            java.util.regex.Pattern.compile("p(50|90|95|99)<([0-9.]+(?:ms|s))")
                .matcher(budget.trim());
        if (!m.matches()) {
          throw new CliArgs.UsageException(
              "--budget: expected a latency budget such as p95<200ms, got '" + budget + "'");
        }
        o.budgetQuantile = Integer.parseInt(m.group(1)) / 100.0;
        o.budgetSeconds = parseSeconds(m.group(2), "--budget");
      }
      out.print(new PrometheusRules(o).render());
      return 0;
    } catch (CliArgs.UsageException e) {
      err.println("perf-agent " + args[0] + ": " + e.getMessage());
      err.println("usage: java -jar perf-agent.jar " + (rules ? RULES_USAGE : DASHBOARD_USAGE));
      return 2;
    }
  }

  /** A Prometheus duration: digits and one of ms, s, m, h, d. */
  private static String promDuration(CliArgs a, String key, String fallback)
      throws CliArgs.UsageException {
    String v = a.value(key);
    if (v == null) {
      return fallback;
    }
    if (!v.trim().matches("[0-9]+(ms|s|m|h|d)")) {
      throw new CliArgs.UsageException(
          key + ": expected a duration such as 30s, 5m or 1h, got '" + v + "'");
    }
    return v.trim();
  }

  private static double seconds(CliArgs a, String key, double fallback)
      throws CliArgs.UsageException {
    String v = a.value(key);
    return v == null ? fallback : parseSeconds(v, key);
  }

  private static double parseSeconds(String v, String key) throws CliArgs.UsageException {
    String t = v.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Double.parseDouble(t.substring(0, t.length() - 2)) / 1000;
      }
      if (t.endsWith("s")) {
        return Double.parseDouble(t.substring(0, t.length() - 1));
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new CliArgs.UsageException(
        key + ": expected a duration such as 500ms or 1s, got '" + v + "'");
  }

  private static double percent(CliArgs a, String key, double fallback)
      throws CliArgs.UsageException {
    String v = a.value(key);
    if (v == null) {
      return fallback;
    }
    try {
      double p = Double.parseDouble(v.trim().replace("%", ""));
      if (v.trim().endsWith("%") && p > 0 && p < 100) {
        return p / 100;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new CliArgs.UsageException(key + ": expected a percentage such as 0.1%, got '" + v + "'");
  }

  private static double bytes(String v) throws CliArgs.UsageException {
    String t = v.trim().toUpperCase(Locale.ROOT);
    long factor =
        t.endsWith("GB") ? 1L << 30 : t.endsWith("MB") ? 1L << 20 : t.endsWith("KB") ? 1L << 10 : 1;
    try {
      return Double.parseDouble(factor == 1 ? t : t.substring(0, t.length() - 2)) * factor;
    } catch (NumberFormatException e) {
      throw new CliArgs.UsageException(
          "--leak-min-growth: expected a size per hour such as 1MB, got '" + v + "'");
    }
  }
}
