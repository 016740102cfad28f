package io.perfagent.agent.endpoint;

import io.perfagent.core.json.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; NaN is an empty field. */
final class Csv {

  private Csv() {}

  static void row(StringBuilder out, Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object f = fields[i];
      if (f instanceof Double) {
        double d = (Double) f;
        if (!Double.isNaN(d) && !Double.isInfinite(d)) {
          out.append(number(d));
        }
      } else {
        field(out, String.valueOf(f));
      }
    }
    out.append('\n');
  }

  static String number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  static void field(StringBuilder out, String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      out.append(s);
      return;
    }
    out.append('"').append(s.replace("\"", "\"\"")).append('"');
  }

  /** A JSON object as {@code key,value} rows, nested keys joined with dots. */
  static String flatten(String json) {
    StringBuilder out = new StringBuilder("key,value\n");
    flatten("", Json.parse(json), out);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static void flatten(String prefix, @Nullable Object value, StringBuilder out) {
    if (value instanceof Map) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (value instanceof List) {
      List<Object> list = (List<Object>) value;
      for (int i = 0; i < list.size(); i++) {
        flatten(prefix + "." + i, list.get(i), out);
      }
    } else {
      field(out, prefix);
      out.append(',');
      if (value instanceof Double) {
        row(out, value);
        out.setLength(out.length() - 1);
      } else if (value != null) {
        field(out, String.valueOf(value));
      }
      out.append('\n');
    }
  }
}
