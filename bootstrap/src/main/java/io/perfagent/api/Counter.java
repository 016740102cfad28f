package io.perfagent.api;

import java.util.concurrent.atomic.LongAdder;

/** A monotonic counter; thread-safe, lock-free, allocation-free. */
public final class Counter extends Instrument {

  private final LongAdder count = new LongAdder();

  Counter(String name, String unit) {
    super(name, unit);
  }

  /** Adds one. */
  public void increment() {
    count.increment();
  }

  /** Adds {@code amount}; negative amounts are ignored, since a counter only goes up. */
  public void add(long amount) {
    if (amount > 0) {
      count.add(amount);
    }
  }

  /** The total since the counter was created. */
  public long value() {
    return count.sum();
  }
}
