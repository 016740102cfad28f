package io.perfagent.agent.record;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Keeps the agent's own cost of timing calls under {@code perf.overhead.budget}: the clock reads
 * and the histogram update, beyond what counting a call costs anyway (counting every call is the
 * price of exact counts and is not governed). Every tick it estimates each timed method's call rate
 * and, where timing every call of the hottest methods would cost more than the budget, makes them
 * time 1 call in N (a power of two) per thread. Counts stay exact: an untimed call skips the
 * closing clock read and is recorded as a copy of its thread stripe's last timed call (bucket and
 * duration; {@link DurationRecorder#recordUntimed}), so histograms stay cumulative and monotonic
 * and each timed call weighs N.
 *
 * <p>The budget is shared by water-filling: methods are visited from the coldest, each may time up
 * to an equal share of what is left, and a method under its share passes the rest on. So a method
 * is sampled only when it is among the hottest and the sum would pass the budget; cold methods are
 * always timed in full.
 *
 * <p>Runs on the agent's scheduler thread; not thread-safe.
 */
public final class OverheadGovernor implements Runnable {

  /** The most calls between two timed ones: even the hottest method keeps a duration sample. */
  static final int MAX_INTERVAL = 1 << 16;

  /** Estimated cost of an untimed call (two calls, a stripe lookup, two atomic adds), in ns. */
  static final double UNTIMED_CALL_NANOS = 12;

  /** Estimated cost of recording a timed call beyond its two clock reads, in ns. */
  static final double RECORD_NANOS = 12;

  private final MethodRegistry registry;
  private final double budgetNanosPerSecond;
  private final double timedCallNanos;
  private final LongSupplier clock;
  private long[] lastEntered = new long[0];
  private long lastTick;

  /**
   * @param budget the CPU share of one core the agent may spend timing calls (0.01: 1 %); 0 turns
   *     the governor off (nothing is ever sampled)
   * @param clockReadNanos what one {@link System#nanoTime()} costs here ({@link #measureClock})
   * @param clock the time source, {@link System#nanoTime} outside tests
   */
  public OverheadGovernor(
      MethodRegistry registry, double budget, double clockReadNanos, LongSupplier clock) {
    if (!(budget >= 0 && budget <= 1)) {
      throw new IllegalArgumentException("budget must be a fraction from 0 to 1, got " + budget);
    }
    this.registry = registry;
    this.budgetNanosPerSecond = budget * 1e9;
    this.timedCallNanos = 2 * clockReadNanos + RECORD_NANOS;
    this.clock = clock;
    this.lastTick = clock.getAsLong();
  }

  /** The cost of one {@link System#nanoTime()} call on this machine, measured in a millisecond. */
  public static double measureClock() {
    int reads = 20_000;
    long sink = 0;
    long start = System.nanoTime();
    for (int i = 0; i < reads; i++) {
      sink += System.nanoTime();
    }
    long elapsed = System.nanoTime() - start;
    return sink == 42 ? 0 : Math.max(1, elapsed / (double) reads);
  }

  /** One adjustment from the calls since the last tick. */
  @Override
  public void run() {
    long now = clock.getAsLong();
    double seconds = (now - lastTick) / 1e9;
    lastTick = now;
    MethodRecorder[] recorders = registry.recorders();
    if (lastEntered.length < recorders.length) {
      lastEntered = java.util.Arrays.copyOf(lastEntered, recorders.length);
    }
    List<Rate> rates = new ArrayList<>();
    for (int id = 0; id < recorders.length && recorders[id] != null; id++) {
      DurationRecorder d = recorders[id].durations();
      if (d == null) {
        continue;
      }
      long entered = d.enteredApprox();
      long delta = Math.max(0, entered - lastEntered[id]);
      lastEntered[id] = entered;
      rates.add(new Rate(d, seconds > 0 ? delta / seconds : 0));
    }
    if (budgetNanosPerSecond == 0 || seconds <= 0) {
      return; // off: keep every method at "time every call"
    }
    apply(rates, budgetNanosPerSecond, timedCallNanos);
  }

  /** Water-filling of the budget over the methods, coldest first; package-private for tests. */
  static void apply(List<Rate> rates, double budgetNanosPerSecond, double timedCallNanos) {
    rates.sort((a, b) -> Double.compare(a.callsPerSecond, b.callsPerSecond));
    double timing = timingNanos(timedCallNanos);
    double left = budgetNanosPerSecond;
    for (int i = 0; i < rates.size(); i++) {
      Rate r = rates.get(i);
      double share = left / (rates.size() - i);
      double cost = r.callsPerSecond * timing;
      int interval = 1;
      if (cost > share) {
        double timedPerSecond = share / timing;
        interval =
            timedPerSecond <= 1
                ? MAX_INTERVAL
                : (int) Math.min(MAX_INTERVAL, nextPowerOfTwo(r.callsPerSecond / timedPerSecond));
        cost = r.callsPerSecond / interval * timing;
      }
      r.durations.sampleEvery(interval);
      left = Math.max(0, left - cost);
    }
  }

  /** What timing a call costs beyond counting it. */
  static double timingNanos(double timedCallNanos) {
    return Math.max(1, timedCallNanos - UNTIMED_CALL_NANOS);
  }

  private static long nextPowerOfTwo(double x) {
    long n = 1;
    while (n < x && n < MAX_INTERVAL) {
      n <<= 1;
    }
    return n;
  }

  /** One method's histogram and its call rate over the last tick. */
  static final class Rate {
    final DurationRecorder durations;
    final double callsPerSecond;

    Rate(DurationRecorder durations, double callsPerSecond) {
      this.durations = durations;
      this.callsPerSecond = callsPerSecond;
    }
  }
}
