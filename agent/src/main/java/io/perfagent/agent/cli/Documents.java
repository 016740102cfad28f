package io.perfagent.agent.cli;

import io.perfagent.agent.endpoint.Reports;
import io.perfagent.core.format.Units;
import io.perfagent.core.history.HistoryRecord;
import io.perfagent.core.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The endpoint's JSON documents, fetched from a running agent or rebuilt from its history. */
final class Documents {

  static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").withZone(ZoneId.systemDefault());

  private Documents() {}

  /** {@code /metrics/summary} as text. */
  static String summaryText(Target t) throws AgentClient.AgentException, IOException {
    if (t.live()) {
      return t.liveClient().get("/metrics/summary");
    }
    HistoryRecord r = t.lastRecord(new ArrayList<>());
    return Reports.summaryJson(
        r == null ? null : r.report(),
        r == null ? t.dir().getFileName().toString() : r.service(),
        System.currentTimeMillis());
  }

  /** {@code /metrics/alerts} as text. */
  static String alertsText(Target t) throws AgentClient.AgentException, IOException {
    if (t.live()) {
      return t.liveClient().get("/metrics/alerts");
    }
    if (t.stateDir != null
        && java.nio.file.Files.isRegularFile(t.stateDir.resolve("alerts.jsonl"))) {
      return alertsFromFile(t.stateDir.resolve("alerts.jsonl"));
    }
    HistoryRecord r = t.lastRecord(new ArrayList<>());
    return Reports.alertsJson(r == null ? null : r.report());
  }

  /**
   * The alerts of a stopped agent from its {@code alerts.jsonl}: the latest state of each alert,
   * the ones still firing at exit first, then the resolved ones, newest first; corrupt lines are
   * skipped.
   */
  @SuppressWarnings("unchecked")
  static String alertsFromFile(java.nio.file.Path file) throws IOException {
    java.util.Map<String, Object> latest = new java.util.LinkedHashMap<>();
    for (String line :
        java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
      try {
        Object alert = Json.parseObject(line).get("alert");
        if (alert instanceof Map) {
          String id = text((Map<String, Object>) alert, "id");
          latest.remove(id);
          latest.put(id, alert);
        }
      } catch (RuntimeException corrupt) {
        // a line cut short by a kill: skipped
      }
    }
    List<Object> firing = new ArrayList<>();
    List<Object> resolved = new ArrayList<>();
    for (Object a : latest.values()) {
      ("firing".equals(((Map<?, ?>) a).get("state")) ? firing : resolved).add(0, a);
    }
    firing.addAll(resolved);
    return toJson(firing);
  }

  private static String toJson(List<Object> alerts) {
    io.perfagent.core.json.JsonWriter w = new io.perfagent.core.json.JsonWriter().beginArray();
    for (Object a : alerts) {
      w.beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) a).entrySet()) {
        w.name(String.valueOf(e.getKey()));
        Object v = e.getValue();
        if (v instanceof Long || v instanceof Integer) {
          w.value(((Number) v).longValue());
        } else if (v instanceof Number) {
          w.value(((Number) v).doubleValue());
        } else {
          w.value(v == null ? null : String.valueOf(v));
        }
      }
      w.endObject();
    }
    return w.endArray().toString() + "\n";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String json) {
    return Json.parseObject(json);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(@Nullable Object value) {
    if (!(value instanceof List)) {
      return Collections.emptyList();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object o : (List<Object>) value) {
      out.add((Map<String, Object>) o);
    }
    return out;
  }

  static double number(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
  }

  static String text(Map<String, Object> o, String key) {
    Object v = o.get(key);
    return v == null ? "-" : v.toString();
  }

  /** A duration given in ms, readable: "140 ms", "420 µs". */
  static String ms(Map<String, Object> o, String key) {
    return Units.seconds(number(o, key) / 1e3);
  }

  static String change(Map<String, Object> o) {
    return Units.change(number(o, "change_pct") / 100);
  }

  /** "2 h 31 min", "40 s", "3 d 4 h". */
  static String age(long millis) {
    long s = Math.max(0, millis / 1000);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return s / 60 + " min";
    }
    if (s < 86_400) {
      return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
    return s / 86_400 + " d " + (s % 86_400) / 3600 + " h";
  }

  static String time(long epochMillis) {
    return LOCAL.format(Instant.ofEpochMilli(epochMillis));
  }
}
