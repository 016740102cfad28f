package io.perfagent.core.detect;

/** The last {@code capacity} non-negative counts, saturated at Integer.MAX_VALUE; 4 bytes each. */
final class IntRing {

  private final int[] ring;
  private int next;
  private int size;

  IntRing(int capacity) {
    ring = new int[capacity];
  }

  int size() {
    return size;
  }

  void add(long v) {
    ring[next] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, v));
    next = (next + 1) % ring.length;
    if (size < ring.length) {
      size++;
    }
  }

  long sum() {
    long t = 0;
    for (int i = 0; i < size; i++) {
      t += ring[i];
    }
    return t;
  }

  double median(double[] scratch) {
    for (int i = 0; i < size; i++) {
      scratch[i] = ring[i];
    }
    return RobustStats.medianInPlace(scratch, size);
  }
}
