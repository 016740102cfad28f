package io.perfagent.agent.endpoint;

import io.perfagent.agent.sample.SampleHistory;
import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Recommendation;
import io.perfagent.core.format.Units;
import io.perfagent.core.history.HistoryCodec;
import io.perfagent.core.json.JsonWriter;
import io.perfagent.core.model.ProcessSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON and CSV documents of the endpoint. Field names follow the seeds with explicit units
 * ({@code *_ms}, {@code *_mb}, MB = 2²⁰ bytes); every {@code timestamp} is epoch ms.
 */
final class Views {

  private static final double MB = 1024 * 1024;

  private Views() {}

  // ---- /metrics ----------------------------------------------------------------------------

  /** One kept series: its seed name, unit and the factor from the ring's unit. */
  private enum Series {
    MEMORY(SampleHistory.Series.RSS_BYTES, "memory_usage", "MB", 1 / MB),
    HEAP(SampleHistory.Series.HEAP_USED_BYTES, "heap_used", "MB", 1 / MB),
    CPU(SampleHistory.Series.CPU_UTILIZATION, "cpu_usage", "%", 100),
    THREADS(SampleHistory.Series.THREADS, "threads", "count", 1),
    FDS(SampleHistory.Series.OPEN_FILE_DESCRIPTORS, "open_file_descriptors", "count", 1),
    IO(SampleHistory.Series.IO_LATENCY_SECONDS, "io_latency", "ms", 1e3),
    HEAP_AFTER_GC(SampleHistory.Series.HEAP_AFTER_GC_BYTES, "heap_after_gc", "MB", 1 / MB),
    GC_TIME(SampleHistory.Series.GC_TIME_FRACTION, "gc_time", "%", 100);

    final SampleHistory.Series ring;
    final String name;
    final String unit;
    final double factor;

    Series(SampleHistory.Series ring, String name, String unit, double factor) {
      this.ring = ring;
      this.name = name;
      this.unit = unit;
      this.factor = factor;
    }
  }

  /**
   * The sample rings: the last {@code lastN} values ({@code -1}: all) of each series, at one-minute
   * averages ({@code minute}) or at the sampling interval. The rings keep no clock, so each value's
   * timestamp is counted back from now by the spacing.
   */
  static String metrics(AgentState s, int lastN, boolean minute, boolean csv, long now) {
    SampleHistory h = s.samples();
    long spacing = minute ? 60_000 : s.sampleIntervalMillis();
    StringBuilder csvOut = new StringBuilder("timestamp,series,unit,value\n");
    JsonWriter w = new JsonWriter();
    w.beginObject()
        .name("timestamp", now)
        .name("uptime_ms", now - s.startEpochMillis())
        .name("is_collecting", h != null)
        .name("collection_interval_ms", s.sampleIntervalMillis())
        .name("resolution", minute ? "1m" : "sample")
        .name("series")
        .beginObject();
    for (Series series : Series.values()) {
      double[] all =
          h == null ? new double[0] : minute ? h.lastDay(series.ring) : h.lastHour(series.ring);
      int n = lastN < 0 ? all.length : Math.min(lastN, all.length);
      int from = all.length - n;
      double sum = 0;
      double min = Double.NaN;
      double max = Double.NaN;
      int counted = 0;
      w.name(series.name)
          .beginObject()
          .name("name", series.name)
          .name("unit", series.unit)
          .name("sample_count", n);
      for (int i = from; i < all.length; i++) {
        double v = all[i] * series.factor;
        if (!Double.isNaN(v)) {
          sum += v;
          counted++;
          min = Double.isNaN(min) ? v : Math.min(min, v);
          max = Double.isNaN(max) ? v : Math.max(max, v);
        }
      }
      w.name("latest", n == 0 ? Double.NaN : all[all.length - 1] * series.factor)
          .name("average", counted == 0 ? Double.NaN : sum / counted)
          .name("min", min)
          .name("max", max)
          .name("samples")
          .beginArray();
      for (int i = from; i < all.length; i++) {
        long t = now - (all.length - 1 - i) * spacing;
        double v = all[i] * series.factor;
        w.beginObject().name("timestamp", t).name("value", v).endObject();
        if (csv) {
          csvOut
              .append(t)
              .append(',')
              .append(series.name)
              .append(',')
              .append(series.unit)
              .append(',')
              .append(Double.isNaN(v) ? "" : Csv.number(v))
              .append('\n');
        }
      }
      w.endArray().endObject();
    }
    w.endObject().endObject();
    return csv ? csvOut.toString() : w.toString() + "\n";
  }

