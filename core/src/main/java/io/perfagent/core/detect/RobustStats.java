package io.perfagent.core.detect;

import java.util.Arrays;

/** Median, MAD, Theil–Sen slope and the Mann–Kendall trend test over caller-owned arrays. */
final class RobustStats {

  /** MAD × this estimates the standard deviation of normal data. */
  static final double MAD_TO_SD = 1.4826;

  private RobustStats() {}

  /**
   * The median of {@code a[0..n)} by quickselect (linear on average: this runs for every series
   * every cycle); reorders that range. NaN when n is 0.
   */
  static double medianInPlace(double[] a, int n) {
    if (n == 0) {
      return Double.NaN;
    }
    int h = n >>> 1;
    select(a, 0, n - 1, h);
    if ((n & 1) == 1) {
      return a[h];
    }
    double below = a[0];
    for (int i = 1; i < h; i++) {
      below = Math.max(below, a[i]);
    }
    return 0.5 * (below + a[h]);
  }

  /** Rearranges a[lo..hi] so that a[k] holds the value it would have if sorted. */
  private static void select(double[] a, int lo, int hi, int k) {
    while (hi > lo) {
      if (hi - lo < 16) {
        Arrays.sort(a, lo, hi + 1);
        return;
      }
      int mid = (lo + hi) >>> 1;
      double pivot = medianOf3(a[lo], a[mid], a[hi]);
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double tmp = a[i];
          a[i] = a[j];
          a[j] = tmp;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  private static double medianOf3(double x, double y, double z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }

  /** The median absolute deviation of {@code a[0..n)} around {@code median}; overwrites a. */
  static double madInPlace(double[] a, int n, double median) {
    for (int i = 0; i < n; i++) {
      a[i] = Math.abs(a[i] - median);
    }
    return medianInPlace(a, n);
  }

  /**
   * The Theil–Sen slope of points (t[i], x[i]), i &lt; n: the median of the pairwise slopes. {@code
   * scratch} needs n·(n−1)/2 slots.
   */
  static double theilSen(double[] t, double[] x, int n, double[] scratch) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dt = t[j] - t[i];
        if (dt > 0) {
          scratch[m++] = (x[j] - x[i]) / dt;
        }
      }
    }
    return medianInPlace(scratch, m);
  }

  /**
   * The Mann–Kendall z statistic of x[0..n) in time order, with the variance corrected for ties
   * (thread and descriptor counts are integers and tie a lot), and the usual continuity correction.
   * Positive for an upward trend; 0 when n &lt; 3.
   */
  static double mannKendallZ(double[] x, int n, double[] scratch) {
    if (n < 3) {
      return 0;
    }
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        s += Double.compare(x[j], x[i]) > 0 ? 1 : x[j] == x[i] ? 0 : -1;
      }
    }
    System.arraycopy(x, 0, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    double ties = 0;
    int run = 1;
    for (int i = 1; i <= n; i++) {
      if (i < n && scratch[i] == scratch[i - 1]) {
        run++;
      } else {
        if (run > 1) {
          ties += run * (run - 1.0) * (2.0 * run + 5);
        }
        run = 1;
      }
    }
    double var = (n * (n - 1.0) * (2.0 * n + 5) - ties) / 18.0;
    if (var <= 0 || s == 0) {
      return 0;
    }
    return (s > 0 ? s - 1 : s + 1) / Math.sqrt(var);
  }
}
