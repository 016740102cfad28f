package io.perfagent.core.model;

import java.util.Arrays;

/**
 * The cumulative state of one duration histogram at one moment, in the {@link DurationBuckets}
 * layout. Immutable; the bucket array is owned by the snapshot.
 */
public final class DurationSnapshot {

  private final long[] slotCounts;
  private final long zeroCount;
  private final long sumNanos;
  private final long count;
  private final int firstSlot;
  private final int lastSlot;

  private DurationSnapshot(long[] slotCounts, long zeroCount, long sumNanos) {
    this.slotCounts = slotCounts;
    this.zeroCount = zeroCount;
    this.sumNanos = sumNanos;
    long total = zeroCount;
    int first = -1;
    int last = -1;
    for (int i = 0; i < slotCounts.length; i++) {
      long c = slotCounts[i];
      if (c != 0) {
        total += c;
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    this.count = total;
    this.firstSlot = first;
    this.lastSlot = last;
  }

  /**
   * Creates a snapshot that takes ownership of {@code slotCounts} (length {@link
   * DurationBuckets#SLOTS}).
   */
  public static DurationSnapshot create(long[] slotCounts, long zeroCount, long sumNanos) {
    if (slotCounts.length != DurationBuckets.SLOTS) {
      throw new IllegalArgumentException(
          "slotCounts must have " + DurationBuckets.SLOTS + " slots, got " + slotCounts.length);
    }
    return new DurationSnapshot(slotCounts, zeroCount, sumNanos);
  }

  /** Count in a slot. */
  public long slotCount(int slot) {
    return slotCounts[slot];
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
    return "DurationSnapshot{count=" + count + ", sumNanos=" + sumNanos + ", zero=" + zeroCount
        + ", slots=" + Arrays.stream(slotCounts).filter(c -> c != 0).count() + " non-empty}";
  }
}
