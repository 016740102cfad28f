package io.perfagent.exporter;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;

/** Builds snapshots from plain durations for tests. */
final class Snapshots {

  private Snapshots() {}

  static DurationSnapshot of(long... nanos) {
    long[] slots = new long[DurationBuckets.SLOTS];
    long zero = 0;
    long sum = 0;
    for (long n : nanos) {
      if (n == 0) {
        zero++;
      } else {
        slots[DurationBuckets.slotOf(n)]++;
      }
      sum += n;
    }
    return DurationSnapshot.create(slots, zero, sum);
  }
}