  // ---- /metrics/summary ----------------------------------------------------------------------

  static String summary(AgentState s, boolean csv, long now) {
    return summary(s.latest(), s.service(), s.startEpochMillis(), csv, now);
  }

  /** The summary of one cycle ({@code null}: none yet); {@code startMillis} ≤ 0 when unknown. */
  static String summary(
      @Nullable CycleReport r, String service, long startMillis, boolean csv, long now) {
    if (csv) {
      return summaryCsv(r);
    }
    StringBuilder out = new StringBuilder(256);
    try {
      summaryJson(r, service, startMillis, now, out, () -> {});
    } catch (IOException never) {
      throw new UncheckedIOException(never); // the no-op drain throws nothing
    }
    return out.toString();
  }

  /** The summary's JSON written to {@code out} as it is produced (see {@link TextDrain}). */
  static void summary(AgentState s, long now, java.io.OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(TextDrain.THRESHOLD + 2048);
    TextDrain drain = new TextDrain(text, out);
    summaryJson(s.latest(), s.service(), s.startEpochMillis(), now, text, drain);
    drain.flush();
  }

  /** Takes what is written so far (and may clear the builder): the summary as it is produced. */
  interface Drain {
    void drain() throws IOException;
  }

  /**
   * Writes the summary's JSON (and a final newline) into {@code out}, calling {@code drain} after
   * each method and indicator, so a caller may send it on in pieces instead of holding it whole.
   */
  static void summaryJson(
      @Nullable CycleReport r,
      String service,
      long startMillis,
      long now,
      StringBuilder out,
      Drain drain)
      throws IOException {
    JsonWriter w = new JsonWriter(out);
    w.beginObject()
        .name("timestamp", now)
        .name("time", Instant.ofEpochMilli(now).toString())
        .name("service", service)
        .name("uptime_seconds", startMillis <= 0 ? Double.NaN : (now - startMillis) / 1000);
    if (r == null) {
      w.name("status", Level.INSUFFICIENT_DATA.label())
          .name(
              "note",
              "no analysis cycle yet: the first comes one perf.analysis.interval after start")
          .name("methods")
          .beginArray()
          .endArray()
          .name("resources")
          .beginArray()
          .endArray();
      w.endObject();
      out.append('\n');
      drain.drain();
      return;
    }
    int samples = 0;
    long oldest = Long.MAX_VALUE;
    for (MethodResult m : r.methods()) {
      samples = Math.max(samples, m.baseline().samples());
      oldest =
          m.baseline().oldestEpochMillis() > 0
              ? Math.min(oldest, m.baseline().oldestEpochMillis())
              : oldest;
    }
    for (IndicatorResult i : r.indicators()) {
      samples = Math.max(samples, i.baseline().samples());
      oldest =
          i.baseline().oldestEpochMillis() > 0
              ? Math.min(oldest, i.baseline().oldestEpochMillis())
              : oldest;
    }
    w.name("status", r.status().label())
        .name("cycle_timestamp", r.epochMillis())
        .name("cycle_seconds", r.intervalSeconds())
        .name("baseline_samples", samples)
        .name("baseline_since", oldest == Long.MAX_VALUE ? Double.NaN : oldest);
    w.name("reasons").beginArray();
    for (String reason : r.reasons()) {
      w.value(reason);
    }
    w.endArray();
    w.name("methods").beginArray();
    for (MethodResult m : r.methods()) {
      HistoryCodec.methodFields(w.beginObject().name("name", m.cycle().name()), m);
      if (m.cycle().timed()) {
        BaselineView b = m.baseline();
        w.name("baseline_band_low_ms", bandLow(b) * 1e3)
            .name("baseline_band_high_ms", bandHigh(b) * 1e3);
      }
      w.endObject();
      drain.drain();
    }
    w.endArray();
    w.name("resources").beginArray();
    for (IndicatorResult i : r.indicators()) {
      HistoryCodec.indicatorFields(w.beginObject().name("indicator", i.indicator().key()), i)
          .name("baseline_band_low", bandLow(i.baseline()))
          .name("baseline_band_high", bandHigh(i.baseline()))
          .endObject();
      drain.drain();
    }
    w.endArray();
    w.endObject();
    out.append('\n');
    drain.drain();
  }

