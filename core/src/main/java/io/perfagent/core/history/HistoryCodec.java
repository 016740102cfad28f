package io.perfagent.core.history;

import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.json.Json;
import io.perfagent.core.json.JsonException;
import io.perfagent.core.json.JsonValues;
import io.perfagent.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code perfwatch.jsonl} per analysis cycle, and back. Durations are in milliseconds,
 * changes in percent, times in epoch milliseconds:
 *
 * <pre>{@code
 * {"timestamp":1764028860000,"service":"shop","instance":"4f1c…","interval_s":60,
 *  "status":"Moderate","reasons":["shop.OrderService.place p95 142 ms vs 100 ms baseline (+42 %, …)"],
 *  "indicators":{"process.memory.usage":{"value":314572800,"unit":"By","baseline":301989888,
 *                "baseline_samples":12,"change_pct":4.2,"level":"Normal"}, …},
 *  "methods":{"shop.OrderService.place":{"kind":"timed","calls":1240,"errors":3,
 *             "error_ratio":0.00242,"rate_per_s":20.7,"mean_ms":98.1,"min_ms":41.1,"max_ms":430.5,
 *             "stddev_ms":31.2,"p50_ms":92.3,"p90_ms":128,"p95_ms":142,"p99_ms":201,
 *             "baseline_p95_ms":100,"baseline_samples":12,"change_pct":42,"level":"Moderate"}}}
 * }</pre>
 */
public final class HistoryCodec {

  private static final Map<String, Indicator> KNOWN = new HashMap<>();

  static {
    for (Indicator i :
        new Indicator[] {
          Indicator.RSS,
          Indicator.PEAK_RSS,
          Indicator.HEAP_AFTER_GC,
          Indicator.CPU,
          Indicator.GC_TIME,
          Indicator.THREADS,
          Indicator.FILE_DESCRIPTORS,
          Indicator.IO_LATENCY,
          Indicator.UPTIME
        }) {
      KNOWN.put(i.key(), i);
    }
  }

  private HistoryCodec() {}

  /** The line for one cycle, without the trailing newline. */
  public static String line(CycleReport r, String service, String instance) {
    return line(
        r, service, instance, java.util.Collections.emptyList(), java.util.Collections.emptyList());
  }

  /**
   * The line for one cycle with what the detectors found and the advisor recommends, each given as
   * one JSON object's text ({@code "findings"} and {@code "recommendations"} arrays).
   */
  public static String line(
      CycleReport r,
      String service,
      String instance,
      List<String> findingsJson,
      List<String> recommendationsJson) {
    JsonWriter w = new JsonWriter(new StringBuilder(256 + 300 * r.methods().size()));
    w.beginObject()
        .name("timestamp", r.epochMillis())
        .name("service", service)
        .name("instance", instance)
        .name("interval_s", r.intervalSeconds())
        .name("status", r.status().label());
    w.name("reasons").beginArray();
    for (String reason : r.reasons()) {
      w.value(reason);
    }
    w.endArray();
    w.name("indicators").beginObject();
    for (IndicatorResult i : r.indicators()) {
      indicatorFields(w.name(i.indicator().key()).beginObject(), i).endObject();
    }
    w.endObject();
    w.name("methods").beginObject();
    for (MethodResult m : r.methods()) {
      methodFields(w.name(m.cycle().name()).beginObject(), m).endObject();
    }
    w.endObject();
    if (!findingsJson.isEmpty()) {
      w.name("findings").beginArray();
      for (String f : findingsJson) {
        w.rawValue(f);
      }
      w.endArray();
    }
    if (!recommendationsJson.isEmpty()) {
      w.name("recommendations").beginArray();
      for (String rec : recommendationsJson) {
        w.rawValue(rec);
      }
      w.endArray();
    }
    return w.endObject().toString();
  }

  /**
   * Writes one method's cycle summary as members of the object {@code w} is in: {@code kind},
   * {@code calls}, {@code errors}, {@code error_ratio}, {@code rate_per_s}, for timed methods the
   * durations in ms ({@code mean_ms} … {@code p99_ms}), {@code baseline_p95_ms}, {@code
   * baseline_samples} and {@code change_pct}, then {@code level}. The history and the endpoint's
   * summary share it, so their fields cannot drift apart.
   */
  public static JsonWriter methodFields(JsonWriter w, MethodResult m) {
    MethodCycle c = m.cycle();
    w.name("kind", c.timed() ? "timed" : "counted")
        .name("calls", c.calls())
        .name("errors", c.errors())
        .name("error_ratio", c.errorRatio())
        .name("rate_per_s", c.throughput());
    if (c.timed()) {
      w.name("mean_ms", c.meanSeconds() * 1e3)
          .name("min_ms", c.minSeconds() * 1e3)
          .name("max_ms", c.maxSeconds() * 1e3)
          .name("stddev_ms", c.stddevSeconds() * 1e3)
          .name("p50_ms", c.p50Seconds() * 1e3)
          .name("p90_ms", c.p90Seconds() * 1e3)
          .name("p95_ms", c.p95Seconds() * 1e3)
          .name("p99_ms", c.p99Seconds() * 1e3)
          .name("baseline_p95_ms", m.baseline().median() * 1e3)
          .name("baseline_samples", m.baseline().samples())
          .name("change_pct", m.change() * 100);
    }
    return w.name("level", m.level().label());
  }

