package io.perfagent.core.detect;

import io.perfagent.core.analyze.Level;

/**
 * Seasonal levels for a bare series replayed offline, shaped like the analysis' baseline: per hour
 * of the day (UTC), the median of that hour's daily medians over the last {@value #DAYS} days, once
 * {@value #MIN_DAYS} days are known; before that a {@link RollingMedianLevels}. Once an hour is
 * established, values classified Moderate or Critical are not learned. A stand-in for replaying CSV
 * files; the agent's own levels come from the analysis. Memory: 24 × ({@value #DAYS} + {@value
 * #PER_HOUR}) doubles, about 14 KB per series.
 */
public final class SeasonalLevels {

  static final int DAYS = 7;
  static final int MIN_DAYS = 3;
  static final int PER_HOUR = 64;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  private final RollingMedianLevels flat;
  private final double[] thresholds;
  private final boolean twoSided;
  private final double[][] daily = new double[24][DAYS];
  private final int[] dailySize = new int[24];
  private final int[] dailyNext = new int[24];
  private final double[][] today = new double[24][PER_HOUR];
  private final int[] todaySize = new int[24];
  private final long[] todayDay = new long[24];
  private final double[] scratch = new double[PER_HOUR];
  private double baseline = Double.NaN;

  /** 15 / 30 / 50 % thresholds, learning Normal and Minor values. */
  public SeasonalLevels(boolean twoSided) {
    this.thresholds = new double[] {0.15, 0.30, 0.50};
    this.twoSided = twoSided;
    this.flat = RollingMedianLevels.defaults(twoSided);
    java.util.Arrays.fill(todayDay, Long.MIN_VALUE);
  }

  /** Classifies the value at {@code epochMs}, then learns it if allowed. */
  public Level classify(long epochMs, double value) {
    int slot = (int) (Math.floorMod(epochMs, DAY) / HOUR);
    long day = Math.floorDiv(epochMs, DAY);
    if (todayDay[slot] != day) {
      closeDay(slot);
      todayDay[slot] = day;
    }
    Level flatLevel = flat.classify(value);
    Level level;
    boolean established = dailySize[slot] >= MIN_DAYS;
    if (established) {
      System.arraycopy(daily[slot], 0, scratch, 0, dailySize[slot]);
      baseline = RobustStats.medianInPlace(scratch, dailySize[slot]);
      level = levelOf(value, baseline);
    } else {
      baseline = flat.baseline();
      level = flatLevel;
    }
    // Until its slot is established every value is learned: judged against the flat fallback, a
    // daily peak would look Critical and its hour would never learn anything.
    if ((!established || level.compareTo(Level.MINOR) <= 0) && todaySize[slot] < PER_HOUR) {
      today[slot][todaySize[slot]++] = value;
    }
    return level;
  }

  /** The baseline the last {@link #classify} used; NaN while data was insufficient. */
  public double baseline() {
    return baseline;
  }

  private void closeDay(int slot) {
    int n = todaySize[slot];
    if (n == 0) {
      return;
    }
    System.arraycopy(today[slot], 0, scratch, 0, n);
    daily[slot][dailyNext[slot]] = RobustStats.medianInPlace(scratch, n);
    dailyNext[slot] = (dailyNext[slot] + 1) % DAYS;
    dailySize[slot] = Math.min(DAYS, dailySize[slot] + 1);
    todaySize[slot] = 0;
  }

  private Level levelOf(double value, double base) {
    double worse = base > 0 ? value / base - 1 : 0;
    if (twoSided && value < base) {
      worse = value > 0 ? base / value - 1 : Double.POSITIVE_INFINITY;
    }
    return worse > thresholds[2]
        ? Level.CRITICAL
        : worse > thresholds[1]
            ? Level.MODERATE
            : worse > thresholds[0] ? Level.MINOR : Level.NORMAL;
  }
}
