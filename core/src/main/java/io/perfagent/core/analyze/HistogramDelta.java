package io.perfagent.core.analyze;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * The durations recorded in one cycle: the difference of two cumulative histograms in the {@link
 * DurationBuckets} layout, kept over the populated slot range only. Quantiles are read as the
 * geometric middle of the bucket that holds the rank, so each is known within 4.4 %.
 */
public final class HistogramDelta {

  private final int firstSlot;
  private final long[] counts;
  private final long zeroCount;
  private final long count;
  private final long sumNanos;

  HistogramDelta(int firstSlot, long[] counts, long zeroCount, long sumNanos) {
    this.firstSlot = firstSlot;
    this.counts = counts;
    this.zeroCount = zeroCount;
    this.sumNanos = sumNanos;
    long total = zeroCount;
    for (long c : counts) {
      total += c;
    }
    this.count = total;
  }

  /** The whole of a cumulative snapshot, as the delta from nothing. */
  public static HistogramDelta of(DurationSnapshot s) {
    return between(null, s);
  }

  /**
   * What {@code now} recorded since {@code before} (which may be {@code null}: nothing before).
   * Negative differences, impossible for cumulative counters, are clamped to zero.
   */
  public static HistogramDelta between(@Nullable CompactHistogram before, DurationSnapshot now) {
    int first = now.firstSlot();
    if (first < 0) {
      long zero = now.zeroCount() - (before == null ? 0 : before.zeroCount);
      long sum = now.sumNanos() - (before == null ? 0 : before.sumNanos);
      return new HistogramDelta(0, new long[0], Math.max(0, zero), Math.max(0, sum));
    }
    int last = now.lastSlot();
    long[] counts = new long[last - first + 1];
    for (int slot = first; slot <= last; slot++) {
      long c = now.slotCount(slot) - (before == null ? 0 : before.count(slot));
      counts[slot - first] = Math.max(0, c);
    }
    long zero = now.zeroCount() - (before == null ? 0 : before.zeroCount);
    long sum = now.sumNanos() - (before == null ? 0 : before.sumNanos);
    return new HistogramDelta(first, counts, Math.max(0, zero), Math.max(0, sum));
  }

  /** Durations in the cycle. */
  public long count() {
    return count;
  }

  /** Exact sum of the cycle's durations, in nanoseconds. */
  public long sumNanos() {
    return sumNanos;
  }

  /**
   * The {@code q}-quantile (0 &lt; q ≤ 1) in seconds: the bucket middle of the sample at rank
   * ⌈q·count⌉; NaN when the cycle recorded nothing.
   */
  public double quantileSeconds(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = zeroCount;
    if (rank <= seen) {
      return 0;
    }
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (rank <= seen) {
        return DurationBuckets.slotMiddleSeconds(firstSlot + i);
      }
    }
    return DurationBuckets.slotMiddleSeconds(firstSlot + counts.length - 1);
  }

  /**
   * The durations certainly longer than {@code seconds}: those in buckets that lie wholly above it.
   * Exact for the budget {@link #effectiveBoundSeconds(double)} (the first bucket boundary at or
   * above {@code seconds}, at most 9 % higher); the calls between the two are not counted.
   */
  public long countSlowerThan(double seconds) {
    long slow = 0;
    for (int i = counts.length - 1; i >= 0; i--) {
      if (DurationBuckets.slotLowerSeconds(firstSlot + i) < seconds) {
        break;
      }
      slow += counts[i];
    }
    return slow;
  }

  /** The bucket boundary {@link #countSlowerThan(double)} really counts from: the first ≥ it. */
  public static double effectiveBoundSeconds(double seconds) {
    for (int slot = 0; slot < DurationBuckets.SLOTS; slot++) {
      double lower = DurationBuckets.slotLowerSeconds(slot);
      if (lower >= seconds) {
        return lower;
      }
    }
    return DurationBuckets.slotUpperSeconds(DurationBuckets.SLOTS - 1);
  }

  /** The lower bound of the lowest populated bucket, in seconds (0 when a zero was recorded). */
  public double minSeconds() {
    if (count == 0) {
      return Double.NaN;
    }
    if (zeroCount > 0) {
      return 0;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        return DurationBuckets.slotLowerSeconds(firstSlot + i);
      }
    }
    return Double.NaN;
  }

  /** The upper bound of the highest populated bucket, in seconds. */
  public double maxSeconds() {
    if (count == 0) {
      return Double.NaN;
    }
    for (int i = counts.length - 1; i >= 0; i--) {
      if (counts[i] != 0) {
        return DurationBuckets.slotUpperSeconds(firstSlot + i);
      }
    }
    return 0;
  }

  /**
   * The standard deviation estimated from bucket middles (each value known within 4.4 %); NaN with
   * fewer than two durations.
   */
  public double stddevSeconds() {
    if (count < 2) {
      return Double.NaN;
    }
    double mean = sumNanos / 1e9 / count;
    double squares = zeroCount * mean * mean;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 0) {
        double d = DurationBuckets.slotMiddleSeconds(firstSlot + i) - mean;
        squares += counts[i] * d * d;
      }
    }
    return Math.sqrt(squares / (count - 1));
  }
}
