package io.perfagent.core.json;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

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

  public JsonWriter value(@Nullable String v) {
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

  /**
   * A number, written with up to 6 significant digits; NaN and infinities as {@code null}.
   * Formatted by hand: {@code String.format} costs time and garbage per number (BENCHMARKS.md), and
   * a history line holds thousands.
   */
  public JsonWriter value(double v) {
    separate();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      out.append("null");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      out.append((long) v);
    } else {
      appendSignificant(out, v);
    }
    needsComma = true;
    return this;
  }

  private static final int DIGITS = 6;
  private static final long[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

  /** 10^k for k in [-POW10_BIAS, POW10_BIAS]: a look-up instead of Math.pow and Math.log10. */
  private static final int POW10_BIAS = 40;

  private static final double[] POW10 = new double[2 * POW10_BIAS + 1];

  static {
    for (int k = -POW10_BIAS; k <= POW10_BIAS; k++) {
      POW10[k + POW10_BIAS] = Double.parseDouble("1e" + k);
    }
  }

  private static int decimalExponent(double v) {
    int guess = (int) Math.floor(Math.getExponent(v) * 0.30102999566398120);
    if (guess <= -POW10_BIAS + 1 || guess >= POW10_BIAS - 1) {
      return (int) Math.floor(Math.log10(v));
    }
    if (v >= POW10[guess + 1 + POW10_BIAS]) {
      guess++;
    } else if (v < POW10[guess + POW10_BIAS]) {
      guess--;
    }
    return guess;
  }

  private static double pow10(int k) {
    return k >= -POW10_BIAS && k <= POW10_BIAS ? POW10[k + POW10_BIAS] : Math.pow(10, k);
  }

  /** {@code v} (finite, not integral) rounded to {@value #DIGITS} significant digits. */
  static void appendSignificant(StringBuilder out, double v) {
    if (v < 0) {
      out.append('-');
      v = -v;
    }
    int exponent = decimalExponent(v);
    long digits = Math.round(v * pow10(DIGITS - 1 - exponent));
    if (digits >= POWERS[DIGITS]) {
      digits /= 10;
      exponent++;
    } else if (digits < POWERS[DIGITS - 1]) {
      digits *= 10;
      exponent--;
    }
    int kept = DIGITS;
    while (kept > 1 && digits % 10 == 0) {
      digits /= 10;
      kept--;
    }
    if (exponent < -6 || exponent >= 15) {
      appendDigits(out, digits, kept, 1);
      out.append('e').append(exponent);
    } else if (exponent < 0) {
      out.append(ZERO_POINT[-1 - exponent]).append(digits);
    } else {
      appendDigits(out, digits, kept, exponent + 1);
    }
  }

  /** "0.", "0.0", … "0.00000": the start of numbers below 1 (one append, not one per zero). */
  private static final String[] ZERO_POINT = {"0.", "0.0", "0.00", "0.000", "0.0000", "0.00000"};

  /**
   * Writes the {@code count} digits of {@code digits} (whose last digit is not 0 unless it is the
   * only one), with a point after {@code whole} of them, padding with zeros when {@code whole}
   * exceeds {@code count}. Whole longs are appended, not characters: this runs for every number of
   * every history line.
   */
  private static void appendDigits(StringBuilder out, long digits, int count, int whole) {
    if (whole >= count) {
      out.append(digits);
      for (int i = count; i < whole; i++) {
        out.append('0');
      }
      return;
    }
    int fractionDigits = count - whole;
    long fraction = digits % POWERS[fractionDigits];
    out.append(digits / POWERS[fractionDigits]).append('.');
    for (int width = fractionDigits - 1; width > 0 && fraction < POWERS[width]; width--) {
      out.append('0');
    }
    out.append(fraction);
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

  /** A value that is already JSON text (one object of another writer, say), copied as is. */
  public JsonWriter rawValue(String json) {
    separate();
    out.append(json);
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

  private void string(String s) {
    out.append('"');
    if (plain(s)) {
      out.append(s).append('"');
      return;
    }
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

  /** Whether no character of {@code s} needs escaping: then it is copied in one go. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