  /**
   * Writes one indicator's cycle value as members of the object {@code w} is in: {@code value},
   * {@code unit}, {@code baseline}, {@code baseline_samples}, {@code change_pct}, {@code level}.
   */
  public static JsonWriter indicatorFields(JsonWriter w, IndicatorResult i) {
    return w.name("value", i.value())
        .name("unit", i.indicator().unit())
        .name("baseline", i.baseline().median())
        .name("baseline_samples", i.baseline().samples())
        .name("change_pct", i.change() * 100)
        .name("level", i.level().label());
  }

  /**
   * Parses one line.
   *
   * @throws JsonException naming what is wrong
   */
  public static HistoryRecord parse(String line) {
    Map<String, Object> o = Json.parseObject(line);
    long timestamp = JsonValues.integer(o, "timestamp");
    String service = JsonValues.string(o, "service");
    Object instanceValue = o.get("instance");
    String instance = instanceValue instanceof String ? (String) instanceValue : "";
    double interval = JsonValues.number(o, "interval_s");
    Level status = level(JsonValues.string(o, "status"));
    List<String> reasons = new ArrayList<>();
    for (Object reason : JsonValues.array(o, "reasons")) {
      reasons.add(String.valueOf(reason));
    }
    List<IndicatorResult> indicators = new ArrayList<>();
    for (Map.Entry<String, Object> e : JsonValues.object(o, "indicators").entrySet()) {
      Map<String, Object> i = member(e, "indicators");
      String unit = JsonValues.string(i, "unit");
      Indicator indicator = KNOWN.get(e.getKey());
      if (indicator == null) {
        indicator = Indicator.applicationGauge(e.getKey(), unit);
      }
      indicators.add(
          IndicatorResult.of(
              indicator,
              JsonValues.number(i, "value"),
              baseline(JsonValues.number(i, "baseline"), i),
              JsonValues.number(i, "change_pct") / 100,
              level(JsonValues.string(i, "level"))));
    }
    List<MethodResult> methods = new ArrayList<>();
    for (Map.Entry<String, Object> e : JsonValues.object(o, "methods").entrySet()) {
      Map<String, Object> m = member(e, "methods");
      boolean timed = "timed".equals(JsonValues.string(m, "kind"));
      long calls = JsonValues.integer(m, "calls");
      long errors = JsonValues.integer(m, "errors");
      if (calls < 0 || errors < 0 || errors > calls) {
        throw new JsonException(
            "methods '" + e.getKey() + "': calls and errors must satisfy " + "0 ≤ errors ≤ calls");
      }
      MethodCycle cycle =
          MethodCycle.of(
              e.getKey(),
              timed,
              calls,
              errors,
              interval,
              ms(m, "mean_ms"),
              ms(m, "min_ms"),
              ms(m, "max_ms"),
              ms(m, "stddev_ms"),
              ms(m, "p50_ms"),
              ms(m, "p90_ms"),
              ms(m, "p95_ms"),
              ms(m, "p99_ms"));
      methods.add(
          MethodResult.of(
              cycle,
              baseline(ms(m, "baseline_p95_ms"), m),
              JsonValues.number(m, "change_pct") / 100,
              level(JsonValues.string(m, "level"))));
    }
    return new HistoryRecord(
        service,
        instance,
        CycleReport.of(timestamp, interval, methods, indicators, status, reasons));
  }

  private static Map<String, Object> member(Map.Entry<String, Object> e, String group) {
    if (!(e.getValue() instanceof Map)) {
      throw new JsonException(group + " '" + e.getKey() + "' must be an object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) e.getValue();
    return m;
  }

  private static double ms(Map<String, Object> m, String name) {
    return JsonValues.number(m, name) / 1e3;
  }

  private static BaselineView baseline(double median, Map<String, Object> o) {
    double samples = JsonValues.number(o, "baseline_samples");
    return BaselineView.recorded(median, Double.isNaN(samples) ? 0 : (int) samples);
  }

  private static Level level(String text) {
    try {
      return Level.parse(text);
    } catch (IllegalArgumentException bad) {
      throw new JsonException("level: " + bad.getMessage());
    }
  }
}
