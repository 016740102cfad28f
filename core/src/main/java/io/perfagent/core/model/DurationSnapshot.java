package io.perfagent.core.model;

import java.util.Arrays;

/**
 * The cumulative state of one duration histogram at one moment, in the {@link DurationBuckets}
 * layout. Immutable; the bucket array is owned by the snapshot.
 */
public final class DurationSnapshot {

  private static final long[] NONE = new long[0];

  /** The counts of slots {@link #firstSlot} to {@link #lastSlot}; the others hold none. */
  private final long[] rangeCounts;

  private final long zeroCount;
  private final long sumNanos;
  private final long count;
  private final int firstSlot;
  private final int lastSlot;

  private DurationSnapshot(int firstSlot, long[] rangeCounts, long zeroCount, long sumNanos) {
    this.rangeCounts = rangeCounts;
    this.zeroCount = zeroCount;
    this.sumNanos = sumNanos;
    this.firstSlot = rangeCounts.length == 0 ? -1 : firstSlot;
    this.lastSlot = rangeCounts.length == 0 ? -1 : firstSlot + rangeCounts.length - 1;
    long total = zeroCount;
    for (long c : rangeCounts) {
      total += c;
    }
    this.count = total;
  }

  /**
   * Creates a snapshot from the counts of every slot ({@code slotCounts} has length {@link
   * DurationBuckets#SLOTS}); it keeps only the populated range.
   */
  public static DurationSnapshot create(long[] slotCounts, long zeroCount, long sumNanos) {
    if (slotCounts.length != DurationBuckets.SLOTS) {
      throw new IllegalArgumentException(
          "slotCounts must have " + DurationBuckets.SLOTS + " slots, got " + slotCounts.length);
    }
    int first = 0;
    while (first < slotCounts.length && slotCounts[first] == 0) {
      first++;
    }
    int last = slotCounts.length - 1;
    while (last >= first && slotCounts[last] == 0) {
      last--;
    }
    long[] range = last < first ? NONE : Arrays.copyOfRange(slotCounts, first, last + 1);
    return new DurationSnapshot(first, range, zeroCount, sumNanos);
  }

  /**
   * Creates a snapshot that takes ownership of {@code rangeCounts}: the counts of slots {@code
   * firstSlot} onwards, whose first and last entries are not zero (the recorders know the range
   * they filled, and need not allocate every slot).
   */
  public static DurationSnapshot ofRange(
      int firstSlot, long[] rangeCounts, long zeroCount, long sumNanos) {
    int n = rangeCounts.length;
    if (n > 0
        && (firstSlot < 0
            || firstSlot + n > DurationBuckets.SLOTS
            || rangeCounts[0] == 0
            || rangeCounts[n - 1] == 0)) {
      throw new IllegalArgumentException(
          "a range of "
              + n
              + " slots from slot "
              + firstSlot
              + " must lie within the "
              + DurationBuckets.SLOTS
              + " slots and start and end with a count");
    }
    return new DurationSnapshot(firstSlot, rangeCounts, zeroCount, sumNanos);
  }

  /** Count in a slot. */
  public long slotCount(int slot) {
    int i = slot - firstSlot;
    return firstSlot >= 0 && i >= 0 && i < rangeCounts.length ? rangeCounts[i] : 0;
  }

  /** Durations of exactly zero. */
  public long zeroCount() {
    return zeroCount;
  }

  /** Every recorded duration, zero included. */
  public long count() {
    return count;
  }

  /** Exact sum of the recorded durations in nanoseconds. */
  public long sumNanos() {
    return sumNanos;
  }

  /** Exact sum of the recorded durations in seconds. */
  public double sumSeconds() {
    return sumNanos / 1e9;
  }

  /** The lowest non-empty slot, or -1 when no non-zero duration was recorded. */
  public int firstSlot() {
    return firstSlot;
  }

  /** The highest non-empty slot, or -1 when no non-zero duration was recorded. */
  public int lastSlot() {
    return lastSlot;
  }

  @Override
  public String toString() {
    return "DurationSnapshot{count="
        + count
        + ", sumNanos="
        + sumNanos
        + ", zero="
        + zeroCount
        + ", slots="
        + Arrays.stream(rangeCounts).filter(c -> c != 0).count()
        + " non-empty}";
  }
}
