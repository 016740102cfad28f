package io.perfagent.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The startup tables of BENCHMARKS.md: per variant the medians, and the paired differences to the
 * no-agent run of the same round (median, range, IQR); the threads an agent adds, by name; jar
 * sizes; and the goals for perf-agent with the measured values.
 */
final class StartupReport {

  private final boolean smoke;
  private final String java;
  private final int classes;
  private final int measured;
  private final int calls;
  private final long settleMillis;
  private final int rounds;
  private final List<Variant> variants;
  private final List<AppRun> runs;
  private final List<String> failures;
  private final Path perfAgentJar;
  private final Path otelAgentJar;

  StartupReport(
      boolean smoke,
      String java,
      int classes,
      int measured,
      int calls,
      long settleMillis,
      int rounds,
      List<Variant> variants,
      List<AppRun> runs,
      List<String> failures,
      Path perfAgentJar,
      Path otelAgentJar) {
    this.smoke = smoke;
    this.java = java;
    this.classes = classes;
    this.measured = measured;
    this.calls = calls;
    this.settleMillis = settleMillis;
    this.rounds = rounds;
    this.variants = variants;
    this.runs = runs;
    this.failures = failures;
    this.perfAgentJar = perfAgentJar;
    this.otelAgentJar = otelAgentJar;
  }

