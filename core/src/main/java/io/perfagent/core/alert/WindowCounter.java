package io.perfagent.core.alert;

/**
 * Two counts (all events, bad events) summed over sliding time windows, kept in a ring of fixed
 * time slots: memory is {@code 16 × slots} bytes whatever the rate. A window is read at slot
 * resolution: it holds the slots that started after {@code now − window}, so it is at most one slot
 * short. Not thread-safe.
 */
final class WindowCounter {

  private final long slotMillis;
  private final long[] total;
  private final long[] bad;

  /** The absolute slot number held at each ring position (Long.MIN_VALUE: empty). */
  private final long[] slotOf;

  WindowCounter(long slotMillis, int slots) {
    if (slotMillis <= 0 || slots <= 0) {
      throw new IllegalArgumentException("slot width and count must be positive");
    }
    this.slotMillis = slotMillis;
    this.total = new long[slots];
    this.bad = new long[slots];
    this.slotOf = new long[slots];
    java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
  }

  /** How far back this counter can see. */
  long spanMillis() {
    return slotMillis * total.length;
  }

  void add(long epochMillis, long all, long bads) {
    long slot = Math.floorDiv(epochMillis, slotMillis);
    int i = (int) Math.floorMod(slot, (long) total.length);
    if (slotOf[i] != slot) {
      slotOf[i] = slot;
      total[i] = 0;
      bad[i] = 0;
    }
    total[i] += all;
    bad[i] += bads;
  }

  /** {@code {total, bad}} over the window ending at {@code nowMillis}. */
  long[] sum(long nowMillis, long windowMillis) {
    long newest = Math.floorDiv(nowMillis, slotMillis);
    long oldest = Math.floorDiv(nowMillis - windowMillis, slotMillis) + 1;
    long[] out = new long[2];
    if (newest - oldest + 1 < total.length) {
      // A short window: visit only its slots, not the whole ring.
      for (long s = Math.max(oldest, newest - total.length + 1); s <= newest; s++) {
        int i = (int) Math.floorMod(s, (long) total.length);
        if (slotOf[i] == s) {
          out[0] += total[i];
          out[1] += bad[i];
        }
      }
      return out;
    }
    for (int i = 0; i < total.length; i++) {
      long s = slotOf[i];
      if (s >= oldest && s <= newest) {
        out[0] += total[i];
        out[1] += bad[i];
      }
    }
    return out;
  }
}
