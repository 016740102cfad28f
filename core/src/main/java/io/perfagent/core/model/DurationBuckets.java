package io.perfagent.core.model;

/**
 * The bucket layout every duration histogram records into: the OpenTelemetry base-2 exponential
 * layout at scale 3 over seconds. Bucket {@code i} holds durations in {@code (2^(i/8),
 * 2^((i+1)/8)]} seconds, so each bucket is 9.05 % wide and a value read back as its bucket's
 * geometric middle is off by at most 4.4 %.
 *
 * <p>Recording in the export layout means an exponential histogram leaves the process exactly as
 * recorded, and explicit buckets are derived from it at collection time.
 *
 * <p>Slots cover 1 ns to 2^13 s (about 2 h 16 min); longer durations land in the last slot (their
 * sum stays exact). Zero-length durations, possible with a coarse clock, have a slot of their own.
 */
public final class DurationBuckets {

  /** The exponential histogram scale: 2^3 = 8 buckets per power of two. */
  public static final int SCALE = 3;

  /** The bucket index of 1 ns: 1e-9 s lies in (2^(-240/8), 2^(-239/8)]. */
  public static final int MIN_INDEX = -240;

  /** The bucket index whose upper bound is 2^13 s. */
  public static final int MAX_INDEX = 13 * 8 - 1;

  /** How many duration slots a histogram has (zero not included). */
  public static final int SLOTS = MAX_INDEX - MIN_INDEX + 1;

  private static final int SUB_BUCKETS = 1 << SCALE;
  private static final int TABLE_BITS = 6;
  private static final int MANTISSA_BITS = 52;
  private static final long MANTISSA_MASK = (1L << MANTISSA_BITS) - 1;

  /** BOUNDARY[k]: the mantissa of 2^(k/8); k = 0..8 (k = 8 is beyond every mantissa). */
  private static final long[] BOUNDARY = new long[SUB_BUCKETS + 1];

  /**
   * For each cell of the top {@value #TABLE_BITS} mantissa bits, how many boundaries lie below the
   * cell's start. A cell is narrower than a bucket, so at most one more boundary lies inside it.
   */
  private static final byte[] BOUNDARIES_BELOW = new byte[1 << TABLE_BITS];

  /** Per slot: the bucket's upper bound and geometric middle, in seconds (Math.pow is slow). */
  private static final double[] UPPER_SECONDS = new double[SLOTS];

  private static final double[] MIDDLE_SECONDS = new double[SLOTS];

  static {
    for (int slot = 0; slot < SLOTS; slot++) {
      UPPER_SECONDS[slot] = upperBoundSeconds(indexOf(slot));
      MIDDLE_SECONDS[slot] = middleSeconds(indexOf(slot));
    }
    for (int k = 0; k < SUB_BUCKETS; k++) {
      BOUNDARY[k] = (long) ((Math.pow(2, k / (double) SUB_BUCKETS) - 1) * (1L << MANTISSA_BITS));
    }
    BOUNDARY[SUB_BUCKETS] = Long.MAX_VALUE;
    for (int cell = 0; cell < BOUNDARIES_BELOW.length; cell++) {
      long cellStart = (long) cell << (MANTISSA_BITS - TABLE_BITS);
      int below = 0;
      while (below + 1 < SUB_BUCKETS && BOUNDARY[below + 1] < cellStart) {
        below++;
      }
      BOUNDARIES_BELOW[cell] = (byte) below;
    }
  }

  private DurationBuckets() {}

  /**
   * The slot ({@code 0 .. SLOTS-1}) of a duration of at least one nanosecond. Branch-light and
   * allocation-free: a multiply, a table look-up and one comparison.
   */
  public static int slotOf(long nanos) {
    long bits = Double.doubleToRawLongBits(nanos * 1e-9);
    int exponent = (int) (bits >>> MANTISSA_BITS) - 1023;
    long mantissa = bits & MANTISSA_MASK;
    int index;
    if (mantissa == 0) {
      index = exponent * SUB_BUCKETS - 1; // an exact power of two closes the bucket below
    } else {
      int below = BOUNDARIES_BELOW[(int) (mantissa >>> (MANTISSA_BITS - TABLE_BITS))];
      if (mantissa > BOUNDARY[below + 1]) {
        below++;
      }
      index = exponent * SUB_BUCKETS + below;
    }
    return Math.min(Math.max(index, MIN_INDEX), MAX_INDEX) - MIN_INDEX;
  }

  /** The exponential bucket index of a slot. */
  public static int indexOf(int slot) {
    return slot + MIN_INDEX;
  }

  /** The upper bound, in seconds, of the bucket with the given exponential index. */
  public static double upperBoundSeconds(int index) {
    return Math.pow(2, (index + 1) / (double) SUB_BUCKETS);
  }

  /** The upper bound of a slot's bucket, in seconds; a table look-up. */
  public static double slotUpperSeconds(int slot) {
    return UPPER_SECONDS[slot];
  }

  /** The lower bound of a slot's bucket, in seconds; a table look-up. */
  public static double slotLowerSeconds(int slot) {
    return slot == 0 ? upperBoundSeconds(MIN_INDEX - 1) : UPPER_SECONDS[slot - 1];
  }

  /** The geometric middle of a slot's bucket, in seconds; a table look-up. */
  public static double slotMiddleSeconds(int slot) {
    return MIDDLE_SECONDS[slot];
  }

  /** The geometric middle, in seconds, of the bucket with the given exponential index. */
  public static double middleSeconds(int index) {
    return Math.pow(2, (index + 0.5) / SUB_BUCKETS);
  }
}
