package io.perfagent.core.analyze;

import java.util.Objects;

/**
 * How the analysis judges: the level rules, the baseline window, the time zone whose hours of day
 * make the seasonal slots, and a cap on how many series it tracks. Immutable.
 */
public final class AnalysisSettings {

  private final LevelRules rules;
  private final int windowHours;
  private final int zoneOffsetSeconds;
  private final int maxSeries;
  private final boolean pinned;

  private AnalysisSettings(
      LevelRules rules, int windowHours, int zoneOffsetSeconds, int maxSeries, boolean pinned) {
    this.rules = rules;
    this.windowHours = windowHours;
    this.zoneOffsetSeconds = zoneOffsetSeconds;
    this.maxSeries = maxSeries;
    this.pinned = pinned;
  }

  /** Default rules, a 7-day window, UTC hours, at most 20 000 series. */
  public static AnalysisSettings defaults() {
    return create(LevelRules.defaults(), 7 * 24, 0, 20_000);
  }

  /**
   * Settings with every value checked.
   *
   * @param windowHours how many hours of hourly rollups the baseline keeps (1 to 8 784: a year)
   * @param zoneOffsetSeconds the local time zone's offset from UTC, for hour-of-day slots
   * @param maxSeries how many methods plus indicators are tracked at most
   */
  public static AnalysisSettings create(
      LevelRules rules, int windowHours, int zoneOffsetSeconds, int maxSeries) {
    Objects.requireNonNull(rules, "rules");
    if (windowHours < 1 || windowHours > 8_784) {
      throw new IllegalArgumentException("windowHours must be 1 to 8784, got " + windowHours);
    }
    if (Math.abs(zoneOffsetSeconds) > 18 * 3600) {
      throw new IllegalArgumentException("zoneOffsetSeconds out of range: " + zoneOffsetSeconds);
    }
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries must be at least 1, got " + maxSeries);
    }
    return new AnalysisSettings(rules, windowHours, zoneOffsetSeconds, maxSeries, false);
  }

  /**
   * These settings with the baselines pinned: cycles are judged but nothing is learned, so the
   * baseline stays what it was (after a known-good release, say) until unpinned or rebuilt.
   */
  public AnalysisSettings pinned(boolean pin) {
    return new AnalysisSettings(rules, windowHours, zoneOffsetSeconds, maxSeries, pin);
  }

  /** Whether baselines learn nothing. */
  public boolean pinned() {
    return pinned;
  }

  public LevelRules rules() {
    return rules;
  }

  public int windowHours() {
    return windowHours;
  }

  public int zoneOffsetSeconds() {
    return zoneOffsetSeconds;
  }

  public int maxSeries() {
    return maxSeries;
  }
}
