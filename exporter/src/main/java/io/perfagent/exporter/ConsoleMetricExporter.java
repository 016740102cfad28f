package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code console} metrics exporter: one readable line per point on standard error.
 *
 * <p>Replaces the SDK's logging exporter, which writes through {@code java.util.logging}: JUL's own
 * shutdown hook closes its handlers, so the last export of a short-lived process (the one that
 * holds the totals) vanished. It also prints a duration histogram as count, sum and mean in human
 * units instead of a data-class dump.
 */
public final class ConsoleMetricExporter implements MetricExporter {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private final PrintStream out;

  /** An exporter that prints to {@code out}. */
  public ConsoleMetricExporter(PrintStream out) {
    this.out = out;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    if (metrics.isEmpty()) {
      return CompletableResultCode.ofSuccess();
    }
    StringBuilder text = new StringBuilder();
    String service =
        metrics
            .iterator()
            .next()
            .getResource()
            .getAttribute(AttributeKey.stringKey("service.name"));
    text.append("[perf-agent] metrics at ")
        .append(LocalTime.now().format(TIME))
        .append(" for service ")
        .append(service)
        .append(" (cumulative since start)\n");
    for (String line : lines(metrics)) {
      text.append("  ").append(line).append('\n');
    }
    out.print(text); // one write, so lines of concurrent output do not interleave
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  static List<String> lines(Collection<MetricData> metrics) {
    Map<String, String> sorted = new TreeMap<>();
    for (MetricData m : metrics) {
      for (PointData p : m.getData().getPoints()) {
        String key = m.getName() + " " + attributes(p.getAttributes());
        sorted.put(key, String.format(Locale.ROOT, "%-58s %s", key, value(p, m.getUnit())));
      }
    }
    return new ArrayList<>(sorted.values());
  }

  private static String attributes(Attributes attributes) {
    StringBuilder s = new StringBuilder("{");
    attributes.forEach(
        (k, v) -> s.append(s.length() > 1 ? ", " : "").append(k.getKey()).append('=').append(v));
    return s.append('}').toString();
  }

  private static String value(PointData p, String unit) {
    if (p instanceof LongPointData) {
      return Long.toString(((LongPointData) p).getValue());
    }
    if (p instanceof DoublePointData) {
      return String.format(Locale.ROOT, "%.4g %s", ((DoublePointData) p).getValue(), unit);
    }
    if (p instanceof HistogramPointData) {
      HistogramPointData h = (HistogramPointData) p;
      return histogram(h.getCount(), h.getSum(), unit);
    }
    if (p instanceof ExponentialHistogramPointData) {
      ExponentialHistogramPointData h = (ExponentialHistogramPointData) p;
      return histogram(h.getCount(), h.getSum(), unit);
    }
    return p.toString();
  }

  private static String histogram(long count, double sum, String unit) {
    if (!"s".equals(unit)) {
      return String.format(Locale.ROOT, "count=%d sum=%.4g %s", count, sum, unit);
    }
    double mean = count == 0 ? 0 : sum / count;
    return String.format(
        Locale.ROOT, "count=%d mean=%s total=%s", count, seconds(mean), seconds(sum));
  }

  /** A duration in the unit that gives it one to three integer digits. */
  static String seconds(double s) {
    if (s >= 1) {
      return String.format(Locale.ROOT, "%.3f s", s);
    }
    if (s >= 1e-3) {
      return String.format(Locale.ROOT, "%.3f ms", s * 1e3);
    }
    if (s >= 1e-6) {
      return String.format(Locale.ROOT, "%.3f µs", s * 1e6);
    }
    return String.format(Locale.ROOT, "%.0f ns", s * 1e9);
  }

  @Override
  public CompletableResultCode flush() {
    out.flush();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return flush();
  }
}
