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

  /**
   * The cell the stripe's last timed call went to (0: none yet), and its duration: a call that is
   * not timed is recorded as that one (see {@link #recordUntimed}).
   */
  private static final int LAST_CELL = PAD + 2;

  private static final int LAST_NANOS = PAD + 3;

  /** Calls ended: a plain, racy counter that picks the 1 in N timed and estimates the rate. */
  private static final int TICK = PAD + 4;

  /**
   * Nested calls of a method that calls itself (see {@link #recordNested}) that ended on this
   * stripe and wait for the end of their outermost call, whose duration they take.
   */
  private static final int NESTED = PAD + 5;

  private static final int FIRST_SLOT = PAD + 6;

  /** {@code Probe.UNTIMED}: agent.record does not depend on the bootstrap facade's constants. */
  static final long NOT_TIMED = Long.MIN_VALUE;

  static final int LENGTH = FIRST_SLOT + DurationBuckets.SLOTS + PAD;

  private final long[][] stripes = new long[Stripes.COUNT][];

  /** {@code N - 1} when 1 call in N (a power of two) is timed; 0: every call. */
  private volatile int sampleMask;

  /**
   * The end of a call: the clock, or {@link #NOT_TIMED} for the calls between two timed ones while
   * durations are sampled (then the call is recorded with {@link #recordUntimed}). Each thread's
   * stripe times its own first call and then every N-th, so every caller thread contributes
   * durations.
   */
  long enter() {
    long[] cells = stripe();
    long tick = cells[TICK]++; // plain: a lost update only shifts which call is timed
    if ((tick & sampleMask) == 0 || (long) LONGS.getOpaque(cells, LAST_CELL) == 0) {
      return System.nanoTime(); // one in N, and every call until the stripe has a timed one
    }
    return NOT_TIMED;
  }

  /**
   * Records a call that was not timed as a copy of its stripe's last timed call: its bucket and its
   * duration. So each timed call stands for itself and the untimed calls after it (1 in N timed:
   * weight N), which is an unbiased estimate (timed calls are chosen by position, not duration);
   * the count is exact at every moment, and every bucket and the sum only grow, so the difference
   * of two snapshots is never negative. Called only after {@link #enter} said {@link #NOT_TIMED},
   * which it says only once the stripe has a timed call.
   */
  long recordUntimed() {
    long[] cells = stripe();
    int cell = (int) (long) LONGS.getOpaque(cells, LAST_CELL);
    if (cell == 0) {
      cell = ZERO; // not reached: enter() times every call until the stripe has a timed one
    }
    long nanos = (long) LONGS.getOpaque(cells, LAST_NANOS);
    LONGS.getAndAdd(cells, cell, 1L);
    LONGS.getAndAdd(cells, SUM, nanos);
    if ((long) LONGS.getOpaque(cells, NESTED) != 0) {
      settle(cells, cell, nanos);
    }
    return nanos;
  }

  /**
   * Records the end of a nested call of a method that calls itself: it waits on the stripe for the
   * end of the outermost call it ran in ({@link #record}, {@link #recordUntimed} or {@link
   * #settleNested} on the same thread, hence the same stripe), whose duration and bucket it then
   * takes. So the count is exact once the outermost call has ended, and the histogram describes
   * whole operations rather than ever smaller parts of one; the nested frames hold no start time. A
   * call on another thread that shares the stripe may settle them first, with its own duration.
   */
  void recordNested() {
    LONGS.getAndAdd(stripe(), NESTED, 1L);
  }

  /**
   * Settles this thread's waiting nested calls with the duration of a call that ended elsewhere
   * (its outcome was an error, recorded in another histogram).
   */
  void settleNested(long nanos) {
    long[] cells = stripe();
    if ((long) LONGS.getOpaque(cells, NESTED) != 0) {
      settle(cells, cellOf(nanos), nanos);
    }
  }

  private static void settle(long[] cells, int cell, long nanos) {
    long waiting = (long) LONGS.getAndSet(cells, NESTED, 0L);
    if (waiting != 0) {
      LONGS.getAndAdd(cells, cell, waiting);
      LONGS.getAndAdd(cells, SUM, waiting * nanos);
    }
  }

  private static int cellOf(long nanos) {
    return nanos == 0 ? ZERO : FIRST_SLOT + DurationBuckets.slotOf(nanos);
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
    int cell = cellOf(nanos);
    LONGS.getAndAdd(cells, cell, 1L);
    LONGS.getAndAdd(cells, SUM, nanos);
    if (sampleMask != 0) { // only the governor's untimed calls read these
      LONGS.setOpaque(cells, LAST_NANOS, nanos);
      LONGS.setOpaque(cells, LAST_CELL, (long) cell);
    }
    if ((long) LONGS.getOpaque(cells, NESTED) != 0) {
      settle(cells, cell, nanos);
    }
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
