package io.perfagent.core.analyze;

import org.jspecify.annotations.Nullable;

/**
 * How a cycle's value is judged against its baseline. A value gets a level above Normal only when
 * all of these hold, so that the analysis stays quiet when it should:
 *
 * <ul>
 *   <li>the baseline holds at least {@link #minBaselineSamples()} values, and a method's cycle has
 *       at least {@link #minCalls()} calls (a p95 of five calls is noise) — otherwise the level is
 *       {@link Level#INSUFFICIENT_DATA};
 *   <li>the change is at least the indicator's absolute floor (for methods {@link
 *       #methodFloorSeconds()}), so 0.2 µs → 0.3 µs is never Critical;
 *   <li>the change exceeds {@link #noiseMads()} scaled MADs of the baseline, so a series that
 *       always swings ±40 % is not flagged for swinging;
 *   <li>it is more than {@link #minor()}, {@link #moderate()} or {@link #critical()} (fractions:
 *       0.15 = 15 %) worse than the baseline median.
 * </ul>
 *
 * <p>On the way back a level is held until the change falls {@link #hysteresis()} below its
 * threshold, so a value hovering at a threshold does not flap. Immutable; build with {@link
 * #builder()}.
 */
public final class LevelRules {

  /** The MAD of a normal distribution is 0.6745 σ; this scales it to σ. */
  private static final double MAD_TO_SIGMA = 1.4826;

  private final double minor;
  private final double moderate;
  private final double critical;
  private final double hysteresis;
  private final double noiseMads;
  private final long minCalls;
  private final double methodFloorSeconds;
  private final int minBaselineSamples;

  private LevelRules(Builder b) {
    this.minor = b.minor;
    this.moderate = b.moderate;
    this.critical = b.critical;
    this.hysteresis = b.hysteresis;
    this.noiseMads = b.noiseMads;
    this.minCalls = b.minCalls;
    this.methodFloorSeconds = b.methodFloorSeconds;
    this.minBaselineSamples = b.minBaselineSamples;
  }

  /** The defaults: 15 / 30 / 50 %, 5 points hysteresis, 3 MADs, 200 calls, 1 ms, 3 samples. */
  public static LevelRules defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The level of {@code value} against {@code baseline}.
   *
   * @param floor the smallest change that may count, in the value's unit
   * @param enoughCalls whether the cycle had enough calls for its quantile
   * @param previous the series' level in the previous cycle, for hysteresis
   */
  public Judgement judge(
      double value,
      BaselineView baseline,
      double floor,
      boolean enoughCalls,
      @Nullable Level previous) {
    if (Double.isNaN(value) || baseline.samples() < minBaselineSamples) {
      return new Judgement(Level.INSUFFICIENT_DATA, Double.NaN);
    }
    double median = baseline.median();
    double change = value - median;
    double percent = median > 0 ? change / median : floor > 0 ? change / floor : Double.NaN;
    if (!enoughCalls) {
      return new Judgement(Level.INSUFFICIENT_DATA, percent);
    }
    if (change < floor
        || change <= noiseMads * MAD_TO_SIGMA * baseline.mad()
        || Double.isNaN(percent)) {
      return new Judgement(Level.NORMAL, percent);
    }
    Level raw = byPercent(percent);
    if (previous != null && previous.compareTo(raw) > 0) {
      Level held = byPercent(percent + hysteresis);
      Level kept = previous.compareTo(held) < 0 ? previous : held;
      raw = Level.worst(raw, kept);
    }
    return new Judgement(raw, percent);
  }

  /** The level of a change of {@code percent} (a fraction) with every gate passed. */
  Level byPercent(double percent) {
    if (percent > critical) {
      return Level.CRITICAL;
    }
    if (percent > moderate) {
      return Level.MODERATE;
    }
    if (percent > minor) {
      return Level.MINOR;
    }
    return Level.NORMAL;
  }

  public double minor() {
    return minor;
  }

  public double moderate() {
    return moderate;
  }

  public double critical() {
    return critical;
  }

  public double hysteresis() {
    return hysteresis;
  }

  public double noiseMads() {
    return noiseMads;
  }

  public long minCalls() {
    return minCalls;
  }

  public double methodFloorSeconds() {
    return methodFloorSeconds;
  }

  public int minBaselineSamples() {
    return minBaselineSamples;
  }

  /** A level and the change behind it (a fraction: 0.42 = 42 % worse; NaN when unknown). */
  public static final class Judgement {
    private final Level level;
    private final double percent;

    Judgement(Level level, double percent) {
      this.level = level;
      this.percent = percent;
    }

    public Level level() {
      return level;
    }

    public double change() {
      return percent;
    }
  }

  /** Builds {@link LevelRules}; every setter checks its argument at once. */
  public static final class Builder {
    private double minor = 0.15;
    private double moderate = 0.30;
    private double critical = 0.50;
    private double hysteresis = 0.05;
    private double noiseMads = 3;
    private long minCalls = 200;
    private double methodFloorSeconds = 0.001;
    private int minBaselineSamples = 3;

    private Builder() {}

    /** The three thresholds as fractions (0.15, 0.30, 0.50); each above the previous. */
    public Builder thresholds(double minor, double moderate, double critical) {
      if (!(minor > 0 && moderate > minor && critical > moderate)) {
        throw new IllegalArgumentException(
            "thresholds must satisfy 0 < minor < moderate < critical, got "
                + minor
                + ", "
                + moderate
                + ", "
                + critical);
      }
      this.minor = minor;
      this.moderate = moderate;
      this.critical = critical;
      return this;
    }

    public Builder hysteresis(double fraction) {
      this.hysteresis = nonNegative("hysteresis", fraction);
      return this;
    }

    public Builder noiseMads(double mads) {
      this.noiseMads = nonNegative("noiseMads", mads);
      return this;
    }

    public Builder minCalls(long calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("minCalls must be at least 1, got " + calls);
      }
      this.minCalls = calls;
      return this;
    }

    public Builder methodFloorSeconds(double seconds) {
      this.methodFloorSeconds = nonNegative("methodFloorSeconds", seconds);
      return this;
    }

    public Builder minBaselineSamples(int samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("minBaselineSamples must be at least 1, got " + samples);
      }
      this.minBaselineSamples = samples;
      return this;
    }

    public LevelRules build() {
      return new LevelRules(this);
    }

    private static double nonNegative(String name, double v) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + v);
      }
      return v;
    }
  }
}
