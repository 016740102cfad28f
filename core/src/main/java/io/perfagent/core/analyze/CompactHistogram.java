package io.perfagent.core.analyze;

import io.perfagent.core.model.DurationSnapshot;

/**
 * A cumulative duration histogram kept over its populated slot range only: what the cycle taker
 * remembers of each method between cycles (typically a few dozen slots, not all 344).
 */
public final class CompactHistogram {

  final int firstSlot;
  final long[] counts;
  final long zeroCount;
  final long sumNanos;

  private CompactHistogram(int firstSlot, long[] counts, long zeroCount, long sumNanos) {
    this.firstSlot = firstSlot;
    this.counts = counts;
    this.zeroCount = zeroCount;
    this.sumNanos = sumNanos;
  }

  /** A compact copy of a cumulative snapshot. */
  public static CompactHistogram of(DurationSnapshot s) {
    int first = s.firstSlot();
    if (first < 0) {
      return new CompactHistogram(0, new long[0], s.zeroCount(), s.sumNanos());
    }
    int last = s.lastSlot();
    long[] counts = new long[last - first + 1];
    for (int slot = first; slot <= last; slot++) {
      counts[slot - first] = s.slotCount(slot);
    }
    return new CompactHistogram(first, counts, s.zeroCount(), s.sumNanos());
  }

  /** The cumulative count in a slot (0 outside the kept range). */
  long count(int slot) {
    int i = slot - firstSlot;
    return i >= 0 && i < counts.length ? counts[i] : 0;
  }

  /** Bytes retained, roughly: for the memory budget. */
  long retainedBytes() {
    return 16 + 16 + 8L * counts.length + 24;
  }
}