  /**
   * The baseline's usual range, drawn as a band around its median: ± 1.4826 × MAD, the robust
   * estimate of one standard deviation. NaN when the baseline kept no spread (none learned yet, or
   * read back from a history line).
   */
  static double bandLow(BaselineView b) {
    return Math.max(0, b.median() - ROBUST_SIGMA * b.mad());
  }

  static double bandHigh(BaselineView b) {
    return b.median() + ROBUST_SIGMA * b.mad();
  }

  /** MAD × this estimates the standard deviation of normally distributed values. */
  private static final double ROBUST_SIGMA = 1.4826;

  // ---- /metrics/recommendations ------------------------------------------------------------

  /** The advisor's recommendations of the latest cycle, most severe first. */
  static String recommendations(List<Recommendation> recs, boolean csv, long now) {
    if (csv) {
      StringBuilder b =
          new StringBuilder("id,rule,severity,subject,text,action,evidence,baseline_window\n");
      for (Recommendation r : recs) {
        Csv.row(
            b,
            r.id(),
            r.rule(),
            r.severity().name(),
            r.subject(),
            r.text(),
            r.action(),
            r.evidence(),
            r.baselineWindow());
      }
      return b.toString();
    }
    JsonWriter w = new JsonWriter();
    w.beginObject()
        .name("timestamp", now)
        .name("count", recs.size())
        .name("recommendations")
        .beginArray();
    for (Recommendation r : recs) {
      w.beginObject()
          .name("id", r.id())
          .name("rule", r.rule())
          .name("severity", r.severity().name())
          .name("subject", r.subject())
          .name("text", r.text())
          .name("action", r.action())
          .name("evidence", r.evidence())
          .name("baseline_window", r.baselineWindow())
          .endObject();
    }
    return w.endArray().endObject().toString() + "\n";
  }

  private static String summaryCsv(@Nullable CycleReport r) {
    StringBuilder b =
        new StringBuilder(
            "kind,name,calls,errors,rate_per_s,mean_ms,min_ms,max_ms,"
                + "stddev_ms,p50_ms,p90_ms,p95_ms,p99_ms,value,unit,baseline,change_pct,level\n");
    if (r == null) {
      return b.toString();
    }
    for (MethodResult m : r.methods()) {
      MethodCycle c = m.cycle();
      Csv.row(
          b,
          "method",
          c.name(),
          c.calls(),
          c.errors(),
          c.throughput(),
          ms(c.meanSeconds()),
          ms(c.minSeconds()),
          ms(c.maxSeconds()),
          ms(c.stddevSeconds()),
          ms(c.p50Seconds()),
          ms(c.p90Seconds()),
          ms(c.p95Seconds()),
          ms(c.p99Seconds()),
          ms(c.p95Seconds()),
          "ms",
          ms(m.baseline().median()),
          m.change() * 100,
          m.level().label());
    }
    for (IndicatorResult i : r.indicators()) {
      Csv.row(
          b,
          "resource",
          i.indicator().key(),
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          i.value(),
          i.indicator().unit(),
          i.baseline().median(),
          i.change() * 100,
          i.level().label());
    }
    return b.toString();
  }

  private static double ms(double seconds) {
    return seconds * 1e3;
  }

  // ---- /metrics/alerts -----------------------------------------------------------------------

  /**
   * The degraded methods and indicators of the latest cycle, worst first, as the seed's alert
   * objects ({@code level} is {@code WARNING} for Minor and Moderate, {@code CRITICAL}), then every
   * anomaly the detectors hold open ({@code kind} {@code anomaly:<finding kind>}, with its id,
   * severity, since and evidence).
   */
  static String alerts(AgentState s, boolean csv) {
    io.perfagent.core.alert.AlertEngine engine = s.alerts();
    if (engine != null) {
      return alerts(engine.active(), engine.recent(), csv);
    }
    return alerts(s.latest(), s.openFindings(), csv);
  }

