package io.perfagent.exporter;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.resources.Resource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Renders OpenTelemetry {@link MetricData} as the Prometheus text exposition format 0.0.4, or as
 * OpenMetrics 1.0, with the standard OTLP → Prometheus name translation: invalid characters become
 * {@code _}, the unit becomes a suffix ({@code s} → {@code _seconds}, {@code By} → {@code _bytes},
 * {@code 1} → {@code _ratio} on gauges; {@code {annotations}} are dropped), monotonic sums get
 * {@code _total}, and explicit histograms become {@code _bucket}/{@code _sum}/{@code _count}.
 * Non-monotonic sums are gauges. Exponential histograms and summaries have no text form and are
 * left out. Every point carries {@code otel_scope_name}; the resource goes out once as {@code
 * target_info}.
 */
public final class PrometheusText {

  /** Content type of the 0.0.4 text format. */
  public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Content type of OpenMetrics 1.0. */
  public static final String OPENMETRICS_CONTENT_TYPE =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private PrometheusText() {}

  /** Appends every metric to {@code out}; OpenMetrics ends with {@code # EOF}. */
  public static void write(
      Resource resource, Collection<MetricData> metrics, boolean openMetrics, StringBuilder out) {
    try {
      write(resource, metrics, openMetrics, out, null);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible); // nothing is written to a stream
    }
  }

  /**
   * Writes every metric to {@code out} as UTF-8, a few KB at a time: a scrape is streamed to the
   * client rather than built whole (a scrape of 1 000 methods is ~3 MB of text).
   */
  public static void write(
      Resource resource, Collection<MetricData> metrics, boolean openMetrics, OutputStream out)
      throws IOException {
    StringBuilder text = new StringBuilder(Utf8Chunks.CHUNK_CHARS + 4096);
    Utf8Chunks chunks = new Utf8Chunks(out);
    write(resource, metrics, openMetrics, text, chunks);
    chunks.flush(text);
  }

  /** {@code chunks}: where to empty {@code out} between lines, or null to keep it all. */
  private static void write(
      Resource resource,
      Collection<MetricData> metrics,
      boolean openMetrics,
      StringBuilder out,
      @Nullable Utf8Chunks chunks)
      throws IOException {
    Set<String> families = new HashSet<>();
    writeTargetInfo(resource, openMetrics, out);
    for (MetricData m : metrics) {
      switch (m.getType()) {
        case LONG_SUM:
          writeSimple(
              m,
              m.getLongSumData().isMonotonic(),
              m.getLongSumData().getPoints(),
              openMetrics,
              families,
              out,
              chunks);
          break;
        case DOUBLE_SUM:
          writeSimple(
              m,
              m.getDoubleSumData().isMonotonic(),
              m.getDoubleSumData().getPoints(),
              openMetrics,
              families,
              out,
              chunks);
          break;
        case LONG_GAUGE:
          writeSimple(
              m, false, m.getLongGaugeData().getPoints(), openMetrics, families, out, chunks);
          break;
        case DOUBLE_GAUGE:
          writeSimple(
              m, false, m.getDoubleGaugeData().getPoints(), openMetrics, families, out, chunks);
          break;
        case HISTOGRAM:
          writeHistogram(m, openMetrics, families, out, chunks);
          break;
        default:
          // Exponential histograms and summaries have no 0.0.4 text form.
          break;
      }
    }
    if (openMetrics) {
      out.append("# EOF\n");
    }
  }

  /**
   * The Prometheus name of a metric: {@code perf.method.duration} + {@code s} → {@code
   * perf_method_duration_seconds}.
   */
  public static String metricName(String otelName, String unit, boolean counter, boolean gauge) {
    String name = sanitize(otelName, false);
    String suffix = unitSuffix(unit, gauge);
    if (!suffix.isEmpty() && !name.endsWith("_" + suffix)) {
      name = name + "_" + suffix;
    }
    if (counter && !name.endsWith("_total")) {
      name = name + "_total";
    }
    return name;
  }

  static String unitSuffix(String unit, boolean gauge) {
    if (unit == null) {
      return "";
    }
    String u = unit.replaceAll("\\{[^}]*\\}", "").trim();
    switch (u) {
      case "":
        return "";
      case "1":
        return gauge ? "ratio" : "";
      case "s":
        return "seconds";
      case "ms":
        return "milliseconds";
      case "us":
        return "microseconds";
      case "ns":
        return "nanoseconds";
      case "By":
        return "bytes";
      case "KiBy":
        return "kibibytes";
      case "MiBy":
        return "mebibytes";
      case "%":
        return "percent";
      default:
        if (u.endsWith("/s")) {
          return sanitize(unitSuffix(u.substring(0, u.length() - 2), false) + "_per_second", false);
        }
        return sanitize(u, false);
    }
  }

  private static void writeTargetInfo(Resource resource, boolean openMetrics, StringBuilder out) {
    if (resource == null || resource.getAttributes().isEmpty()) {
      return;
    }
    String family = openMetrics ? "target" : "target_info";
    out.append("# HELP ").append(family).append(" Target metadata\n");
    out.append("# TYPE ").append(family).append(openMetrics ? " info\n" : " gauge\n");
    out.append("target_info");
    labels(resource.getAttributes(), null, null, null, out);
    out.append(" 1\n");
  }

  private static void writeSimple(
      MetricData m,
      boolean monotonic,
      Collection<? extends PointData> points,
      boolean openMetrics,
      Set<String> families,
      StringBuilder out,
      @Nullable Utf8Chunks chunks)
      throws IOException {
    if (points.isEmpty()) {
      return;
    }
    String name = metricName(m.getName(), m.getUnit(), monotonic, !monotonic);
    String family =
        openMetrics && monotonic ? name.substring(0, name.length() - "_total".length()) : name;
    if (!families.add(family)) {
      return; // two OTel names that translate alike: the first wins, as in the SDK's exporter
    }
    header(family, m.getDescription(), monotonic ? "counter" : "gauge", out);
    String scope = m.getInstrumentationScopeInfo().getName();
    for (PointData p : points) {
      out.append(name);
      labels(p.getAttributes(), scope, null, null, out);
      out.append(' ');
      if (p instanceof LongPointData) {
        out.append(((LongPointData) p).getValue());
      } else {
        number(((DoublePointData) p).getValue(), out);
      }
      out.append('\n');
      if (chunks != null) {
        chunks.maybeFlush(out);
      }
    }
  }

  private static void writeHistogram(
      MetricData m,
      boolean openMetrics,
      Set<String> families,
      StringBuilder out,
      @Nullable Utf8Chunks chunks)
      throws IOException {
    Collection<HistogramPointData> points = m.getHistogramData().getPoints();
    if (points.isEmpty()) {
      return;
    }
    String name = metricName(m.getName(), m.getUnit(), false, false);
    if (!families.add(name)) {
      return;
    }
    header(name, m.getDescription(), "histogram", out);
    String scope = m.getInstrumentationScopeInfo().getName();
    List<Double> lastBounds = null;
    String[] les = new String[0];
    // A scrape of 1 000 methods writes ~26 000 bucket lines: labels are rendered once per point
    // (into one reused buffer) and bounds once per distinct boundary list, not once per line. The
    // SDK copies the boundaries into each point, so lists are compared by content.
    StringBuilder labels = new StringBuilder(128);
    for (HistogramPointData p : points) {
      List<Double> bounds = p.getBoundaries();
      if (bounds != lastBounds && !bounds.equals(lastBounds)) {
        les = new String[bounds.size() + 1];
        for (int i = 0; i < bounds.size(); i++) {
          les[i] = le(bounds.get(i));
        }
        les[bounds.size()] = "+Inf";
        lastBounds = bounds;
      }
      labels.setLength(0);
      labelBody(p.getAttributes(), scope, labels);
      boolean none = labels.length() == 0;
      List<Long> counts = p.getCounts();
      long cumulative = 0;
      for (int i = 0; i < counts.size(); i++) {
        cumulative += counts.get(i);
        out.append(name).append("_bucket{").append(labels);
        if (!none) {
          out.append(',');
        }
        out.append("le=\"")
            .append(i < les.length ? les[i] : "+Inf")
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      out.append(name).append("_sum");
      braced(labels, out);
      out.append(' ');
      number(p.getSum(), out);
      out.append('\n');
      out.append(name).append("_count");
      braced(labels, out);
      out.append(' ').append(p.getCount()).append('\n');
      if (chunks != null) {
        chunks.maybeFlush(out);
      }
    }
  }

  private static void braced(StringBuilder labels, StringBuilder out) {
    if (labels.length() > 0) {
      out.append('{').append(labels).append('}');
    }
  }

  private static String le(double bound) {
    StringBuilder b = new StringBuilder();
    number(bound, b);
    return b.toString();
  }

  private static void header(String family, String help, String type, StringBuilder out) {
    if (help != null && !help.isEmpty()) {
      out.append("# HELP ").append(family).append(' ');
      for (int i = 0; i < help.length(); i++) {
        char c = help.charAt(i);
        if (c == '\\') {
          out.append("\\\\");
        } else if (c == '\n') {
          out.append("\\n");
        } else {
          out.append(c);
        }
      }
      out.append('\n');
    }
    out.append("# TYPE ").append(family).append(' ').append(type).append('\n');
  }

  private static void labels(
      Attributes attributes,
      @Nullable String scope,
      @Nullable String extraKey,
      @Nullable String extraValue,
      StringBuilder out) {
    out.append('{');
    boolean first = labelBody(attributes, scope, out);
    if (extraKey != null) {
      first = label(extraKey, String.valueOf(extraValue), first, out);
    }
    if (first) {
      out.setLength(out.length() - 1); // no labels: no braces
    } else {
      out.append('}');
    }
  }

  /** {@code k="v",k2="v2"} of the attributes and the scope; true if nothing was written. */
  private static boolean labelBody(
      Attributes attributes, @Nullable String scope, StringBuilder out) {
    boolean[] first = {true};
    attributes.forEach(
        (key, value) ->
            first[0] = label(sanitize(key.getKey(), true), String.valueOf(value), first[0], out));
    if (scope != null) {
      first[0] = label("otel_scope_name", scope, first[0], out);
    }
    return first[0];
  }

  private static boolean label(String key, String value, boolean first, StringBuilder out) {
    if (!first) {
      out.append(',');
    }
    out.append(key).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '"') {
        out.append("\\\"");
      } else if (c == '\n') {
        out.append("\\n");
      } else {
        out.append(c);
      }
    }
    out.append('"');
    return false;
  }

  private static void number(double v, StringBuilder out) {
    if (Double.isNaN(v)) {
      out.append("NaN");
    } else if (Double.isInfinite(v)) {
      out.append(v > 0 ? "+Inf" : "-Inf");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      out.append((long) v).append(".0");
    } else {
      out.append(v);
    }
  }

  /** Characters outside {@code [a-zA-Z0-9_:]} (no {@code :} in labels) become one {@code _}. */
  static String sanitize(String name, boolean label) {
    if (valid(name, label)) {
      return name; // the common case for labels (already translated keys): no copy
    }
    StringBuilder b = new StringBuilder(name.length());
    boolean lastUnderscore = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || (c == ':' && !label);
      if (ok) {
        b.append(c);
        lastUnderscore = false;
      } else if (!lastUnderscore) {
        b.append('_');
        lastUnderscore = true;
      }
    }
    if (b.length() == 0 || (b.charAt(0) >= '0' && b.charAt(0) <= '9')) {
      b.insert(0, '_');
    }
    return b.toString();
  }

  private static boolean valid(String name, boolean label) {
    if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || (c == ':' && !label)
              || (c == '_' && (i == 0 || name.charAt(i - 1) != '_'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
