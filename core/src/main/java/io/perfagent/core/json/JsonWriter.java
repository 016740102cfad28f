package io.perfagent.core.json;

import java.util.Locale;

/**
 * Writes compact JSON into a {@link StringBuilder}, one call per token; commas are placed for the
 * caller. Non-finite numbers become {@code null} (JSON has no NaN). Not thread-safe.
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().name("calls").value(3).endObject().toString();
 * }</pre>
 */
public final class JsonWriter {

  private final StringBuilder out;
  /** Whether the next value in the current container needs a comma before it. */
  private boolean needsComma;

  public JsonWriter() {
    this(new StringBuilder(256));
  }

  public JsonWriter(StringBuilder out) {
    this.out = out;
  }

  public JsonWriter beginObject() {
    separate();
    out.append('{');
    needsComma = false;
    return this;
  }

  public JsonWriter endObject() {
    out.append('}');
    needsComma = true;
    return this;
  }

  public JsonWriter beginArray() {
    separate();
    out.append('[');
    needsComma = false;
    return this;
  }

  public JsonWriter endArray() {
    out.append(']');
    needsComma = true;
    return this;
  }

  /** An object member's name; the value follows. */
  public JsonWriter name(String name) {
    separate();
    string(name);
    out.append(':');
    needsComma = false;
    return this;
  }

  public JsonWriter value(String v) {
    separate();
    if (v == null) {
      out.append("null");
    } else {
      string(v);
    }
    needsComma = true;
    return this;
  }

  public JsonWriter value(long v) {
    separate();
    out.append(v);
    needsComma = true;
    return this;
  }

  public JsonWriter value(boolean v) {
    separate();
    out.append(v);
    needsComma = true;
    return this;
  }

  /** A number, written with up to 6 significant digits; NaN and infinities as {@code null}. */
  public JsonWriter value(double v) {
    separate();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      out.append("null");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      out.append((long) v);
    } else {
      String text = String.format(Locale.ROOT, "%.6g", v);
      out.append(stripZeros(text));
    }
    needsComma = true;
    return this;
  }

  /** A number written exactly as Java prints it (for values that must round-trip bit for bit). */
  public JsonWriter exactValue(double v) {
    separate();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      out.append("null");
    } else {
      out.append(v);
    }
    needsComma = true;
    return this;
  }

  public JsonWriter name(String name, String v) {
    return name(name).value(v);
  }

  public JsonWriter name(String name, long v) {
    return name(name).value(v);
  }

  public JsonWriter name(String name, double v) {
    return name(name).value(v);
  }

  public JsonWriter name(String name, boolean v) {
    return name(name).value(v);
  }

  private void separate() {
    if (needsComma) {
      out.append(',');
      needsComma = false;
    }
  }

  private static String stripZeros(String text) {
    int e = text.indexOf('e');
    String mantissa = e < 0 ? text : text.substring(0, e);
    String exponent = e < 0 ? "" : text.substring(e);
    if (mantissa.indexOf('.') >= 0) {
      int end = mantissa.length();
      while (mantissa.charAt(end - 1) == '0') {
        end--;
      }
      if (mantissa.charAt(end - 1) == '.') {
        end--;
      }
      mantissa = mantissa.substring(0, end);
    }
    if (!exponent.isEmpty()) {
      // "e-05" → "e-5", "e+10" → "e10"
      String sign = exponent.charAt(1) == '-' ? "-" : "";
      String digits = exponent.substring(2).replaceFirst("^0+(?=.)", "");
      exponent = "e" + sign + digits;
    }
    return mantissa + exponent;
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
