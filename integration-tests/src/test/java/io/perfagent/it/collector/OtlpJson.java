package io.perfagent.it.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the file exporter's lines: one OTLP {@code ExportMetricsServiceRequest} in JSON each. */
final class OtlpJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OtlpJson() {}

  /** Every metric in a file exporter's output file; none when it does not exist yet. */
  static List<ExportedMetric> readFile(Path output) throws IOException {
    if (!Files.exists(output)) {
      return List.of();
    }
    List<ExportedMetric> all = new ArrayList<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        all.addAll(parseLine(line));
      }
    }
    return all;
  }

  /** The metrics of one line; an incomplete (still being written) line yields none. */
  static List<ExportedMetric> parseLine(String line) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (Exception partial) {
      return List.of();
    }
    List<ExportedMetric> out = new ArrayList<>();
    for (JsonNode rm : root.path("resourceMetrics")) {
      Map<String, String> resource = attributes(rm.path("resource").path("attributes"));
      for (JsonNode sm : rm.path("scopeMetrics")) {
        String scope = sm.path("scope").path("name").asText("");
        for (JsonNode m : sm.path("metrics")) {
          out.add(metric(resource, scope, m));
        }
      }
    }
    return out;
  }

  private static ExportedMetric metric(Map<String, String> resource, String scope, JsonNode m) {
    ExportedMetric.Type type;
    JsonNode data;
    if (m.has("sum")) {
      type = ExportedMetric.Type.SUM;
      data = m.get("sum");
    } else if (m.has("gauge")) {
      type = ExportedMetric.Type.GAUGE;
      data = m.get("gauge");
    } else if (m.has("histogram")) {
      type = ExportedMetric.Type.HISTOGRAM;
      data = m.get("histogram");
    } else if (m.has("exponentialHistogram")) {
      type = ExportedMetric.Type.EXPONENTIAL_HISTOGRAM;
      data = m.get("exponentialHistogram");
    } else {
      type = ExportedMetric.Type.SUMMARY;
      data = m.path("summary");
    }
    List<ExportedPoint> points = new ArrayList<>();
    for (JsonNode p : data.path("dataPoints")) {
      points.add(point(p));
    }
    return new ExportedMetric(
        resource,
        scope,
        m.path("name").asText(),
        m.path("unit").asText(""),
        type,
        data.path("isMonotonic").asBoolean(false),
        points);
  }

  private static ExportedPoint point(JsonNode p) {
    JsonNode positive = p.path("positive");
    return new ExportedPoint(
        attributes(p.path("attributes")),
        p.path("timeUnixNano").asLong(),
        p.path("asInt").asLong(0),
        p.path("asDouble").asDouble(0),
        p.path("count").asLong(0),
        p.path("sum").asDouble(0),
        longs(p.path("bucketCounts")),
        doubles(p.path("explicitBounds")),
        p.path("scale").asInt(0),
        p.path("zeroCount").asLong(0),
        positive.path("offset").asInt(0),
        longs(positive.path("bucketCounts")));
  }

  static Map<String, String> attributes(JsonNode list) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode a : list) {
      JsonNode v = a.path("value");
      String text =
          v.has("stringValue")
              ? v.get("stringValue").asText()
              : v.has("intValue")
                  ? v.get("intValue").asText()
                  : v.has("doubleValue")
                      ? v.get("doubleValue").asText()
                      : v.has("boolValue") ? v.get("boolValue").asText() : v.toString();
      out.put(a.path("key").asText(), text);
    }
    return out;
  }

  private static List<Long> longs(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong())); // int64 arrives as a JSON string
    return out;
  }

  private static List<Double> doubles(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asDouble()));
    return out;
  }
}
