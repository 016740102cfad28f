package io.perfagent.agent.record;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A cumulative histogram of durations in the {@link DurationBuckets} layout.
 *
 * <h2>Assumptions and guarantees</h2>
 *
 * <ul>
 *   <li>{@link #record} may be called by any number of threads at once. It is lock-free and wait-
 *       free (two atomic adds), and allocates nothing once the calling thread's stripe exists.
 *   <li>Threads are spread over {@link Stripes#COUNT} stripes, each created on first use, so memory
 *       grows only with real concurrency: one stripe is {@value #LENGTH} longs.
 *   <li>{@link #snapshot} may run concurrently with recording. It sees every call that completed
 *       before it started; a call in flight may be counted without its duration in the sum, or not
 *       at all, and the next snapshot catches up because everything is cumulative.
 * </ul>
 *
 * <pre>{@code
 * DurationRecorder r = new DurationRecorder();
 * r.record(1_500);                    // 1.5 µs
 * DurationSnapshot s = r.snapshot();  // s.count() == 1, s.sumNanos() == 1500
 * }</pre>
 */
final class DurationRecorder {

  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle STRIPES = MethodHandles.arrayElementVarHandle(long[][].class);

  /** Padding so that two stripes never share a cache line. */
  private static final int PAD = 8;

  private static final int SUM = PAD;
  private static final int ZERO = PAD + 1;

  /** Calls counted without a duration (sampled out by the governor). */
  private static final int UNTIMED = PAD + 2;

  /** Calls entered: a plain, racy counter that picks the 1 in N timed and estimates the rate. */
  private static final int TICK = PAD + 3;

  private static final int FIRST_SLOT = PAD + 4;

  /** {@code Probe.UNTIMED}: agent.record does not depend on the bootstrap facade's constants. */
  static final long NOT_TIMED = Long.MIN_VALUE;

  static final int LENGTH = FIRST_SLOT + DurationBuckets.SLOTS + PAD;

  private final long[][] stripes = new long[Stripes.COUNT][];

  /** {@code N - 1} when 1 call in N (a power of two) is timed; 0: every call. */
  private volatile int sampleMask;

  /**
   * The end of a call: the clock, or {@link #NOT_TIMED} for the calls between two timed ones while
   * durations are sampled (then the call is counted with {@link #recordUntimed}). Each thread's
   * stripe times its own first call and then every N-th, so every caller thread contributes
   * durations.
   */
  long enter() {
    long[] cells = stripe();
    long tick = cells[TICK]++; // plain: a lost update only shifts which call is timed
    return (tick & sampleMask) == 0 ? System.nanoTime() : NOT_TIMED;
  }

  /** Counts a call that was not timed; the count stays exact. */
  void recordUntimed() {
    LONGS.getAndAdd(stripe(), UNTIMED, 1L);
  }

  /** Times 1 call in {@code interval} from now on; {@code interval} is a power of two ≥ 1. */
  void sampleEvery(int interval) {
    if (interval < 1 || Integer.bitCount(interval) != 1) {
      throw new IllegalArgumentException("interval must be a power of two, got " + interval);
    }
    sampleMask = interval - 1;
  }

  /** 1 when every call is timed, else N of "1 call in N". */
  int samplingInterval() {
    return sampleMask + 1;
  }

  /** Calls entered so far, approximately (a racy counter; for rate estimates only). */
  long enteredApprox() {
    long n = 0;
    for (int i = 0; i < stripes.length; i++) {
      long[] cells = (long[]) STRIPES.getAcquire(stripes, i);
      if (cells != null) {
        n += cells[TICK];
      }
    }
    return n;
  }

  /** Records one duration of {@code nanos} ≥ 0 nanoseconds. */
  void record(long nanos) {
    long[] cells = stripe();
    int cell = nanos == 0 ? ZERO : FIRST_SLOT + DurationBuckets.slotOf(nanos);
    LONGS.getAndAdd(cells, cell, 1L);
    LONGS.getAndAdd(cells, SUM, nanos);
  }

  private long[] stripe() {
    int index = Stripes.index();
    long[] cells = (long[]) STRIPES.getAcquire(stripes, index);
    return cells != null ? cells : createStripe(index);
  }

  private long[] createStripe(int index) {
    long[] fresh = new long[LENGTH];
    if (STRIPES.compareAndSet(stripes, index, (long[]) null, fresh)) {
      return fresh;
    }
    return (long[]) STRIPES.getAcquire(stripes, index);
  }

  /** Whether any duration was recorded; cheap enough to skip idle methods at collection. */
  boolean isEmpty() {
    for (int i = 0; i < stripes.length; i++) {
      if (STRIPES.getAcquire(stripes, i) != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The cumulative state now. Allocates only the populated slot range (a method's durations span a
   * few dozen of the {@value DurationBuckets#SLOTS} slots); never called on the hot path.
   */
  DurationSnapshot snapshot() {
    long zero = 0;
    long sum = 0;
    long untimed = 0;
    int first = DurationBuckets.SLOTS;
    int last = -1;
    for (int i = 0; i < stripes.length; i++) {
      long[] cells = (long[]) STRIPES.getAcquire(stripes, i);
      if (cells == null) {
        continue;
      }
      // Sum first: a call in flight is then at worst counted without its duration, never the
      // reverse, which keeps sum / count a lower bound of the true mean.
      sum += (long) LONGS.getVolatile(cells, SUM);
      untimed += (long) LONGS.getVolatile(cells, UNTIMED);
      zero += (long) LONGS.getVolatile(cells, ZERO);
      // The union of the stripes' populated ranges, scanned from both ends: a slot counted from
      // now on is missed by this snapshot together with its duration, and the next one has both.
      int lo = 0;
      while (lo < first && (long) LONGS.getOpaque(cells, FIRST_SLOT + lo) == 0) {
        lo++;
      }
      first = Math.min(first, lo);
      int hi = DurationBuckets.SLOTS - 1;
      while (hi > last && (long) LONGS.getOpaque(cells, FIRST_SLOT + hi) == 0) {
        hi--;
      }
      last = Math.max(last, hi);
    }
    if (last < first) {
      return DurationSnapshot.ofRange(0, new long[0], zero + untimed, sum);
    }
    long[] range = new long[last - first + 1];
    for (int i = 0; i < stripes.length; i++) {
      long[] cells = (long[]) STRIPES.getAcquire(stripes, i);
      if (cells == null) {
        continue;
      }
      for (int s = first; s <= last; s++) {
        range[s - first] += (long) LONGS.getOpaque(cells, FIRST_SLOT + s);
      }
    }
    return untimed == 0
        ? DurationSnapshot.ofRange(first, range, zero, sum)
        : scaled(first, range, zero, sum, untimed);
  }

  /**
   * The timed calls' distribution scaled to every call: the count is exact, each bucket gets its
   * share of the untimed calls in proportion to its timed ones (largest remainders, so the buckets
   * add up to the count), and the sum grows by the same factor. An unbiased estimate: the timed
   * calls are every N-th call of each thread, not chosen by duration.
   */
  static DurationSnapshot scaled(int first, long[] slots, long zero, long sum, long untimed) {
    long timed = zero;
    for (long c : slots) {
      timed += c;
    }
    if (timed == 0) {
      return DurationSnapshot.ofRange(first, slots, zero + untimed, sum); // no duration known yet
    }
    long total = timed + untimed;
    double factor = total / (double) timed;
    long[] out = new long[slots.length];
    double[] remainder = new double[slots.length + 1];
    long assigned = 0;
    for (int s = 0; s < slots.length; s++) {
      double exact = slots[s] * factor;
      out[s] = (long) exact;
      remainder[s] = exact - out[s];
      assigned += out[s];
    }
    double exactZero = zero * factor;
    long outZero = (long) exactZero;
    remainder[slots.length] = exactZero - outZero;
    assigned += outZero;
    for (long left = total - assigned; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < remainder.length; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      remainder[best] = -1;
      if (best == slots.length) {
        outZero++;
      } else {
        out[best]++;
      }
    }
    return DurationSnapshot.ofRange(first, out, outZero, Math.round(sum * factor));
  }
}
