package io.perfagent.core.analyze;

/** A method's cycle judged against its baseline: the p95 is what is compared. Immutable. */
public final class MethodResult {

  private final MethodCycle cycle;
  private final BaselineView baseline;
  private final double change;
  private final Level level;

  MethodResult(MethodCycle cycle, BaselineView baseline, double change, Level level) {
    this.cycle = cycle;
    this.baseline = baseline;
    this.change = change;
    this.level = level;
  }

  /** Rebuilds a result from recorded values (history replay). */
  public static MethodResult of(
      MethodCycle cycle, BaselineView baseline, double change, Level level) {
    return new MethodResult(cycle, baseline, change, level);
  }

  public MethodCycle cycle() {
    return cycle;
  }

  /** The baseline of the p95, in seconds. */
  public BaselineView baseline() {
    return baseline;
  }

  /** How much worse the p95 is than the baseline median (0.42 = +42 %); NaN when unknown. */
  public double change() {
    return change;
  }

  public Level level() {
    return level;
  }
}
