package io.perfagent.core.detect;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rule-based recommendations over the open anomalies and a few readings. Each states the fact, the
 * baseline and the likely cause, and names an action; none is ever carried out by the agent. Rules
 * (ids): {@code method_latency_regression}, {@code critical_performance_drift}, {@code
 * process_wide_degradation}, {@code error_ratio}, {@code throughput_drop}, {@code gc_overhead},
 * {@code pool_saturation}, {@code heap_leak}, {@code rss_leak}, {@code descriptor_leak}, {@code
 * thread_leak}, {@code memory_pool_near_limit}, {@code stale_baseline}, {@code new_version}.
 * Stateless and pure.
 */
public final class Advisor {

  /** GC time above this share of wall time suggests the heap is too small (ADV, D-rows). */
  public static final double GC_OVERHEAD = 0.10;

  /** A memory pool above this share of its maximum (ADV-9). */
  public static final double POOL_FULL = 0.80;

  /** Threads this much above their baseline, with latency up, suggest a saturated pool. */
  public static final double THREADS_UP = 0.30;

  /** A baseline not rebuilt for longer than this is stale (ADV-10). */
  public static final long STALE_BASELINE_MS = 30L * 24 * 60 * 60_000;

  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final String STATUS = "java -jar perf-agent.jar status";
  private static final String REBUILD = "java -jar perf-agent.jar rebuild";

  /** Recommendations for {@code in}, most severe first. */
  public List<Recommendation> advise(AdvisorInput in) {
    List<Recommendation> out = new ArrayList<>();
    // One latency recommendation per method: the worst of its degradation and step findings.
    Map<String, Finding> worstByMethod = new LinkedHashMap<>();
    Finding worstDrift = null;
    boolean latencyUp = false;
    for (Finding f : in.findings) {
      if (!f.opensAnomaly()) {
        continue;
      }
      boolean method = !Indicators.isResource(f.series());
      switch (f.kind()) {
        case PERSISTENT_DEGRADATION:
        case STEP_CHANGE:
          if (method) {
            latencyUp = true;
            worstByMethod.merge(
                f.series(),
                f,
                (a, b) ->
                    b.severity().compareTo(a.severity()) > 0
                            || b.severity() == a.severity()
                                && b.kind() == FindingKind.PERSISTENT_DEGRADATION
                        ? b
                        : a);
          }
          if (f.kind() == FindingKind.PERSISTENT_DEGRADATION
              && (worstDrift == null || f.severity().compareTo(worstDrift.severity()) > 0)) {
            worstDrift = f;
          }
          break;
        case PROCESS_WIDE:
          latencyUp = true;
          out.add(
              rec(
                  "process_wide_degradation",
                  f.severity(),
                  in.service,
                  f.evidence() + ".",
                  "Check GC time, CPU saturation and the host (noisy neighbours, throttling) before"
                      + " looking at single methods",
                  f.id(),
                  in));
          break;
        case ERROR_RATIO:
          out.add(
              rec(
                  "error_ratio",
                  f.severity(),
                  f.series(),
                  "`"
                      + f.series()
                      + "` fails more often: "
                      + f.evidence()
                      + " since "
                      + time(f.since())
                      + ". Likely cause: a failing dependency or a bad"
                      + " input pattern.",
                  "Look at the error types of `" + f.series() + "` and at its dependencies' health",
                  f.id(),
                  in));
          break;
        case THROUGHPUT_DROP:
          out.add(
              rec(
                  "throughput_drop",
                  f.severity(),
                  f.series(),
                  "`"
                      + f.series()
                      + "` is called less: "
                      + f.evidence()
                      + " since "
                      + time(f.since())
                      + ". Likely cause: less traffic upstream, or callers blocked"
                      + " or failing before reaching it.",
                  "Compare with upstream traffic and look for blocked threads (jstack)",
                  f.id(),
                  in));
          break;
        case LEAK:
          out.add(leak(f, in));
          break;
        default:
          break;
      }
    }
    for (Finding f : worstByMethod.values()) {
      out.add(methodRegression(f, in));
    }
    if (worstDrift != null) {
      out.add(drift(worstDrift, in));
    }
    gc(in, out);
    threads(in, latencyUp, out);
    pools(in, out);
    baseline(in, out);
    out.sort((a, b) -> b.severity().compareTo(a.severity()));
    return out;
  }

