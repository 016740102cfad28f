package io.perfagent.api;

/** What every application-defined metric has: a validated name, unit and description. */
public abstract class Instrument {

  private final String name;
  private final String unit;
  private final String description;

  Instrument(String name, String unit, String description) {
    this.name = name;
    this.unit = unit;
    this.description = description;
  }

  /** The metric name, e.g. {@code orders.queue.depth}. */
  public final String name() {
    return name;
  }

  /** The UCUM unit, e.g. {@code {order}}, {@code By}, {@code s}; may be empty. */
  public final String unit() {
    return unit;
  }

  /** A sentence for humans; may be empty. */
  public final String description() {
    return description;
  }
}
