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
  private static final int FIRST_SLOT = PAD + 2;
  static final int LENGTH = FIRST_SLOT + DurationBuckets.SLOTS + PAD;

  private final long[][] stripes = new long[Stripes.COUNT][];

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
      return DurationSnapshot.ofRange(0, new long[0], zero, sum);
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
    return DurationSnapshot.ofRange(first, range, zero, sum);
  }
}
