package io.perfagent.core.analyze;

/** An indicator's cycle value judged against its baseline. Immutable. */
public final class IndicatorResult {

  private final Indicator indicator;
  private final double value;
  private final BaselineView baseline;
  private final double change;
  private final Level level;

  IndicatorResult(
      Indicator indicator, double value, BaselineView baseline, double change, Level level) {
    this.indicator = indicator;
    this.value = value;
    this.baseline = baseline;
    this.change = change;
    this.level = level;
  }

  /** Rebuilds a result from recorded values (history replay). */
  public static IndicatorResult of(
      Indicator indicator, double value, BaselineView baseline, double change, Level level) {
    return new IndicatorResult(indicator, value, baseline, change, level);
  }

  public Indicator indicator() {
    return indicator;
  }

  /** The cycle's value, in the indicator's unit; NaN where the source gave nothing. */
  public double value() {
    return value;
  }

  public BaselineView baseline() {
    return baseline;
  }

  /** How much worse the value is than the baseline median (a fraction); NaN when unknown. */
  public double change() {
    return change;
  }

  public Level level() {
    return level;
  }
}
