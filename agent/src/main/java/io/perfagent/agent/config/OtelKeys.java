package io.perfagent.agent.config;

import io.perfagent.exporter.HistogramShape;
import io.perfagent.exporter.OtelPipeline;
import java.io.UnsupportedEncodingException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks the standard {@code otel.*} keys the agent relies on before the OpenTelemetry SDK sees
 * them, so that one bad value costs that key only (with a line saying what is expected) instead of
 * the whole export pipeline. Keys not listed here go to the SDK untouched.
 */
final class OtelKeys {

  private static final Set<String> PROTOCOLS =
      new HashSet<>(Arrays.asList("grpc", "http/protobuf"));
  private static final Set<String> COMPRESSIONS = new HashSet<>(Arrays.asList("gzip", "none"));
  private static final Set<String> METRIC_EXPORTERS =
      new HashSet<>(Arrays.asList("otlp", "console", "logging", "logging-otlp", "none"));

  static final String PROTOCOL = "otel.exporter.otlp.protocol";
  static final String METRICS_PROTOCOL = "otel.exporter.otlp.metrics.protocol";
  static final String ENDPOINT = "otel.exporter.otlp.endpoint";
  static final String METRICS_ENDPOINT = "otel.exporter.otlp.metrics.endpoint";

  /** Checked first: whether an endpoint is valid, and its default, depend on the protocol. */
  static final List<String> FIRST =
      Arrays.asList(PROTOCOL, METRICS_PROTOCOL, ENDPOINT, METRICS_ENDPOINT);

  /** Keys whose value is a {@code key=value,...} map; a bad one is replaced by an empty map. */
  private static final Set<String> MAPS =
      new HashSet<>(
          Arrays.asList(
              "otel.resource.attributes",
              "otel.exporter.otlp.headers",
              "otel.exporter.otlp.metrics.headers"));

