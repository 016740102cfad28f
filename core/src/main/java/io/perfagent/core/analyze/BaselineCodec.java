package io.perfagent.core.analyze;

import io.perfagent.core.json.Json;
import io.perfagent.core.json.JsonException;
import io.perfagent.core.json.JsonValues;
import io.perfagent.core.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline file ({@code perfbaseline.json}): every series' baseline state, the service it
 * belongs to, and a SHA-256 checksum of the series so that a damaged file is recognised and never
 * half-used. The agent writes it atomically; this class only turns state into text and back.
 *
 * <pre>{@code
 * {"format":"perf-agent-baseline/1","service":"shop","written":1764028800000,"window_hours":168,
 *  "series":{"method:shop.OrderService.place":{"hours":[[490008,0.0123,60,false]],
 *            "recent":[0.0121,0.0125],"current_hour":490009,"hour_buffer":[0.0122],
 *            "stride":1,"cycles_this_hour":1,"first_learned":1764025200000}},
 *  "checksum":"sha256:…"}
 * }</pre>
 */
public final class BaselineCodec {

  /** The format tag written and accepted. */
  public static final String FORMAT = "perf-agent-baseline/1";

  private BaselineCodec() {}

  /** The file's text. */
  public static String write(
      String service, long writtenEpochMillis, int windowHours, Map<String, BaselineState> states) {
    String series = series(states);
    JsonWriter w = new JsonWriter(new StringBuilder(series.length() + 256));
    w.beginObject()
        .name("format", FORMAT)
        .name("service", service)
        .name("written", writtenEpochMillis)
        .name("window_hours", windowHours);
    StringBuilder out = new StringBuilder(w.toString());
    out.append(",\"series\":").append(series);
    out.append(",\"checksum\":\"sha256:").append(sha256(series)).append("\"}");
    return out.toString();
  }

  /**
   * Reads a file's text.
   *
   * @throws JsonException naming what is wrong: not JSON, another format, a damaged series, a
   *     checksum that does not match
   */
  public static Loaded read(String text) {
    Map<String, Object> doc = Json.parseObject(text);
    Object format = doc.get("format");
    if (!FORMAT.equals(format)) {
      throw new JsonException("format must be '" + FORMAT + "', got " + format);
    }
    String service = JsonValues.string(doc, "service");
    long written = JsonValues.integer(doc, "written");
    Map<String, Object> series = JsonValues.object(doc, "series");
    Map<String, BaselineState> states = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : series.entrySet()) {
      if (!(e.getValue() instanceof Map)) {
        throw new JsonException("series '" + e.getKey() + "' must be an object");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) e.getValue();
      try {
        states.put(e.getKey(), new BaselineState(state(s)));
      } catch (JsonException | ClassCastException | ArithmeticException bad) {
        throw new JsonException("series '" + e.getKey() + "': " + bad.getMessage());
      }
    }
    String expected = "sha256:" + sha256(series(states));
    Object checksum = doc.get("checksum");
    if (!expected.equals(checksum)) {
      throw new JsonException("checksum does not match the content (the file is damaged)");
    }
    return new Loaded(service, written, states);
  }

  private static String series(Map<String, BaselineState> states) {
    JsonWriter w = new JsonWriter();
    w.beginObject();
    for (Map.Entry<String, BaselineState> e : states.entrySet()) {
      SeriesBaseline.State s = e.getValue().state;
      w.name(e.getKey()).beginObject();
      w.name("hours").beginArray();
      for (int i = 0; i < s.hourEpochs.length; i++) {
        w.beginArray()
            .value(s.hourEpochs[i])
            .exactValue(s.hourValues[i])
            .value(s.hourCycles[i])
            .value(s.hourExcluded[i])
            .endArray();
      }
      w.endArray();
      floats(w.name("recent"), s.recent);
      w.name("current_hour", s.currentHour);
      floats(w.name("hour_buffer"), s.hourBuffer);
      w.name("stride", s.stride).name("cycles_this_hour", s.cyclesThisHour);
      w.name("first_learned", s.firstLearnedMillis);
      w.endObject();
    }
    return w.endObject().toString();
  }

  private static void floats(JsonWriter w, float[] values) {
    w.beginArray();
    for (float v : values) {
      w.exactValue(v);
    }
    w.endArray();
  }

  private static SeriesBaseline.State state(Map<String, Object> o) {
    SeriesBaseline.State s = new SeriesBaseline.State();
    List<Object> hours = JsonValues.array(o, "hours");
    s.hourEpochs = new int[hours.size()];
    s.hourValues = new float[hours.size()];
    s.hourCycles = new int[hours.size()];
    s.hourExcluded = new boolean[hours.size()];
    for (int i = 0; i < hours.size(); i++) {
      if (!(hours.get(i) instanceof List) || ((List<?>) hours.get(i)).size() != 4) {
        throw new JsonException("hours[" + i + "] must be [epoch hour, value, cycles, excluded]");
      }
      List<?> h = (List<?>) hours.get(i);
      s.hourEpochs[i] = Math.toIntExact((Long) h.get(0));
      s.hourValues[i] = (float) JsonValues.number(h.get(1), "hours[" + i + "]");
      s.hourCycles[i] = Math.toIntExact((Long) h.get(2));
      s.hourExcluded[i] = (Boolean) h.get(3);
      if (i > 0 && s.hourEpochs[i] <= s.hourEpochs[i - 1]) {
        throw new JsonException("hours must be in time order");
      }
    }
    s.recent = floats(JsonValues.array(o, "recent"), "recent");
    s.currentHour = JsonValues.integer(o, "current_hour");
    s.hourBuffer = floats(JsonValues.array(o, "hour_buffer"), "hour_buffer");
    s.stride = Math.toIntExact(JsonValues.integer(o, "stride"));
    s.cyclesThisHour = Math.toIntExact(JsonValues.integer(o, "cycles_this_hour"));
    s.firstLearnedMillis = JsonValues.integer(o, "first_learned");
    if (s.stride < 1) {
      throw new JsonException("stride must be at least 1");
    }
    return s;
  }

  private static float[] floats(List<Object> list, String what) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) JsonValues.number(list.get(i), what);
    }
    return out;
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JVM has SHA-256", impossible);
    }
  }

  /** A baseline file's content. */
  public static final class Loaded {
    private final String service;
    private final long writtenEpochMillis;
    private final Map<String, BaselineState> states;

    Loaded(String service, long writtenEpochMillis, Map<String, BaselineState> states) {
      this.service = service;
      this.writtenEpochMillis = writtenEpochMillis;
      this.states = states;
    }

    public String service() {
      return service;
    }

    public long writtenEpochMillis() {
      return writtenEpochMillis;
    }

    public Map<String, BaselineState> states() {
      return states;
    }
  }
}
