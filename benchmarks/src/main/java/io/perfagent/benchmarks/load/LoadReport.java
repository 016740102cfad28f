package io.perfagent.benchmarks.load;

import io.perfagent.benchmarks.startup.Stats;
import io.perfagent.benchmarks.startup.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The load tables of BENCHMARKS.md: per variant the medians over rounds, and each agent's paired
 * differences to the no-agent run of the same round — throughput ratio, CPU per request, and that
 * CPU expressed as the share of one core the agent would take at 10 000 measured calls per second.
 */
final class LoadReport {

  /** The reference rate: 10 000 measured calls per second. */
  private static final double REFERENCE_CALLS_PER_SECOND = 10_000;

  private final LoadRun.Plan plan;
  private final int rounds;
  private final List<Variant> variants;
  private final List<LoadRun> runs;
  private final List<String> failures;

  LoadReport(
      LoadRun.Plan plan,
      int rounds,
      List<Variant> variants,
      List<LoadRun> runs,
      List<String> failures) {
    this.plan = plan;
    this.rounds = rounds;
    this.variants = variants;
    this.runs = runs;
    this.failures = failures;
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
            "Load, `%s`: JDK HttpServer application, 3 `@WithSpan` calls per request; %d interleaved "
                + "rounds; per phase %d s after %d s warm-up. Closed loop: wrk, %d connections. Paced: "
                + "%d connections pausing %d ms between requests.%n%n",
            plan.java(),
            rounds,
            plan.seconds(),
            plan.warmupSeconds(),
            plan.connections(),
            plan.pacedConnections(),
            plan.paceDelayMillis()));
    b.append(
        "| variant | closed-loop req/s | closed-loop p99 ms | paced req/s | measured calls/s | paced p99 ms | process CPU µs/request |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Variant v : variants) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s |%n",
              v.label(),
              of(v, r -> r.closedLoop().requestsPerSecond()).describe(0),
              of(v, r -> r.closedLoop().p99Millis()).describe(2),
              of(v, r -> r.paced().requestsPerSecond()).describe(0),
              of(v, LoadRun::measuredCallsPerSecond).describe(0),
              of(v, r -> r.paced().p99Millis()).describe(2),
              of(v, LoadRun::cpuMicrosPerRequest).describe(1)));
    }
    b.append(
        "\nPaired with the no-agent run of the same round (median [range]):\n\n"
            + "| variant | closed-loop req/s ratio | paced p99 ratio | Δ CPU µs/request | agent CPU at 10 000 measured calls/s, % of one core | perf-agent threads, % of one core |\n"
            + "|---|---:|---:|---:|---:|---:|\n");
    for (Variant v : variants.subList(1, variants.size())) {
      Stats deltaCpu =
          paired(v, (agent, none) -> agent.cpuMicrosPerRequest() - none.cpuMicrosPerRequest());
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              v.label(),
              paired(
                      v,
                      (a, n) ->
                          a.closedLoop().requestsPerSecond() / n.closedLoop().requestsPerSecond())
                  .describe(3),
              paired(v, (a, n) -> a.paced().p99Millis() / n.paced().p99Millis()).describe(2),
              deltaCpu.describe(1),
              paired(
                      v,
                      (a, n) ->
                          percentOfCoreAtReference(
                              a.cpuMicrosPerRequest() - n.cpuMicrosPerRequest()))
                  .describe(2),
              v.name().startsWith(Variant.PERF_AGENT)
                  ? of(v, LoadRun::agentThreadsPercentOfCore).describe(2)
                  : "—"));
    }
    b.append(
        "\nWhere the Δ CPU per request goes (µs, paired medians; thread CPU from schedstat, so the"
            + " columns need not add up to the process Δ above exactly):\n\n| variant |");
    for (ThreadKind k : ThreadKind.values()) {
      b.append(' ').append(k.label()).append(" |");
    }
    b.append("\n|---|");
    for (int i = 0; i < ThreadKind.values().length; i++) {
      b.append("---:|");
    }
    b.append('\n');
    for (Variant v : variants.subList(1, variants.size())) {
      b.append("| ").append(v.label()).append(" |");
      for (ThreadKind k : ThreadKind.values()) {
        b.append(' ')
            .append(
                paired(v, (a, n) -> a.cpuMicrosPerRequest(k) - n.cpuMicrosPerRequest(k))
                    .describe(1))
            .append(" |");
      }
      b.append('\n');
    }
    b.append(
        "\nThe agent CPU column is the paired Δ of process CPU per request ÷ "
            + LoadRun.MEASURED_CALLS_PER_REQUEST
            + " calls × 10 000 calls/s: what the agent costs, inline and background, at that rate.\n");
    if (!failures.isEmpty()) {
      b.append("\nFailed runs:\n\n");
      failures.forEach(f -> b.append("- ").append(f).append('\n'));
    }
    return b.toString();
  }

  String csv() {
    StringBuilder b =
        new StringBuilder(
            "variant,round,closed_rps,closed_p50_ms,closed_p99_ms,paced_rps,paced_p50_ms,paced_p99_ms,paced_seconds,process_cpu_us_per_request,agent_threads_pct_core,non2xx,socket_errors\n");
    for (LoadRun r : runs) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%.1f,%.3f,%.3f,%.1f,%.3f,%.3f,%.2f,%.2f,%.3f,%d,%d%n",
              r.variant().name(),
              r.round(),
              r.closedLoop().requestsPerSecond(),
              r.closedLoop().p50Millis(),
              r.closedLoop().p99Millis(),
              r.paced().requestsPerSecond(),
              r.paced().p50Millis(),
              r.paced().p99Millis(),
              r.pacedSeconds(),
              r.cpuMicrosPerRequest(),
              r.agentThreadsPercentOfCore(),
              r.closedLoop().non2xx() + r.paced().non2xx(),
              r.closedLoop().socketErrors() + r.paced().socketErrors()));
    }
    return b.toString();
  }

  /** CPU per request (µs) → % of one core at the reference rate of measured calls. */
  static double percentOfCoreAtReference(double cpuMicrosPerRequest) {
    double perCallMicros = cpuMicrosPerRequest / LoadRun.MEASURED_CALLS_PER_REQUEST;
    return perCallMicros * REFERENCE_CALLS_PER_SECOND / 1e6 * 100;
  }

  private Stats of(Variant v, ToDoubleFunction<LoadRun> f) {
    List<Double> values = new ArrayList<>();
    runs.stream().filter(r -> r.variant().equals(v)).forEach(r -> values.add(f.applyAsDouble(r)));
    return Stats.of(values);
  }

  private interface Pair {
    double apply(LoadRun agent, LoadRun none);
  }

  private Stats paired(Variant v, Pair f) {
    List<Double> values = new ArrayList<>();
    for (LoadRun r : runs) {
      if (r.variant().equals(v)) {
        noneOf(r.round()).ifPresent(none -> values.add(f.apply(r, none)));
      }
    }
    return Stats.of(values);
  }

  private Optional<LoadRun> noneOf(int round) {
    return runs.stream()
        .filter(r -> r.round() == round && r.variant().name().equals(Variant.NONE))
        .findFirst();
  }
}