  private static Recommendation methodRegression(Finding f, AdvisorInput in) {
    double ratio = f.value() / f.baseline();
    String calls = f.calls() >= 0 ? ", " + f.calls() + " calls" : "";
    String fact =
        "`"
            + f.series()
            + "` p95 "
            + Fmt.num(f.value())
            + " vs "
            + Fmt.num(f.baseline())
            + " baseline ("
            + in.baselineWindow
            + ") "
            + Fmt.change(ratio)
            + " since "
            + time(f.since())
            + calls
            + ".";
    return rec(
        "method_latency_regression",
        f.severity(),
        f.series(),
        fact + " Likely cause: " + byLevel(f.severity()),
        "Compare with deploys and dependency latency since " + time(f.since()),
        f.id(),
        in);
  }

  /** The seeds' response per level (ADV-2), as advice only. */
  private static String byLevel(Severity s) {
    switch (s) {
      case CRITICAL:
        return "a major regression; act now (a restart may relieve it, the agent never restarts"
            + " anything itself).";
      case WARNING:
        return "resource contention (locks, pools, a slower dependency).";
      default:
        return "a minor change; review the logs and watch the trend.";
    }
  }

  private static Recommendation drift(Finding f, AdvisorInput in) {
    return rec(
        "critical_performance_drift",
        f.severity(),
        in.service,
        "perf-agent: performance degradation detected in "
            + in.service
            + ": persistent"
            + " degradation for 3+ cycles, worst on `"
            + f.series()
            + "` ("
            + f.evidence()
            + ").",
        "Check the profile: " + STATUS,
        f.id(),
        in);
  }

  private static Recommendation leak(Finding f, AdvisorInput in) {
    String ttl = f.timeToLimitMs() >= 0 ? " about " + Fmt.duration(f.timeToLimitMs()) : " unknown";
    String s = f.series();
    if (s.equals(Indicators.HEAP_AFTER_GC)) {
      return rec(
          "heap_leak",
          f.severity(),
          s,
          "Heap used after GC keeps growing: "
              + f.evidence()
              + ". Time to OutOfMemoryError:"
              + ttl
              + ". Likely cause: a memory leak (a growing cache or collection, listeners never"
              + " removed).",
          "Take a heap histogram (jcmd <pid> GC.class_histogram) twice and compare",
          f.id(),
          in);
    }
    if (s.equals(Indicators.RSS)) {
      return rec(
          "rss_leak",
          f.severity(),
          s,
          "Resident memory keeps growing: "
              + f.evidence()
              + ". Time to the memory limit:"
              + ttl
              + ". Likely cause: native memory (direct buffers, threads, a native library).",
          "Enable -XX:NativeMemoryTracking=summary and compare jcmd VM.native_memory",
          f.id(),
          in);
    }
    if (s.equals(Indicators.OPEN_FDS)) {
      return rec(
          "descriptor_leak",
          f.severity(),
          s,
          "Open file descriptors keep growing: "
              + f.evidence()
              + ". Time to the descriptor limit:"
              + ttl
              + ". Likely cause: streams, sockets or connections never closed.",
          "List them (ls -l /proc/<pid>/fd) and look for the growing kind",
          f.id(),
          in);
    }
    if (s.equals(Indicators.THREADS)) {
      return rec(
          "thread_leak",
          f.severity(),
          s,
          "Live threads keep growing: "
              + f.evidence()
              + ". Likely cause: executors created per"
              + " request and never shut down.",
          "Group a thread dump (jstack) by thread name prefix",
          f.id(),
          in);
    }
    return rec(
        "leak",
        f.severity(),
        s,
        "`" + s + "` keeps growing: " + f.evidence() + ".",
        "Find what holds on to it",
        f.id(),
        in);
  }

