package io.perfagent.agent.config;

import io.perfagent.exporter.HistogramShape;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks the standard {@code otel.*} keys the agent relies on before the OpenTelemetry SDK sees
 * them, so that one bad value costs that key only (with a line saying what is expected) instead of
 * the whole export pipeline. Keys not listed here go to the SDK untouched.
 */
final class OtelKeys {

  private static final Set<String> PROTOCOLS = new HashSet<>(Arrays.asList("grpc", "http/protobuf"));
  private static final Set<String> COMPRESSIONS = new HashSet<>(Arrays.asList("gzip", "none"));
  private static final Set<String> METRIC_EXPORTERS =
      new HashSet<>(Arrays.asList("otlp", "console", "logging", "logging-otlp", "none"));

  /** The SDK's defaults for the keys whose bad values are replaced rather than dropped. */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("otel.exporter.otlp.protocol", "grpc");
    DEFAULTS.put("otel.exporter.otlp.metrics.protocol", "grpc");
    DEFAULTS.put("otel.exporter.otlp.compression", "none");
    DEFAULTS.put("otel.exporter.otlp.metrics.compression", "none");
    DEFAULTS.put("otel.exporter.otlp.timeout", "10000");
    DEFAULTS.put("otel.exporter.otlp.metrics.timeout", "10000");
    DEFAULTS.put("otel.metric.export.interval", "60000");
    DEFAULTS.put("otel.metrics.exporter", "otlp");
    DEFAULTS.put(
        "otel.exporter.otlp.metrics.default.histogram.aggregation", "explicit_bucket_histogram");
  }

  private OtelKeys() {}

  /**
   * Throws an {@link IllegalArgumentException} saying what is expected when {@code value} is not
   * valid for {@code key}; accepts keys it does not know.
   */
  static void validate(String key, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case "otel.exporter.otlp.protocol":
      case "otel.exporter.otlp.metrics.protocol":
        oneOf(v, PROTOCOLS);
        break;
      case "otel.exporter.otlp.compression":
      case "otel.exporter.otlp.metrics.compression":
        oneOf(v, COMPRESSIONS);
        break;
      case "otel.exporter.otlp.timeout":
      case "otel.exporter.otlp.metrics.timeout":
      case "otel.metric.export.interval":
        duration(v);
        break;
      case "otel.metrics.exporter":
        for (String part : v.split(",")) {
          oneOf(part.trim(), METRIC_EXPORTERS);
        }
        break;
      case "otel.exporter.otlp.metrics.default.histogram.aggregation":
        HistogramShape.parse(v);
        break;
      case "otel.exporter.otlp.endpoint":
      case "otel.exporter.otlp.metrics.endpoint":
        if (!(v.startsWith("http://") || v.startsWith("https://"))) {
          throw new IllegalArgumentException("expected a URL starting with http:// or https://");
        }
        break;
      default:
        break;
    }
  }

  private static void oneOf(String v, Set<String> allowed) {
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
    }
  }

  /** A positive duration: a whole number of milliseconds, or with a unit ms, s, m or h. */
  private static void duration(String v) {
    int i = 0;
    while (i < v.length() && Character.isDigit(v.charAt(i))) {
      i++;
    }
    String unit = v.substring(i).trim();
    boolean ok =
        i > 0
            && (unit.isEmpty() || Arrays.asList("ms", "s", "m", "h").contains(unit))
            && Long.parseLong(v.substring(0, Math.min(i, 18))) > 0;
    if (!ok) {
      throw new IllegalArgumentException(
          "expected a positive duration in milliseconds, or with a unit: 500ms, 10s, 1m");
    }
  }
}
