package io.perfagent.core.alert;

import io.perfagent.core.format.Units;
import java.util.Locale;

/**
 * A threshold as written in a rule: an absolute value ({@code 100}, {@code 1536MB}, {@code 500ms}),
 * or a share of the indicator's limit ({@code 80%}). Immutable.
 */
final class Quantity {

  static final Quantity NONE = new Quantity(Double.NaN, false, "");

  final double value;
  final boolean relative;
  final String text;

  private Quantity(double value, boolean relative, String text) {
    this.value = value;
    this.relative = relative;
    this.text = text;
  }

  boolean present() {
    return !Double.isNaN(value);
  }

  /** The threshold in the indicator's unit; NaN when relative and there is no limit. */
  double resolve(double limit) {
    return relative ? value * limit : value;
  }

  /**
   * {@code 80%} (a fraction), {@code 1.5GB}, {@code 512MB}, {@code 500ms}, {@code 2s}, {@code 100}.
   */
  static Quantity parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("%")) {
      return new Quantity(number(t.substring(0, t.length() - 1), text) / 100, true, text);
    }
    String[][] units = {
      {"kb", "1024"},
      {"mb", "1048576"},
      {"gb", "1073741824"},
      {"ms", "0.001"},
      {"us", "0.000001"},
      {"µs", "0.000001"},
      {"s", "1"},
      {"m", "60"},
      {"b", "1"}
    };
    for (String[] u : units) {
      if (t.endsWith(u[0])) {
        return new Quantity(
            number(t.substring(0, t.length() - u[0].length()), text) * Double.parseDouble(u[1]),
            false,
            text);
      }
    }
    return new Quantity(number(t, text), false, text);
  }

  private static double number(String s, String text) {
    try {
      double v = Double.parseDouble(s.trim());
      if (v >= 0 && !Double.isInfinite(v)) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(
        "expected a number such as 100, 80%, 512MB or 500ms, got '" + text + "'");
  }

  @Override
  public String toString() {
    return relative ? Units.percent(value) : text;
  }
}
