package io.perfagent.exporter;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The positive buckets of an exponential histogram point derived from a {@link DurationSnapshot}:
 * the recorded scale when the populated range fits in {@link #MAX_BUCKETS}, otherwise the largest
 * lower scale at which it fits (each step down merges neighbouring pairs).
 */
final class ExponentialBuckets {

  /** The OpenTelemetry SDK's default maximum bucket count for exponential histograms. */
  static final int MAX_BUCKETS = 160;

  final int scale;
  final int offset;
  final List<Long> counts;

  private ExponentialBuckets(int scale, int offset, List<Long> counts) {
    this.scale = scale;
    this.offset = offset;
    this.counts = counts;
  }

  static ExponentialBuckets of(DurationSnapshot snapshot) {
    int first = snapshot.firstSlot();
    if (first < 0) {
      return new ExponentialBuckets(DurationBuckets.SCALE, 0, Collections.emptyList());
    }
    int last = snapshot.lastSlot();
    int low = DurationBuckets.indexOf(first);
    int high = DurationBuckets.indexOf(last);
    int shift = 0;
    // An arithmetic shift is the exact index mapping from scale s to scale s-1, negatives too.
    while ((high >> shift) - (low >> shift) + 1 > MAX_BUCKETS) {
      shift++;
    }
    int offset = low >> shift;
    long[] merged = new long[(high >> shift) - offset + 1];
    for (int slot = first; slot <= last; slot++) {
      merged[(DurationBuckets.indexOf(slot) >> shift) - offset] += snapshot.slotCount(slot);
    }
    List<Long> counts = new ArrayList<>(merged.length);
    for (long c : merged) {
      counts.add(c);
    }
    return new ExponentialBuckets(DurationBuckets.SCALE - shift, offset, counts);
  }
}