  /** The SDK's defaults for the keys whose bad values are replaced rather than dropped. */
  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    // As the OpenTelemetry Java agent: http/protobuf on 4318 (OtelPipeline.DEFAULT_PROTOCOL).
    DEFAULTS.put("otel.exporter.otlp.protocol", OtelPipeline.DEFAULT_PROTOCOL);
    DEFAULTS.put("otel.exporter.otlp.metrics.protocol", OtelPipeline.DEFAULT_PROTOCOL);
    DEFAULTS.put("otel.exporter.otlp.compression", "none");
    DEFAULTS.put("otel.exporter.otlp.metrics.compression", "none");
    DEFAULTS.put("otel.exporter.otlp.timeout", "10000");
    DEFAULTS.put("otel.exporter.otlp.metrics.timeout", "10000");
    DEFAULTS.put("otel.metric.export.interval", "60000");
    DEFAULTS.put(OtelPipeline.METRICS_EXPORTER_KEY, OtelPipeline.DEFAULT_METRICS_EXPORTER);
    DEFAULTS.put(OtelPipeline.HISTOGRAM_AGGREGATION_KEY, "explicit_bucket_histogram");
  }

  private OtelKeys() {}

  /**
   * Throws an {@link IllegalArgumentException} saying what is expected when {@code value} is not
   * valid for {@code key}; accepts keys it does not know.
   *
   * @param resolved the keys resolved so far (the protocol, for an endpoint)
   */
  static void validate(String key, String value, Map<String, String> resolved) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case PROTOCOL:
      case METRICS_PROTOCOL:
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
      case OtelPipeline.METRICS_EXPORTER_KEY:
        for (String part : v.split(",")) {
          oneOf(part.trim(), METRIC_EXPORTERS);
        }
        break;
      case OtelPipeline.HISTOGRAM_AGGREGATION_KEY:
        HistogramShape.parse(v);
        break;
      case ENDPOINT:
      case METRICS_ENDPOINT:
        endpoint(value.trim(), protocol(resolved).equals("grpc"));
        break;
      default:
        if (MAPS.contains(key)) {
          map(value, key.endsWith("headers"));
        }
        break;
    }
  }

  /**
   * What the SDK must read instead of a bad value of {@code key}: the value it would have used had
   * the key not been set ({@code ""} reads as not set for maps), or {@code null} if there is none.
   */
  static @Nullable String replacement(String key, Map<String, String> resolved) {
    String grpc = "grpc";
    switch (key) {
      case METRICS_PROTOCOL:
      case "otel.exporter.otlp.metrics.compression":
      case "otel.exporter.otlp.metrics.timeout":
        String general = resolved.get(key.replace(".metrics.", "."));
        return general != null ? general : DEFAULTS.get(key);
      case ENDPOINT:
        return protocol(resolved).equals(grpc) ? "http://localhost:4317" : "http://localhost:4318";
      case METRICS_ENDPOINT:
        String base = resolved.get(ENDPOINT);
        if (protocol(resolved).equals(grpc)) {
          return base != null ? base : "http://localhost:4317";
        }
        return (base != null ? base.replaceAll("/+$", "") : "http://localhost:4318")
            + "/v1/metrics";
      default:
        return MAPS.contains(key) ? "" : DEFAULTS.get(key);
    }
  }

  /**
   * The value as the SDK must read it: the names it compares (protocols, compressions, exporters,
   * aggregations) in lower case, as validated; anything else trimmed.
   */
  static String normalized(String key, String value) {
    String v = value.trim();
    switch (key) {
      case PROTOCOL:
      case METRICS_PROTOCOL:
      case "otel.exporter.otlp.compression":
      case "otel.exporter.otlp.metrics.compression":
      case OtelPipeline.METRICS_EXPORTER_KEY:
      case OtelPipeline.HISTOGRAM_AGGREGATION_KEY:
        return v.toLowerCase(Locale.ROOT);
      default:
        return v;
    }
  }

  /** Whether a value of {@code key} must never be printed: headers carry tokens. */
  static boolean secret(String key) {
    return key.endsWith("headers");
  }

  /** The protocol the metrics exporter uses, from the keys resolved so far. */
  private static String protocol(Map<String, String> resolved) {
    String p = resolved.get(METRICS_PROTOCOL);
    if (p == null) {
      p = resolved.get(PROTOCOL);
    }
    return p == null ? OtelPipeline.DEFAULT_PROTOCOL : p.trim().toLowerCase(Locale.ROOT);
  }

  /** What the SDK accepts as an OTLP endpoint, and a port that is a number. */
  private static void endpoint(String v, boolean grpc) {
    String expected =
        "expected a URL such as http://localhost:"
            + (grpc ? "4317" : "4318")
            + " (http or https, a host,"
            + " a numeric port"
            + (grpc ? ", no path" : "")
            + ")";
    URL url;
    URI uri;
    try {
      url = new URL(v);
      uri = new URI(v);
    } catch (MalformedURLException | URISyntaxException e) {
      throw new IllegalArgumentException(expected);
    }
    boolean ok =
        (url.getProtocol().equals("http") || url.getProtocol().equals("https"))
            && uri.getHost() != null
            && !uri.getHost().isEmpty()
            && url.getQuery() == null
            && url.getRef() == null
            && (!grpc || url.getPath().isEmpty() || url.getPath().equals("/"));
    if (!ok) {
      throw new IllegalArgumentException(expected);
    }
  }

  /**
   * {@code key=value} pairs separated by commas, as the SDK reads them; header values URL-encoded.
   */
  private static void map(String v, boolean urlEncodedValues) {
    for (String entry : v.split(",")) {
      if (entry.trim().isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0 || entry.substring(0, eq).trim().isEmpty()) {
        throw new IllegalArgumentException("expected key=value pairs separated by commas");
      }
      if (urlEncodedValues) {
        try {
          URLDecoder.decode(entry.substring(eq + 1).trim(), "UTF-8");
        } catch (IllegalArgumentException | UnsupportedEncodingException e) {
          throw new IllegalArgumentException(
              "expected key=value pairs separated by commas, values URL-encoded (%20 for a space)");
        }
      }
    }
  }

  private static void oneOf(String v, Set<String> allowed) {
    if (!allowed.contains(v)) {
      throw new IllegalArgumentException("expected one of " + String.join(", ", allowed));
    }
  }

  /**
   * A positive duration as the SDK reads it: {@link ConfigKeys#durationNanos} less the {@code µs}
   * spelling, which the SDK does not accept.
   */
  private static void duration(String v) {
    long nanos;
    try {
      nanos = v.contains("µ") ? 0 : ConfigKeys.durationNanos(v);
    } catch (IllegalArgumentException e) {
      nanos = 0;
    }
    if (nanos <= 0) {
      throw new IllegalArgumentException(
          "expected a positive duration in milliseconds, or with a unit: 500ms, 10s, 1m");
    }
  }
}
