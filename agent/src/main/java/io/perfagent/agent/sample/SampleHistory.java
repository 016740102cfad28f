package io.perfagent.agent.sample;

/**
 * Recent values of the key indicators for the local views: the last hour at the sampling interval
 * and the last 24 hours as one-minute averages, in fixed-size rings of primitives.
 *
 * <p>Memory: {@link Series#values()} × (samples per hour + 1440) × 8 bytes; at the default 10 s
 * interval, 6 series × (360 + 1440) × 8 B ≈ 86 KB, allocated once.
 */
public final class SampleHistory {

  /** The indicators kept. */
  public enum Series {
    RSS_BYTES,
    HEAP_USED_BYTES,
    CPU_UTILIZATION,
    THREADS,
    OPEN_FILE_DESCRIPTORS,
    IO_LATENCY_SECONDS,
    HEAP_AFTER_GC_BYTES,
    /** The share of the interval spent in GC pauses, 0..1. */
    GC_TIME_FRACTION
  }

  private final Ring[] recent = new Ring[Series.values().length];
  private final Ring[] minutes = new Ring[Series.values().length];
  private final double[] minuteSum = new double[Series.values().length];
  private final int[] minuteCount = new int[Series.values().length];
  private final int samplesPerMinute;

  SampleHistory(long intervalMillis) {
    int perHour = (int) Math.max(1, 3_600_000 / intervalMillis);
    this.samplesPerMinute = (int) Math.max(1, 60_000 / intervalMillis);
    for (int i = 0; i < recent.length; i++) {
      recent[i] = new Ring(perHour);
      minutes[i] = new Ring(1440);
    }
  }

  synchronized void add(Series series, double value) {
    int i = series.ordinal();
    recent[i].add(value);
    if (!Double.isNaN(value)) {
      minuteSum[i] += value;
      minuteCount[i]++;
    }
    if (recent[i].added % samplesPerMinute == 0) {
      minutes[i].add(minuteCount[i] == 0 ? Double.NaN : minuteSum[i] / minuteCount[i]);
      minuteSum[i] = 0;
      minuteCount[i] = 0;
    }
  }

  /** The last hour at the sampling interval, oldest first (NaN where a reading was missing). */
  public synchronized double[] lastHour(Series series) {
    return recent[series.ordinal()].toArray();
  }

  /** The last 24 hours as one-minute averages, oldest first. */
  public synchronized double[] lastDay(Series series) {
    return minutes[series.ordinal()].toArray();
  }

  /** A fixed-capacity ring of doubles. */
  static final class Ring {
    private final double[] values;
    private int next;
    long added;

    Ring(int capacity) {
      values = new double[capacity];
    }

    void add(double v) {
      values[next] = v;
      next = (next + 1) % values.length;
      added++;
    }

    double[] toArray() {
      int size = (int) Math.min(added, values.length);
      double[] out = new double[size];
      int start = (next - size + values.length) % values.length;
      for (int i = 0; i < size; i++) {
        out[i] = values[(start + i) % values.length];
      }
      return out;
    }
  }
}