  private static void gc(AdvisorInput in, List<Recommendation> out) {
    double g = in.gcTimeFraction;
    if (Double.isNaN(g) || g <= GC_OVERHEAD) {
      return;
    }
    String base =
        Double.isNaN(in.gcTimeFractionBaseline)
            ? ""
            : " vs "
                + Fmt.percent(in.gcTimeFractionBaseline)
                + " baseline ("
                + in.baselineWindow
                + ")";
    out.add(
        rec(
            "gc_overhead",
            g > 2.5 * GC_OVERHEAD ? Severity.CRITICAL : Severity.WARNING,
            Indicators.GC_TIME_FRACTION,
            "GC took "
                + Fmt.percent(g)
                + " of wall time"
                + base
                + " (rule: > "
                + Fmt.percent(GC_OVERHEAD)
                + "). Likely cause: the heap is too small for the live set"
                + " or the allocation rate.",
            "Raise -Xmx (or the container memory) or reduce allocation; check heap after GC for a leak",
            Indicators.GC_TIME_FRACTION + "=" + Fmt.num(g),
            in));
  }

  private static void threads(AdvisorInput in, boolean latencyUp, List<Recommendation> out) {
    double t = in.threads;
    double b = in.threadsBaseline;
    if (!latencyUp || Double.isNaN(t) || Double.isNaN(b) || b <= 0 || t < b * (1 + THREADS_UP)) {
      return;
    }
    out.add(
        rec(
            "pool_saturation",
            Severity.WARNING,
            Indicators.THREADS,
            "Threads "
                + Fmt.num(t)
                + " vs "
                + Fmt.num(b)
                + " baseline ("
                + in.baselineWindow
                + ") "
                + Fmt.change(t / b)
                + " while latency is up. Likely cause: a saturated thread or"
                + " connection pool (requests wait, the pool grows).",
            "Check pool sizes and queue depths; look for threads blocked on the same lock (jstack)",
            Indicators.THREADS + "=" + Fmt.num(t),
            in));
  }

  private static void pools(AdvisorInput in, List<Recommendation> out) {
    for (AdvisorInput.Pool p : in.pools) {
      if (!(p.max > 0) || p.used < POOL_FULL * p.max) {
        continue;
      }
      double share = p.used / p.max;
      String lower = p.name.toLowerCase(Locale.ROOT);
      String action =
          lower.contains("metaspace") || lower.contains("class space")
              ? "Raise -XX:MaxMetaspaceSize, or look for a class-loader leak (redeploys, proxies)"
              : lower.contains("code")
                  ? "Raise -XX:ReservedCodeCacheSize"
                  : "Raise -Xmx, or look for a leak in heap after GC";
      out.add(
          rec(
              "memory_pool_near_limit",
              share >= 0.95 ? Severity.CRITICAL : Severity.WARNING,
              p.name,
              "Memory pool "
                  + p.name
                  + " is "
                  + Fmt.percent(share)
                  + " full ("
                  + Fmt.num(p.used)
                  + " of "
                  + Fmt.num(p.max)
                  + " bytes; rule: > "
                  + Fmt.percent(POOL_FULL)
                  + ").",
              action,
              p.name + "=" + Fmt.num(p.used) + "/" + Fmt.num(p.max),
              in));
    }
  }

  private static void baseline(AdvisorInput in, List<Recommendation> out) {
    if (in.baselineBuiltAt >= 0 && in.now - in.baselineBuiltAt > STALE_BASELINE_MS) {
      out.add(
          rec(
              "stale_baseline",
              Severity.INFO,
              in.service,
              "The baseline was last rebuilt "
                  + Fmt.duration(in.now - in.baselineBuiltAt)
                  + " ago (rule: > 30 days); it may no longer describe the service.",
              "Rebuild it: " + REBUILD,
              "baseline built " + Instant.ofEpochMilli(in.baselineBuiltAt),
              in));
    }
    if (in.serviceVersion != null
        && in.baselineServiceVersion != null
        && !in.serviceVersion.equals(in.baselineServiceVersion)) {
      out.add(
          rec(
              "new_version",
              Severity.INFO,
              in.service,
              "service.version is "
                  + in.serviceVersion
                  + ", the baseline was learned on "
                  + in.baselineServiceVersion
                  + "; changes it brings are compared with the old"
                  + " version.",
              "Once the new version is known good, rebuild the baseline: " + REBUILD,
              "service.version " + in.baselineServiceVersion + " → " + in.serviceVersion,
              in));
    }
  }

  private static Recommendation rec(
      String rule,
      Severity s,
      String subject,
      String text,
      String action,
      String evidence,
      AdvisorInput in) {
    return new Recommendation(rule, s, subject, text, action, evidence, in.baselineWindow);
  }

  private static String time(long epochMs) {
    return HHMM.format(Instant.ofEpochMilli(epochMs));
  }
}
