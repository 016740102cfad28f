package io.perfagent.core.detect;

/**
 * The last {@code capacity} log-residuals of one series (log value minus log baseline, or the log
 * value when there is no baseline), as floats: 4 bytes per cycle kept.
 */
final class RecentValues {

  private final float[] ring;
  private int next;
  private int size;

  RecentValues(int capacity) {
    ring = new float[capacity];
  }

  int size() {
    return size;
  }

  /** Forgets every value. */
  void clear() {
    next = 0;
    size = 0;
  }

  void add(double v) {
    ring[next] = (float) v;
    next = (next + 1) % ring.length;
    if (size < ring.length) {
      size++;
    }
  }

  /** Copies the newest {@code n} values (oldest first) into {@code into}; returns how many. */
  int newest(int n, double[] into) {
    int k = Math.min(n, size);
    int start = next - k;
    for (int i = 0; i < k; i++) {
      int idx = start + i;
      into[i] = ring[idx < 0 ? idx + ring.length : idx];
    }
    return k;
  }
}