  /** Whether every variant produced a number in at least one round. */
  boolean complete() {
    return variants.stream().allMatch(v -> runs.stream().anyMatch(r -> r.variant().equals(v)));
  }

  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Startup and memory, `%s`: %d generated classes (%d with a `@Measured @WithSpan` method), "
                + "%d interleaved rounds (+ discarded warm-up); 'after load' = %d ms after %d calls of each measured method.%n%n",
            java,
            classes,
            measured,
            rounds,
            settleMillis,
            calls));

    b.append(
        "| variant | ready ms | CPU at ready ms | RSS at ready MB | RSS after load MB | threads at ready | threads after load | load ms |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Variant v : variants) {
      List<AppRun> mine = runsOf(v);
      b.append("| ")
          .append(v.label())
          .append(" | ")
          .append(median(mine, AppRun::readyMillis, 0))
          .append(" | ")
          .append(median(mine, r -> r.atReady().cpuMillis(), 0))
          .append(" | ")
          .append(median(mine, r -> r.atReady().rssMb(), 1))
          .append(" | ")
          .append(median(mine, r -> r.afterLoad().rssMb(), 1))
          .append(" | ")
          .append(median(mine, r -> r.atReady().threads(), 0))
          .append(" | ")
          .append(median(mine, r -> r.afterLoad().threads(), 0))
          .append(" | ")
          .append(median(mine, AppRun::loadMillis, 0))
          .append(" |\n");
    }

    b.append("\nPaired differences to no agent (same round): median [min … max] IQR p25 … p75\n\n");
    b.append(
        "| variant | startup Δ ms | CPU Δ at ready ms | RSS Δ at ready MB | RSS Δ after load MB | threads Δ at ready | threads Δ after load |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Variant v : variants.subList(1, variants.size())) {
      b.append("| ")
          .append(v.label())
          .append(" | ")
          .append(delta(v, AppRun::readyMillis).describe(0))
          .append(" | ")
          .append(delta(v, r -> r.atReady().cpuMillis()).describe(0))
          .append(" | ")
          .append(delta(v, r -> r.atReady().rssMb()).describe(1))
          .append(" | ")
          .append(delta(v, r -> r.afterLoad().rssMb()).describe(1))
          .append(" | ")
          .append(delta(v, r -> r.atReady().threads()).describe(0))
          .append(" | ")
          .append(delta(v, r -> r.afterLoad().threads()).describe(0))
          .append(" |\n");
    }

    b.append(
        "\nThreads an agent adds (names from /proc/<pid>/task/*/comm, minus the no-agent run of the last round):\n\n");
    for (Variant v : variants.subList(1, variants.size())) {
      AppRun[] pair = lastPair(v);
      if (pair == null) {
        continue;
      }
      b.append("- ")
          .append(v.label())
          .append(": at ready ")
          .append(extra(pair[1].atReady().threadNames(), pair[0].atReady().threadNames()))
          .append("; after load ")
          .append(extra(pair[1].afterLoad().threadNames(), pair[0].afterLoad().threadNames()))
          .append('\n');
    }

    b.append(
        String.format(
            Locale.ROOT,
            "%nJar sizes: perf-agent.jar %s, opentelemetry-javaagent.jar %s.%n%n",
            size(perfAgentJar),
            size(otelAgentJar)));
    if (smoke) {
      b.append(
          "Smoke run: one round on a small application; the numbers are not comparable, so no goal is evaluated.\n");
    } else {
      goals(b);
    }
    if (!failures.isEmpty()) {
      b.append("\nFailed runs:\n\n");
      failures.forEach(f -> b.append("- ").append(f).append('\n'));
    }
    return b.toString();
  }

  private void goals(StringBuilder b) {
    Variant perf = find(Variant.PERF_AGENT);
    Variant otel = find(Variant.OTEL_AGENT);
    if (perf == null) {
      return;
    }
    b.append(
        "**Goals (perf-agent, export off)**\n\n| goal | measured (median of paired Δ) | verdict |\n|---|---:|---|\n");
    double startup = delta(perf, AppRun::readyMillis).median();
    goal(b, "startup Δ ≤ 150 ms", fmt(startup, 0) + " ms", startup <= 150);
    if (otel != null) {
      double otelStartup = delta(otel, AppRun::readyMillis).median();
      goal(
          b,
          "startup Δ ≤ 1/10 of the OTel agent's Δ (" + fmt(otelStartup, 0) + " ms)",
          fmt(startup / otelStartup, 3) + " of it",
          startup <= otelStartup / 10);
    }
    double rssReady = delta(perf, r -> r.atReady().rssMb()).median();
    double rssLoaded = delta(perf, r -> r.afterLoad().rssMb()).median();
    goal(b, "RSS Δ ≤ 25 MB at ready", fmt(rssReady, 1) + " MB", rssReady <= 25);
    goal(b, "RSS Δ ≤ 25 MB after load", fmt(rssLoaded, 1) + " MB", rssLoaded <= 25);
    double threads =
        Math.max(
            delta(perf, r -> r.atReady().threads()).median(),
            delta(perf, r -> r.afterLoad().threads()).median());
    goal(b, "≤ 2 agent threads", fmt(threads, 0), threads <= 2);
  }

  private static void goal(StringBuilder b, String goal, String measured, boolean met) {
    b.append("| ")
        .append(goal)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(met ? "met" : "**missed**")
        .append(" |\n");
  }

  String csv() {
    StringBuilder b =
        new StringBuilder(
            "round,variant,ready_ms,rss_ready_kb,threads_ready,load_ms,rss_loaded_kb,threads_loaded\n");
    for (AppRun r : runs) {
      b.append(
          String.format(
              Locale.ROOT,
              "%d,%s,%.1f,%d,%d,%.1f,%d,%d%n",
              r.round(),
              r.variant().name(),
              r.readyMillis(),
              r.atReady().rssKb(),
              r.atReady().threads(),
              r.loadMillis(),
              r.afterLoad().rssKb(),
              r.afterLoad().threads()));
    }
    return b.toString();
  }

  private Stats delta(Variant v, ToDoubleFunction<AppRun> metric) {
    List<Double> d = new ArrayList<>();
    for (AppRun r : runsOf(v)) {
      AppRun base = baseline(r.round());
      if (base != null) {
        d.add(metric.applyAsDouble(r) - metric.applyAsDouble(base));
      }
    }
    return Stats.of(d);
  }

  private AppRun @Nullable [] lastPair(Variant v) {
    for (int round = rounds - 1; round >= 0; round--) {
      AppRun base = baseline(round);
      for (AppRun r : runsOf(v)) {
        if (r.round() == round && base != null) {
          return new AppRun[] {base, r};
        }
      }
    }
    return null;
  }

  /** Names in {@code with} that {@code without} lacks, as a multiset difference. */
  private static String extra(List<String> with, List<String> without) {
    List<String> rest = new ArrayList<>(with);
    without.forEach(rest::remove);
    List<String> gone = new ArrayList<>(without);
    with.forEach(gone::remove);
    String s = rest.isEmpty() ? "none" : String.join(", ", rest);
    return gone.isEmpty() ? s : s + " (and without: " + String.join(", ", gone) + ")";
  }

  private @Nullable AppRun baseline(int round) {
    for (AppRun r : runs) {
      if (r.round() == round && r.variant().name().equals(Variant.NONE)) {
        return r;
      }
    }
    return null;
  }

  private List<AppRun> runsOf(Variant v) {
    List<AppRun> out = new ArrayList<>();
    runs.stream().filter(r -> r.variant().equals(v)).forEach(out::add);
    return out;
  }

  private @Nullable Variant find(String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }

  private static String median(List<AppRun> runs, ToDoubleFunction<AppRun> metric, int decimals) {
    List<Double> values = new ArrayList<>();
    runs.forEach(r -> values.add(metric.applyAsDouble(r)));
    return fmt(Stats.of(values).median(), decimals);
  }

  private static String fmt(double v, int decimals) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "n/a";
  }

  private static String size(Path jar) {
    try {
      return String.format(
          Locale.ROOT, "%.1f MB (%,d bytes)", Files.size(jar) / 1e6, Files.size(jar));
    } catch (IOException unreadable) {
      return "unknown";
    }
  }
}
