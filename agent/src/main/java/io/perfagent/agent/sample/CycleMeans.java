package io.perfagent.agent.sample;

/**
 * Sums of each indicator's samples since the last analysis cycle, so a cycle is judged on the mean
 * of its samples rather than on whichever one came last. Guarded by the sampler's lock.
 */
final class CycleMeans {

  /** The indicators averaged, in this order. */
  enum Slot {
    RSS,
    PEAK_RSS,
    HEAP_AFTER_GC,
    CPU,
    THREADS,
    FILE_DESCRIPTORS,
    IO_LATENCY
  }

  private final double[] sums = new double[Slot.values().length];
  private final int[] counts = new int[Slot.values().length];

  void add(Slot slot, double value) {
    if (!Double.isNaN(value) && value >= 0) {
      sums[slot.ordinal()] += value;
      counts[slot.ordinal()]++;
    }
  }

  /** The means since the last drain (NaN where nothing was sampled), then starts over. */
  double[] drain() {
    double[] means = new double[sums.length];
    for (int i = 0; i < sums.length; i++) {
      means[i] = counts[i] == 0 ? Double.NaN : sums[i] / counts[i];
      sums[i] = 0;
      counts[i] = 0;
    }
    return means;
  }
}
