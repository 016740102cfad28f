package io.perfagent.core.detect;

/**
 * The gates of every detector, with the defaults documented in the README. Immutable; {@link
 * #builder()} checks each value at once and names it in the message. The names in brackets are the
 * configuration keys these will be read from.
 */
public final class DetectorSettings {

  /** The defaults. */
  public static final DetectorSettings DEFAULTS = builder().build();

  final int persistCycles;
  final double persistNoiseZ;
  final int window;
  final double outlierZ;
  final double madFloor;
  final int outlierRepeat;
  final int outlierRepeatWindow;
  final double stepMinEffect;
  final double cusumThreshold;
  final double warningEffect;
  final double criticalEffect;
  final long leakWindowMs;
  final long leakMinSpanMs;
  final double leakTrendZ;
  final double leakMinGrowthPerHour;
  final long leakCriticalMs;
  final long leakWarningMs;
  final double processFraction;
  final int processMinSeries;
  final long errorMinCalls;
  final long errorMinErrors;
  final double errorRatioMin;
  final double errorRatioFactor;
  final double errorWarningRatio;
  final double errorCriticalRatio;
  final long throughputMinCalls;
  final double throughputDrop;
  final double throughputCriticalDrop;
  final boolean twoSided;
  final int maxSeries;

  private DetectorSettings(Builder b) {
    persistCycles = b.persistCycles;
    persistNoiseZ = b.persistNoiseZ;
    window = b.window;
    outlierZ = b.outlierZ;
    madFloor = b.madFloor;
    outlierRepeat = b.outlierRepeat;
    outlierRepeatWindow = b.outlierRepeatWindow;
    stepMinEffect = b.stepMinEffect;
    cusumThreshold = b.cusumThreshold;
    warningEffect = b.warningEffect;
    criticalEffect = b.criticalEffect;
    leakWindowMs = b.leakWindowMs;
    leakMinSpanMs = b.leakMinSpanMs;
    leakTrendZ = b.leakTrendZ;
    leakMinGrowthPerHour = b.leakMinGrowthPerHour;
    leakCriticalMs = b.leakCriticalMs;
    leakWarningMs = b.leakWarningMs;
    processFraction = b.processFraction;
    processMinSeries = b.processMinSeries;
    errorMinCalls = b.errorMinCalls;
    errorMinErrors = b.errorMinErrors;
    errorRatioMin = b.errorRatioMin;
    errorRatioFactor = b.errorRatioFactor;
    errorWarningRatio = b.errorWarningRatio;
    errorCriticalRatio = b.errorCriticalRatio;
    throughputMinCalls = b.throughputMinCalls;
    throughputDrop = b.throughputDrop;
    throughputCriticalDrop = b.throughputCriticalDrop;
    twoSided = b.twoSided;
    maxSeries = b.maxSeries;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Consecutive cycles a level (or a gate) must hold to open an anomaly, and Normal ones to close
   * it.
   */
  public int persistCycles() {
    return persistCycles;
  }

  /** Recent cycles kept per series for the outlier spread, the CUSUM scale and throughput. */
  public int window() {
    return window;
  }

  public double outlierZ() {
    return outlierZ;
  }

  public double madFloor() {
    return madFloor;
  }

  public int outlierRepeat() {
    return outlierRepeat;
  }

  public int outlierRepeatWindow() {
    return outlierRepeatWindow;
  }

  public double stepMinEffect() {
    return stepMinEffect;
  }

  public double cusumThreshold() {
    return cusumThreshold;
  }

  public long leakWindowMs() {
    return leakWindowMs;
  }

  public long leakMinSpanMs() {
    return leakMinSpanMs;
  }

  public boolean twoSided() {
    return twoSided;
  }

  /** Builds {@link DetectorSettings}; every setter rejects an out-of-range value at once. */
  public static final class Builder {
    private int persistCycles = 3;
    private double persistNoiseZ = 2;
    private int window = 48;
    private double outlierZ = 3.5;
    private double madFloor = 0.03;
    private int outlierRepeat = 3;
    private int outlierRepeatWindow = 10;
    private double stepMinEffect = 0.15;
    private double cusumThreshold = 6.0;
    private double warningEffect = 0.30;
    private double criticalEffect = 0.50;
    private long leakWindowMs = 60 * 60_000L;
    private long leakMinSpanMs = 30 * 60_000L;
    private double leakTrendZ = 3.09;
    private double leakMinGrowthPerHour = 0.05;
    private long leakCriticalMs = 60 * 60_000L;
    private long leakWarningMs = 24 * 60 * 60_000L;
    private double processFraction = 0.2;
    private int processMinSeries = 5;
    private long errorMinCalls = 100;
    private long errorMinErrors = 5;
    private double errorRatioMin = 0.01;
    private double errorRatioFactor = 3.0;
    private double errorWarningRatio = 0.05;
    private double errorCriticalRatio = 0.20;
    private long throughputMinCalls = 100;
    private double throughputDrop = 0.5;
    private double throughputCriticalDrop = 0.9;
    private boolean twoSided;
    private int maxSeries = 10_000;

    private Builder() {}

    /** [perf.detect.persist-cycles] 1–100, default 3. */
    public Builder persistCycles(int v) {
      persistCycles = intIn("perf.detect.persist-cycles", v, 1, 100);
      return this;
    }

    /**
     * [perf.detect.persist-noise-z] a degraded cycle counts toward persistence only when it is also
     * this many robust sd of the series' own recent noise above its baseline, 0–10, default 0 (off:
     * the level alone decides).
     */
    public Builder persistNoiseZ(double v) {
      persistNoiseZ = in("perf.detect.persist-noise-z", v, 0, 10);
      return this;
    }

    /** [perf.detect.window] recent cycles per series, 8–1000, default 48. */
    public Builder window(int v) {
      window = intIn("perf.detect.window", v, 8, 1000);
      return this;
    }

    /** [perf.detect.outlier.z] modified z-score on log values, 2–20, default 3.5. */
    public Builder outlierZ(double v) {
      outlierZ = in("perf.detect.outlier.z", v, 2, 20);
      return this;
    }

    /** [perf.detect.outlier.mad-floor] smallest MAD of log values, 0.001–1, default 0.03. */
    public Builder madFloor(double v) {
      madFloor = in("perf.detect.outlier.mad-floor", v, 0.001, 1);
      return this;
    }

    /**
     * [perf.detect.outlier.repeat] outliers within [perf.detect.outlier.repeat-window] cycles that
     * make an anomaly, default 3 within 10.
     */
    public Builder outlierRepeat(int repeat, int withinCycles) {
      outlierRepeat = intIn("perf.detect.outlier.repeat", repeat, 2, 100);
      outlierRepeatWindow = intIn("perf.detect.outlier.repeat-window", withinCycles, repeat, 1000);
      return this;
    }

    /** [perf.detect.step.min-effect] smallest relative step reported, 0.01–10, default 0.15. */
    public Builder stepMinEffect(double v) {
      stepMinEffect = in("perf.detect.step.min-effect", v, 0.01, 10);
      return this;
    }

    /** [perf.detect.step.threshold] CUSUM decision interval in robust sd, 1–50, default 6. */
    public Builder cusumThreshold(double v) {
      cusumThreshold = in("perf.detect.step.threshold", v, 1, 50);
      return this;
    }

    /**
     * [perf.detect.step.warning] / [perf.detect.step.critical] relative step sizes for warning and
     * critical, default 0.30 and 0.50 (the level thresholds).
     */
    public Builder stepSeverity(double warning, double critical) {
      warningEffect = in("perf.detect.step.warning", warning, 0.01, 100);
      criticalEffect = in("perf.detect.step.critical", critical, warning, 100);
      return this;
    }

    /**
     * [perf.detect.leak.window] / [perf.detect.leak.min-span] the trend window (default 60 min) and
     * the least history judged (default 30 min).
     */
    public Builder leakWindow(long windowMs, long minSpanMs) {
      leakWindowMs = longIn("perf.detect.leak.window", windowMs, 60_000L, 7 * 86_400_000L);
      leakMinSpanMs = longIn("perf.detect.leak.min-span", minSpanMs, 1_000L, windowMs);
      return this;
    }

    /** [perf.detect.leak.trend-z] Mann–Kendall z that gates a leak, 1.64–10, default 3.09. */
    public Builder leakTrendZ(double v) {
      leakTrendZ = in("perf.detect.leak.trend-z", v, 1.64, 10);
      return this;
    }

    /** [perf.detect.leak.min-growth] least growth per hour relative to the level, default 0.05. */
    public Builder leakMinGrowthPerHour(double v) {
      leakMinGrowthPerHour = in("perf.detect.leak.min-growth", v, 0, 10);
      return this;
    }

    /** Time to the limit below which a leak is critical (default 1 h) or a warning (24 h). */
    public Builder leakSeverity(long criticalMs, long warningMs) {
      leakCriticalMs = longIn("perf.detect.leak.critical", criticalMs, 0, Long.MAX_VALUE / 2);
      leakWarningMs = longIn("perf.detect.leak.warning", warningMs, criticalMs, Long.MAX_VALUE / 2);
      return this;
    }

    /**
     * [perf.detect.process.fraction] / [perf.detect.process.min-series] share and least number of
     * judged series degraded in one cycle that make it process-wide, default 0.2 and 5.
     */
    public Builder processWide(double fraction, int minSeries) {
      processFraction = in("perf.detect.process.fraction", fraction, 0.01, 1);
      processMinSeries = intIn("perf.detect.process.min-series", minSeries, 2, 1_000_000);
      return this;
    }

    /**
     * [perf.detect.errors.min-calls] calls a cycle needs to be judged (default 100);
     * [perf.detect.errors.min-ratio] the least ratio (0.01) and [perf.detect.errors.factor] the
     * multiple of the baseline ratio (3) that count as high.
     */
    public Builder errorRatio(long minCalls, double minRatio, double factor) {
      errorMinCalls = longIn("perf.detect.errors.min-calls", minCalls, 1, Long.MAX_VALUE);
      errorRatioMin = in("perf.detect.errors.min-ratio", minRatio, 0.0001, 1);
      errorRatioFactor = in("perf.detect.errors.factor", factor, 1, 1000);
      return this;
    }

    /**
     * [perf.detect.errors.min-errors] errors a cycle needs before its ratio can count as high
     * (default 5): at 0.1 % errors, 2 in 190 calls is luck, not a change.
     */
    public Builder errorMinErrors(long v) {
      errorMinErrors = longIn("perf.detect.errors.min-errors", v, 1, Long.MAX_VALUE);
      return this;
    }

    /**
     * [perf.detect.throughput.min-calls] the least baseline calls per cycle judged (default 100);
     * [perf.detect.throughput.drop] the drop that counts (0.5 = half) and the critical drop (0.9).
     */
    public Builder throughput(long minCalls, double drop, double criticalDrop) {
      throughputMinCalls = longIn("perf.detect.throughput.min-calls", minCalls, 1, Long.MAX_VALUE);
      throughputDrop = in("perf.detect.throughput.drop", drop, 0.05, 0.99);
      throughputCriticalDrop = in("perf.detect.throughput.critical-drop", criticalDrop, drop, 1);
      return this;
    }

    /**
     * [perf.detect.two-sided] also report values far below normal (default: only worse = higher).
     */
    public Builder twoSided(boolean v) {
      twoSided = v;
      return this;
    }

    /** [perf.detect.max-series] series tracked at most; later ones are ignored, default 10 000. */
    public Builder maxSeries(int v) {
      maxSeries = intIn("perf.detect.max-series", v, 1, 1_000_000);
      return this;
    }

    public DetectorSettings build() {
      return new DetectorSettings(this);
    }

    private static double in(String key, double v, double min, double max) {
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException(
            key + ": expected a number from " + min + " to " + max + ", got " + v);
      }
      return v;
    }

    private static int intIn(String key, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            key + ": expected an integer from " + min + " to " + max + ", got " + v);
      }
      return v;
    }

    private static long longIn(String key, long v, long min, long max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(
            key + ": expected a value from " + min + " to " + max + ", got " + v);
      }
      return v;
    }
  }
}
