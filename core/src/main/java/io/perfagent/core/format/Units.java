package io.perfagent.core.format;

import java.util.Locale;

/** Human-readable values for reports and log lines: durations, bytes, ratios. */
public final class Units {

  private Units() {}

  /** A value in an OpenTelemetry unit ({@code s}, {@code By}, {@code 1}, or any other). */
  public static String value(double v, String unit) {
    if (Double.isNaN(v)) {
      return "-";
    }
    switch (unit) {
      case "s":
        return seconds(v);
      case "By":
        return bytes(v);
      case "1":
        return percent(v);
      default:
        return number(v);
    }
  }

  /** 0.000_42 → "420 µs", 0.142 → "142 ms", 3.2 → "3.20 s". */
  public static String seconds(double s) {
    if (Double.isNaN(s)) {
      return "-";
    }
    double abs = Math.abs(s);
    if (abs == 0) {
      return "0 s";
    }
    if (abs < 1e-6) {
      return trim(s * 1e9) + " ns";
    }
    if (abs < 1e-3) {
      return trim(s * 1e6) + " µs";
    }
    if (abs < 1) {
      return trim(s * 1e3) + " ms";
    }
    return String.format(Locale.ROOT, "%.2f s", s);
  }

  /** 1536 → "1.5 KB", 300_000_000 → "286 MB" (binary multiples). */
  public static String bytes(double b) {
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    double v = b;
    while (Math.abs(v) >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return trim(v) + " " + units[u];
  }

  /** 0.125 → "12.5 %". */
  public static String percent(double fraction) {
    return trim(fraction * 100) + " %";
  }

  /** A signed change: 0.42 → "+42 %", -0.1 → "-10 %". */
  public static String change(double fraction) {
    if (Double.isNaN(fraction)) {
      return "-";
    }
    if (Double.isInfinite(fraction)) {
      return fraction > 0 ? "+∞" : "-∞";
    }
    String text = trim(fraction * 100);
    return (fraction >= 0 ? "+" : "") + text + " %";
  }

  /** A plain number with at most three significant digits after trimming. */
  public static String number(double v) {
    return trim(v);
  }

  private static String trim(double v) {
    double abs = Math.abs(v);
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
