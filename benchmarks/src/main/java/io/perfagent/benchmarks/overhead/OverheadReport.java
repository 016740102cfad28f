package io.perfagent.benchmarks.overhead;

import io.perfagent.benchmarks.overhead.OverheadMain.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns the measurements into the tables of BENCHMARKS.md: per path and thread count, each case's
 * ns/op and B/op, its overhead over the un-instrumented case and that overhead's ratio to the
 * floor's; then the goals for perf-agent, each with the measured value.
 */
final class OverheadReport {

  private final String label;
  private final String jvm;
  private final String settings;
  private final boolean smoke;
  private final List<Measurement> results;
  private final List<String> failures;

  OverheadReport(
      String label,
      String jvm,
      String settings,
      boolean smoke,
      List<Measurement> results,
      List<String> failures) {
    this.label = label;
    this.jvm = jvm;
    this.settings = settings;
    this.smoke = smoke;
    this.results = results;
    this.failures = failures;
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("Per-call cost, ")
        .append(label)
        .append(" (`")
        .append(jvm)
        .append("`): ")
        .append(settings)
        .append(".\n\n");
    for (String path : List.of("call", "fail")) {
      b.append(
              path.equals("call")
                  ? "**Normal return**"
                  : "**Throwing path** (body throws a preallocated exception, caught by the benchmark)")
          .append("\n\n");
      table(b, path);
      b.append('\n');
    }
    if (smoke) {
      b.append(
          "Smoke run: every case started and produced a number; the numbers mean nothing (no warm-up), so no goal is evaluated.\n");
    } else {
      goals(b);
    }
    if (!failures.isEmpty()) {
      b.append("\nFailed cases:\n\n");
      failures.forEach(f -> b.append("- ").append(f).append('\n'));
    }
    return b.toString();
  }

  private void table(StringBuilder b, String path) {
    List<Integer> threads = threadCounts();
    b.append("| case ");
    for (int t : threads) {
      b.append(
          String.format(
              Locale.ROOT, "| %dT ns/op | %dT B/op | %dT overhead ns | %dT ÷ floor ", t, t, t, t));
    }
    if (threads.size() > 1) {
      b.append("| overhead ").append(threads.get(threads.size() - 1)).append("T ÷ 1T ");
    }
    b.append("|\n|---");
    for (int i = 0; i < threads.size() * 4 + (threads.size() > 1 ? 1 : 0); i++) {
      b.append("|---:");
    }
    b.append("|\n");
    for (Case c : cases()) {
      b.append("| ").append(c.label).append(' ');
      for (int t : threads) {
        Measurement m = find(c.name, path, t);
        if (m == null) {
          b.append("| – | – | – | – ");
          continue;
        }
        b.append(
            String.format(
                Locale.ROOT, "| %.1f ± %s | %.0f ", m.nanosPerOp, num(m.error, 1), m.bytesPerOp));
        b.append("| ")
            .append(c.name.equals(Case.NONE) ? "0" : num(overhead(c.name, path, t), 1))
            .append(' ');
        b.append("| ").append(ratioCell(c.name, path, t)).append(' ');
      }
      if (threads.size() > 1) {
        b.append("| ")
            .append(
                num(
                    ratio(
                        overhead(c.name, path, threads.get(threads.size() - 1)),
                        overhead(c.name, path, 1)),
                    2))
            .append(' ');
      }
      b.append("|\n");
    }
  }

  private String ratioCell(String name, String path, int t) {
    if (name.equals(Case.NONE)) {
      return "–";
    }
    return num(ratio(overhead(name, path, t), overhead(Case.FLOOR, path, t)), 2);
  }

  private void goals(StringBuilder b) {
    b.append(
        "**Goals (perf-agent)**\n\n| goal | path | measured | verdict |\n|---|---|---:|---|\n");
    List<Integer> threads = threadCounts();
    int maxT = threads.get(threads.size() - 1);
    for (String path : List.of("call", "fail")) {
      for (int t : threads) {
        double r = ratio(overhead(Case.PERF_AGENT, path, t), overhead(Case.FLOOR, path, t));
        goal(b, "overhead ≤ 1.3 × floor's overhead, " + t + "T", path, num(r, 2) + "×", r <= 1.3);
      }
      for (int t : threads) {
        Measurement m = find(Case.PERF_AGENT, path, t);
        double bytes = m == null ? Double.NaN : m.bytesPerOp;
        goal(b, "0 B/call, " + t + "T", path, num(bytes, 2) + " B", bytes < 0.5);
      }
      if (maxT > 1) {
        double r = ratio(overhead(Case.PERF_AGENT, path, maxT), overhead(Case.PERF_AGENT, path, 1));
        goal(b, "overhead at " + maxT + "T ≤ 2 × overhead at 1T", path, num(r, 2) + "×", r <= 2);
      }
      for (int t : threads) {
        double r = ratio(overhead(Case.OTEL_AGENT, path, t), overhead(Case.PERF_AGENT, path, t));
        goal(b, "≥ 10× cheaper than the OTel agent, " + t + "T", path, num(r, 1) + "×", r >= 10);
      }
    }
  }

  private static void goal(
      StringBuilder b, String goal, String path, String measured, boolean met) {
    b.append("| ")
        .append(goal)
        .append(" | ")
        .append(path.equals("call") ? "return" : "throw")
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(met ? "met" : "**missed**")
        .append(" |\n");
  }

  String csv() {
    StringBuilder b =
        new StringBuilder(
            "jvm,path,threads,case,ns_per_op,error,bytes_per_op,overhead_ns,ratio_to_floor\n");
    for (Measurement m : results) {
      double o = overhead(m.c.name, m.path, m.threads);
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%s,%d,%s,%.3f,%.3f,%.2f,%.3f,%.3f%n",
              label,
              m.path,
              m.threads,
              m.c.name,
              m.nanosPerOp,
              m.error,
              m.bytesPerOp,
              o,
              ratio(o, overhead(Case.FLOOR, m.path, m.threads))));
    }
    return b.toString();
  }

  private double overhead(String name, String path, int t) {
    Measurement m = find(name, path, t);
    Measurement none = find(Case.NONE, path, t);
    return m == null || none == null ? Double.NaN : m.nanosPerOp - none.nanosPerOp;
  }

  /** {@code a / b}, NaN when the denominator is not a positive number (noise can make it so). */
  private static double ratio(double a, double b) {
    return b > 0 ? a / b : Double.NaN;
  }

  private static String num(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
  }

  private @Nullable Measurement find(String name, String path, int threads) {
    for (Measurement m : results) {
      if (m.c.name.equals(name) && m.path.equals(path) && m.threads == threads) {
        return m;
      }
    }
    return null;
  }

  private List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Measurement m : results) {
      if (out.stream().noneMatch(c -> c.name.equals(m.c.name))) {
        out.add(m.c);
      }
    }
    return out;
  }

  private List<Integer> threadCounts() {
    TreeSet<Integer> set = new TreeSet<>();
    results.forEach(m -> set.add(m.threads));
    if (set.isEmpty()) {
      set.add(1);
    }
    return new ArrayList<>(set);
  }
}
