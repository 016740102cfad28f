package io.perfagent.core.detect;

import io.perfagent.core.analyze.Level;

/**
 * Levels for a bare series that arrives without any (a CSV replayed offline, a test): the baseline
 * is the median of the last {@code window} learned values, values classified worse than {@code
 * learnUpTo} are not learned (so a regression does not become the new normal), and the level
 * follows the usual thresholds (default 15 / 30 / 50 % worse). Insufficient data until {@code
 * minValues} are learned. A stand-in: the agent's own levels come from the analysis' seasonal
 * baselines; the detectors do not care which produced them.
 */
public final class RollingMedianLevels {

  private final double[] ring;
  private final double[] scratch;
  private final int minValues;
  private final double minor;
  private final double moderate;
  private final double critical;
  private final Level learnUpTo;
  private final boolean twoSided;
  private int learnEvery = 1;
  private long seen;
  private int next;
  private int size;
  private double baseline = Double.NaN;
  private double learnedMedian = Double.NaN; // cached until the next value is learned

  /**
   * @param window learned values kept
   * @param minValues learned values needed before judging
   * @param thresholds relative worsening for Minor, Moderate and Critical (e.g. 0.15, 0.30, 0.50)
   * @param learnUpTo the worst level still learned (NORMAL or MINOR)
   * @param twoSided whether lower values are also worse (by the inverse ratio)
   */
  public RollingMedianLevels(
      int window, int minValues, double[] thresholds, Level learnUpTo, boolean twoSided) {
    if (window < 3 || minValues < 1 || minValues > window) {
      throw new IllegalArgumentException(
          "expected window >= 3 and 1 <= minValues <= window, got " + window + ", " + minValues);
    }
    if (thresholds.length != 3
        || !(0 < thresholds[0] && thresholds[0] < thresholds[1] && thresholds[1] < thresholds[2])) {
      throw new IllegalArgumentException("expected three increasing positive thresholds");
    }
    this.ring = new double[window];
    this.scratch = new double[window];
    this.minValues = minValues;
    this.minor = thresholds[0];
    this.moderate = thresholds[1];
    this.critical = thresholds[2];
    this.learnUpTo = learnUpTo;
    this.twoSided = twoSided;
  }

  /** Window 48, 10 values to start, 15/30/50 %, learning Normal and Minor values. */
  public static RollingMedianLevels defaults(boolean twoSided) {
    return new RollingMedianLevels(48, 10, new double[] {0.15, 0.30, 0.50}, Level.MINOR, twoSided);
  }

  /**
   * Learns only every {@code n}-th value (the others are still classified), so that the window
   * spans n × window cycles: a slower baseline, closer to one built from hourly rollups.
   */
  public RollingMedianLevels learnEvery(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("expected learnEvery >= 1, got " + n);
    }
    learnEvery = n;
    return this;
  }

  /** Classifies {@code value} against the current baseline, then learns it if allowed. */
  public Level classify(double value) {
    Level level;
    if (size < minValues) {
      baseline = Double.NaN;
      level = Level.INSUFFICIENT_DATA;
    } else {
      if (Double.isNaN(learnedMedian)) {
        System.arraycopy(ring, 0, scratch, 0, size);
        learnedMedian = RobustStats.medianInPlace(scratch, size);
      }
      baseline = learnedMedian;
      double worse = baseline > 0 ? value / baseline - 1 : 0;
      if (twoSided && value > 0 && value < baseline) {
        worse = baseline / value - 1;
      } else if (twoSided && value <= 0 && baseline > 0) {
        worse = Double.POSITIVE_INFINITY;
      }
      level =
          worse > critical
              ? Level.CRITICAL
              : worse > moderate ? Level.MODERATE : worse > minor ? Level.MINOR : Level.NORMAL;
    }
    if (level.compareTo(learnUpTo) <= 0 && seen++ % learnEvery == 0) {
      ring[next] = value;
      learnedMedian = Double.NaN;
      next = (next + 1) % ring.length;
      if (size < ring.length) {
        size++;
      }
    }
    return level;
  }

  /** The baseline the last {@link #classify} used; NaN while data was insufficient. */
  public double baseline() {
    return baseline;
  }
}