  /**
   * The alert engine's alerts: the active ones (firing first, then pending; critical first), then
   * the recently resolved ones, newest first; each with its lifecycle fields ({@code id}, {@code
   * rule}, {@code state}, {@code since}, {@code firing_since}, {@code resolved_at}) and the seed's
   * alert fields ({@code metric}, {@code level}, {@code current_value}, {@code description}).
   */
  static String alerts(
      java.util.List<io.perfagent.core.alert.Alert> active,
      java.util.List<io.perfagent.core.alert.Alert> recent,
      boolean csv) {
    JsonWriter w = new JsonWriter().beginArray();
    StringBuilder b =
        new StringBuilder(
            "id,rule,state,severity,metric,current_value,threshold,unit,since,resolved_at,description\n");
    java.util.List<io.perfagent.core.alert.Alert> all = new java.util.ArrayList<>(active);
    all.addAll(recent);
    for (io.perfagent.core.alert.Alert a : all) {
      a.write(w);
      Csv.row(
          b,
          a.id(),
          a.rule(),
          a.state().label(),
          a.severity().name(),
          a.series(),
          a.value(),
          a.threshold(),
          a.unit(),
          a.since(),
          a.resolvedAt() < 0 ? "" : a.resolvedAt(),
          a.evidence());
    }
    return csv ? b.toString() : w.endArray().toString() + "\n";
  }

  static String alerts(@Nullable CycleReport r, boolean csv) {
    return alerts(r, java.util.Collections.emptyList(), csv);
  }

  static String alerts(@Nullable CycleReport r, java.util.List<Finding> open, boolean csv) {
    JsonWriter w = new JsonWriter().beginArray();
    StringBuilder b =
        new StringBuilder(
            "metric,kind,level,severity,current_value,unit,baseline,change_pct,description\n");
    if (r != null) {
      for (Level level : new Level[] {Level.CRITICAL, Level.MODERATE, Level.MINOR}) {
        for (MethodResult m : r.methods()) {
          if (m.level() == level) {
            MethodCycle c = m.cycle();
            String description =
                c.name()
                    + " p95 "
                    + Units.seconds(c.p95Seconds())
                    + " vs "
                    + Units.seconds(m.baseline().median())
                    + " baseline ("
                    + Units.change(m.change())
                    + ", "
                    + c.calls()
                    + " calls)";
            alert(
                w,
                b,
                c.name(),
                "method",
                level,
                c.p95Seconds() * 1e3,
                "ms",
                m.baseline().median() * 1e3,
                m.change(),
                description,
                r.epochMillis());
          }
        }
        for (IndicatorResult i : r.indicators()) {
          if (i.level() == level) {
            String unit = i.indicator().unit();
            String description =
                i.indicator().key()
                    + " "
                    + Units.value(i.value(), unit)
                    + " vs "
                    + Units.value(i.baseline().median(), unit)
                    + " baseline ("
                    + Units.change(i.change())
                    + ")";
            alert(
                w,
                b,
                i.indicator().key(),
                "resource",
                level,
                i.value(),
                unit,
                i.baseline().median(),
                i.change(),
                description,
                r.epochMillis());
          }
        }
      }
    }
    for (Finding f : open) {
      String alertLevel =
          f.severity() == io.perfagent.core.detect.Severity.CRITICAL ? "CRITICAL" : "WARNING";
      double change = f.baseline() > 0 ? f.value() / f.baseline() - 1 : Double.NaN;
      w.beginObject()
          .name("metric", f.series())
          .name("kind", "anomaly:" + f.kind().id())
          .name("level", alertLevel)
          .name("severity", f.severity().label())
          .name("current_value", f.value())
          .name("baseline", f.baseline())
          .name("change_pct", change * 100)
          .name("description", f.evidence())
          .name("id", f.id())
          .name("since", f.since())
          .name("timestamp", f.timestamp())
          .endObject();
      Csv.row(
          b,
          f.series(),
          "anomaly:" + f.kind().id(),
          alertLevel,
          f.severity().label(),
          f.value(),
          "",
          f.baseline(),
          change * 100,
          f.evidence());
    }
    return csv ? b.toString() : w.endArray().toString() + "\n";
  }

