package io.perfagent.api;

import java.util.function.DoubleSupplier;

/** A value read from the application when metrics are collected, e.g. a queue's depth. */
public final class Gauge extends Instrument {

  private final DoubleSupplier supplier;

  Gauge(String name, String unit, DoubleSupplier supplier) {
    super(name, unit);
    this.supplier = supplier;
  }

  /** The current value; a supplier that throws yields {@code NaN}, never an exception. */
  public double value() {
    try {
      return supplier.getAsDouble();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }
}
