package io.perfagent.api;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Times code that is not a whole method (a phase inside one, a callback); exported as a histogram
 * of seconds with its count and sum. Thread-safe, lock-free, allocation-free except {@link
 * #time(Supplier)}'s lambda at the call site.
 */
public final class Timer extends Instrument {

  private final LongAdder count = new LongAdder();
  private final LongAdder totalNanos = new LongAdder();

  Timer(String name) {
    super(name, "s");
  }

  /** Records one duration; negative ones are ignored. */
  public void record(long duration, TimeUnit unit) {
    long nanos = unit.toNanos(duration);
    if (nanos >= 0) {
      count.increment();
      totalNanos.add(nanos);
    }
  }

  /** Runs and times {@code work}, also when it throws. */
  public void time(Runnable work) {
    long start = System.nanoTime();
    try {
      work.run();
    } finally {
      record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Runs and times {@code work}, also when it throws, and returns its result. */
  public <T> T time(Supplier<T> work) {
    long start = System.nanoTime();
    try {
      return work.get();
    } finally {
      record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  /** Recorded durations. */
  public long count() {
    return count.sum();
  }

  /** Sum of the recorded durations in nanoseconds. */
  public long totalNanos() {
    return totalNanos.sum();
  }
}
