package io.perfagent.core.detect;

import java.util.Locale;

/** Numbers for evidence text: three significant digits, percentages, durations. */
final class Fmt {

  private Fmt() {}

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 1e15 || (a > 0 && a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    if (a >= 100 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.3g", v);
  }

  /** {@code +42 %} for a ratio of 1.42. */
  static String change(double ratio) {
    double p = (ratio - 1) * 100;
    return String.format(Locale.ROOT, "%+.0f %%", p);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
  }

  /** {@code 2 h 05 min}, {@code 35 min}, {@code 3 d 4 h}. */
  static String duration(long ms) {
    long min = ms / 60_000;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 48) {
      return String.format(Locale.ROOT, "%d h %02d min", h, min % 60);
    }
    return (h / 24) + " d " + (h % 24) + " h";
  }
}
