package io.perfagent.exporter;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Derives explicit-bucket counts from a {@link DurationSnapshot}. Each recorded slot is counted in
 * the explicit bucket that holds the slot's geometric middle, so a duration within 4.4 % of an
 * explicit boundary may be counted on the other side of it; everything else is exact.
 */
public final class ExplicitBuckets {

  /**
   * The default boundaries, in seconds: 1-2.5-5 steps from 1 µs to 10 s, then 30 s and 60 s. Method
   * latencies span microseconds (a cache hit) to minutes (a batch job); HTTP-oriented defaults that
   * start at 5 ms would put every fast method in one bucket.
   */
  public static final List<Double> DEFAULT_BOUNDARIES_SECONDS =
      Collections.unmodifiableList(
          Arrays.asList(
              0.000001, 0.0000025, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005,
              0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
              60.0));

  private final List<Double> boundaries;
  private final int[] bucketOfSlot;

  private ExplicitBuckets(List<Double> boundaries) {
    this.boundaries = boundaries;
    this.bucketOfSlot = new int[DurationBuckets.SLOTS];
    for (int slot = 0; slot < bucketOfSlot.length; slot++) {
      double middle = DurationBuckets.middleSeconds(DurationBuckets.indexOf(slot));
      int bucket = 0;
      while (bucket < boundaries.size() && boundaries.get(bucket) < middle) {
        bucket++;
      }
      bucketOfSlot[slot] = bucket;
    }
  }

  /** Explicit buckets with the given strictly increasing boundaries in seconds. */
  public static ExplicitBuckets of(List<Double> boundariesSeconds) {
    List<Double> copy = Collections.unmodifiableList(new ArrayList<>(boundariesSeconds));
    for (int i = 1; i < copy.size(); i++) {
      if (!(copy.get(i) > copy.get(i - 1))) {
        throw new IllegalArgumentException("boundaries must increase strictly: " + copy);
      }
    }
    return new ExplicitBuckets(copy);
  }

  /** Explicit buckets with {@link #DEFAULT_BOUNDARIES_SECONDS}. */
  public static ExplicitBuckets defaults() {
    return of(DEFAULT_BOUNDARIES_SECONDS);
  }

  /** The boundaries, in seconds. */
  public List<Double> boundaries() {
    return boundaries;
  }

  /** Counts per explicit bucket ({@code boundaries().size() + 1} of them). */
  public List<Long> counts(DurationSnapshot snapshot) {
    long[] counts = new long[boundaries.size() + 1];
    counts[0] += snapshot.zeroCount();
    int last = snapshot.lastSlot();
    for (int slot = Math.max(0, snapshot.firstSlot()); slot <= last; slot++) {
      counts[bucketOfSlot[slot]] += snapshot.slotCount(slot);
    }
    List<Long> result = new ArrayList<>(counts.length);
    for (long c : counts) {
      result.add(c);
    }
    return result;
  }
}
