package io.perfagent.api;

/** What every application-defined metric has: a validated name and unit. */
public abstract class Instrument {

  private final String name;
  private final String unit;

  Instrument(String name, String unit) {
    this.name = name;
    this.unit = unit;
  }

  /** The metric name, e.g. {@code orders.queue.depth}. */
  public final String name() {
    return name;
  }

  /** The UCUM unit, e.g. {@code {order}}, {@code By}, {@code s}; may be empty. */
  public final String unit() {
    return unit;
  }
}
