package io.perfagent.benchmarks.startup;

import java.util.List;
import java.util.Locale;

/**
 * Median, quartiles and range of a small sample (linear interpolation between order statistics).
 */
public record Stats(int n, double median, double p25, double p75, double min, double max) {

  public static Stats of(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(
        v.length, quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), v[0], v[v.length - 1]);
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  /** {@code median [min … max], IQR p25 … p75} with {@code decimals} places. */
  public String describe(int decimals) {
    String f = "%." + decimals + "f";
    if (n == 1) {
      return String.format(Locale.ROOT, f, median);
    }
    return String.format(
        Locale.ROOT,
        f + " [" + f + " … " + f + "] IQR " + f + " … " + f,
        median,
        min,
        max,
        p25,
        p75);
  }
}
