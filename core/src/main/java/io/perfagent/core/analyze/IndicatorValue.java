package io.perfagent.core.analyze;

import java.util.Objects;

/** One indicator's value for one cycle (NaN where its source gave nothing). Immutable. */
public final class IndicatorValue {

  private final Indicator indicator;
  private final double value;

  public IndicatorValue(Indicator indicator, double value) {
    this.indicator = Objects.requireNonNull(indicator, "indicator");
    this.value = value;
  }

  public Indicator indicator() {
    return indicator;
  }

  public double value() {
    return value;
  }
}
