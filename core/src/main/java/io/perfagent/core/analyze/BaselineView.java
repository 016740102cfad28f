package io.perfagent.core.analyze;

/**
 * What a series' baseline expects at one moment: the median and the MAD (median absolute deviation)
 * of the values it learned, how many values that is, whether they are the hour-of-day slot's
 * (seasonal) or all hours' (flat), and the time of the oldest. Immutable.
 */
public final class BaselineView {

  /** No baseline yet. */
  public static final BaselineView EMPTY =
      new BaselineView(Double.NaN, Double.NaN, 0, false, -1, Source.NONE);

  /** Where the values come from. */
  public enum Source {
    /** Nothing learned yet. */
    NONE,
    /** The last cycles, while fewer than three hours have been rolled up. */
    CYCLES,
    /** Hourly rollups over the window, all hours alike. */
    HOURS,
    /** Hourly rollups of the same hour of day (after three days of history). */
    HOUR_OF_DAY
  }

  private final double median;
  private final double mad;
  private final int samples;
  private final boolean seasonal;
  private final long oldestEpochMillis;
  private final Source source;

  BaselineView(
      double median,
      double mad,
      int samples,
      boolean seasonal,
      long oldestEpochMillis,
      Source source) {
    this.median = median;
    this.mad = mad;
    this.samples = samples;
    this.seasonal = seasonal;
    this.oldestEpochMillis = oldestEpochMillis;
    this.source = source;
  }

  /** A baseline as a history line recorded it: its median and sample count only. */
  public static BaselineView recorded(double median, int samples) {
    if (Double.isNaN(median)) {
      return EMPTY;
    }
    return new BaselineView(median, Double.NaN, samples, false, -1, Source.HOURS);
  }

  public double median() {
    return median;
  }

  /** Median absolute deviation of the learned values (not scaled). */
  public double mad() {
    return mad;
  }

  /** How many values (cycles or hours, see {@link #source()}) the median is taken over. */
  public int samples() {
    return samples;
  }

  public boolean seasonal() {
    return seasonal;
  }

  /** The time of the oldest learned value, or -1. */
  public long oldestEpochMillis() {
    return oldestEpochMillis;
  }

  public Source source() {
    return source;
  }
}