  private static void alert(
      JsonWriter w,
      StringBuilder csv,
      String metric,
      String kind,
      Level level,
      double value,
      String unit,
      double baseline,
      double change,
      String description,
      long timestamp) {
    String alertLevel = level == Level.CRITICAL ? "CRITICAL" : "WARNING";
    w.beginObject()
        .name("metric", metric)
        .name("kind", kind)
        .name("level", alertLevel)
        .name("severity", level.label())
        .name("current_value", value)
        .name("unit", unit)
        .name("baseline", baseline)
        .name("change_pct", change * 100)
        .name("description", description)
        .name("timestamp", timestamp)
        .endObject();
    Csv.row(
        csv,
        metric,
        kind,
        alertLevel,
        level.label(),
        value,
        unit,
        baseline,
        change * 100,
        description);
  }

  // ---- /health -------------------------------------------------------------------------------

  /**
   * The seed's health document: status, latency over the latest cycle (mean over all calls; p95 and
   * p99 of the worst method), memory, CPU, threads, application gauges as queues, uptime and each
   * subsystem's state.
   */
  static String health(AgentState s, boolean csv, long now) {
    CycleReport r = s.latest();
    ProcessSample p = new ProcessSample();
    boolean sampled = s.latestProcess(p);
    long calls = 0;
    double sum = 0;
    double p95 = Double.NaN;
    double p99 = Double.NaN;
    if (r != null) {
      for (MethodResult m : r.methods()) {
        MethodCycle c = m.cycle();
        if (c.timed() && c.calls() > 0 && !Double.isNaN(c.meanSeconds())) {
          calls += c.calls();
          sum += c.meanSeconds() * c.calls();
          p95 = Double.isNaN(p95) ? c.p95Seconds() : Math.max(p95, c.p95Seconds());
          p99 = Double.isNaN(p99) ? c.p99Seconds() : Math.max(p99, c.p99Seconds());
        }
      }
    }
    Map<String, String> subsystems = s.subsystems();
    // "off: why" is a failure; "off (why)" was configured so and counts as neither.
    int active = 0;
    int degraded = 0;
    for (String state : subsystems.values()) {
      if (state.startsWith("active")) {
        active++;
      } else if (state.startsWith("off:")) {
        degraded++;
      }
    }
    JsonWriter w =
        new JsonWriter()
            .beginObject()
            .name("status", r == null ? Level.INSUFFICIENT_DATA.label() : r.status().label())
            .name("timestamp", now)
            .name("service", s.service())
            .name("version", s.version())
            .name("pid", ProcessHandle.current().pid());
    w.name("latency_ms")
        .beginObject()
        .name("avg", calls == 0 ? Double.NaN : sum / calls * 1e3)
        .name("p95", p95 * 1e3)
        .name("p99", p99 * 1e3)
        .name("calls", calls)
        .name("window_s", r == null ? Double.NaN : r.intervalSeconds())
        .endObject();
    w.name("memory_mb")
        .beginObject()
        .name("current", sampled ? mb(p.rssBytes) : Double.NaN)
        .name("peak", sampled ? mb(p.peakRssBytes) : Double.NaN)
        .name("virtual", sampled ? mb(p.virtualBytes) : Double.NaN)
        .name("limit", sampled ? mb(p.memoryLimitBytes) : Double.NaN)
        .endObject();
    w.name("cpu_percent", sampled ? p.cpuUtilization * 100 : Double.NaN)
        .name("threads", sampled && p.threads >= 0 ? p.threads : Thread.activeCount());
    w.name("queues").beginObject();
    for (Map.Entry<String, Double> g : s.applicationGauges().entrySet()) {
      w.name(g.getKey()).beginObject().name("depth", g.getValue()).endObject();
    }
    w.endObject();
    w.name("uptime_sec", (now - s.startEpochMillis()) / 1000);
    w.name("capabilities")
        .beginObject()
        .name("active", active)
        .name("degraded", degraded)
        .endObject();
    w.name("subsystems").beginObject();
    for (Map.Entry<String, String> e : subsystems.entrySet()) {
      w.name(e.getKey(), e.getValue());
    }
    w.endObject();
    String json = w.endObject().toString();
    return csv ? Csv.flatten(json) : json + "\n";
  }

  private static double mb(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / MB;
  }
}
