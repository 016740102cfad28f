package io.perfagent.core.analyze;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The rolling baseline of one series (a method's p95, or a resource indicator's cycle value).
 *
 * <p>It learns one value per cycle and rolls each hour's cycles up into one hourly value (their
 * median), keeping the hourly values of the window (7 days: 168) in a ring. What it expects is the
 * median and MAD of the hourly values — of the same hour of day once three days of history exist,
 * so a daily rhythm is not a degradation — or, before three hours are rolled up, of the last
 * cycles. An hour whose value is itself Moderate or worse against the baseline is kept but marked
 * excluded, and the analyzer does not feed it Moderate or Critical cycles either: a regression
 * never becomes the new normal.
 *
 * <p>Bounded: about {@code 9 × windowHours + 8 × 64} bytes whatever the cycle length (an hour of
 * one-second cycles is evenly thinned to at most 64 values). Not thread-safe.
 */
public final class SeriesBaseline {

  static final int HOUR_BUFFER = 64;
  static final int RECENT_CYCLES = 64;
  private static final long HOUR_MILLIS = 3_600_000L;
  private static final int SEASONAL_SPAN_HOURS = 72;

  private final int windowHours;
  private final int zoneOffsetSeconds;

  // Hourly rollups, a ring ordered by time.
  private final int[] hourEpoch;
  private final float[] hourValue;
  private final short[] hourCycles;
  private final boolean[] hourExcluded;
  private int hours;
  private int hourNext;

  // The hour being filled, thinned evenly when it has more cycles than the buffer holds.
  private long currentHour = Long.MIN_VALUE;
  private final float[] hourBuffer = new float[HOUR_BUFFER];
  private int buffered;
  private int stride = 1;
  private int cyclesThisHour;

  // The last cycles, for the first hours.
  private final float[] recent = new float[RECENT_CYCLES];
  private int recentSize;
  private int recentNext;

  private long firstLearnedMillis = -1;
  private @Nullable BaselineView cached;
  private long cachedHour = Long.MIN_VALUE;

  SeriesBaseline(int windowHours, int zoneOffsetSeconds) {
    if (windowHours < 1) {
      throw new IllegalArgumentException("windowHours must be at least 1, got " + windowHours);
    }
    this.windowHours = windowHours;
    this.zoneOffsetSeconds = zoneOffsetSeconds;
    this.hourEpoch = new int[windowHours];
    this.hourValue = new float[windowHours];
    this.hourCycles = new short[windowHours];
    this.hourExcluded = new boolean[windowHours];
  }

  /**
   * Learns one cycle's value. Call {@link #closeHourIfDue} first, so the hour that ended is judged
   * before the new one starts.
   */
  void learn(long epochMillis, double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return;
    }
    if (firstLearnedMillis < 0) {
      firstLearnedMillis = epochMillis;
    }
    currentHour = epochMillis / HOUR_MILLIS;
    recent[recentNext] = (float) value;
    recentNext = (recentNext + 1) % RECENT_CYCLES;
    recentSize = Math.min(recentSize + 1, RECENT_CYCLES);
    if (cyclesThisHour++ % stride == 0) {
      if (buffered == HOUR_BUFFER) {
        for (int i = 0; i < HOUR_BUFFER / 2; i++) {
          hourBuffer[i] = hourBuffer[2 * i];
        }
        buffered = HOUR_BUFFER / 2;
        stride *= 2;
      }
      hourBuffer[buffered++] = (float) value;
    }
    invalidateIfCycles();
  }

  /**
   * Rolls the hour being filled up into an hourly value when {@code epochMillis} lies in a later
   * hour. The value is marked excluded when {@code rules} judge it Moderate or worse.
   */
  void closeHourIfDue(long epochMillis, LevelRules rules, double floor) {
    long hour = epochMillis / HOUR_MILLIS;
    if (buffered == 0 || hour == currentHour) {
      return;
    }
    double value = median(hourBuffer, buffered);
    BaselineView before = expected(currentHour * HOUR_MILLIS);
    Level level = rules.judge(value, before, floor, true, null).level();
    addHour((int) currentHour, (float) value, cyclesThisHour, level.compareTo(Level.MODERATE) >= 0);
    buffered = 0;
    stride = 1;
    cyclesThisHour = 0;
  }

  private void addHour(int epochHour, float value, int cycles, boolean excluded) {
    hourEpoch[hourNext] = epochHour;
    hourValue[hourNext] = value;
    hourCycles[hourNext] = (short) Math.min(cycles, Short.MAX_VALUE);
    hourExcluded[hourNext] = excluded;
    hourNext = (hourNext + 1) % windowHours;
    hours = Math.min(hours + 1, windowHours);
    cached = null;
  }

  /** What the baseline expects at {@code epochMillis}. */
  BaselineView expected(long epochMillis) {
    long hour = epochMillis / HOUR_MILLIS;
    if (cached != null && cachedHour == hour) {
      return cached;
    }
    BaselineView view = compute(hour);
    cached = view;
    cachedHour = hour;
    return view;
  }

  private void invalidateIfCycles() {
    if (cached != null
        && cached.source() != BaselineView.Source.HOURS
        && cached.source() != BaselineView.Source.HOUR_OF_DAY) {
      cached = null;
    }
  }

  private BaselineView compute(long nowHour) {
    float[] values = new float[hours];
    int n = 0;
    long oldest = Long.MAX_VALUE;
    long newest = Long.MIN_VALUE;
    for (int i = 0; i < hours; i++) {
      if (!hourExcluded[i] && hourEpoch[i] > nowHour - windowHours && hourEpoch[i] <= nowHour) {
        values[n++] = hourValue[i];
        oldest = Math.min(oldest, hourEpoch[i]);
        newest = Math.max(newest, hourEpoch[i]);
      }
    }
    if (n >= 3) {
      if (newest - oldest >= SEASONAL_SPAN_HOURS) {
        int slot = hourOfDay(nowHour);
        float[] same = new float[n];
        int m = 0;
        for (int i = 0; i < hours; i++) {
          if (!hourExcluded[i]
              && hourEpoch[i] > nowHour - windowHours
              && hourEpoch[i] <= nowHour
              && hourOfDay(hourEpoch[i]) == slot) {
            same[m++] = hourValue[i];
          }
        }
        if (m >= 3) {
          return view(same, m, true, oldest * HOUR_MILLIS, BaselineView.Source.HOUR_OF_DAY);
        }
      }
      return view(values, n, false, oldest * HOUR_MILLIS, BaselineView.Source.HOURS);
    }
    if (recentSize == 0) {
      return BaselineView.EMPTY;
    }
    return view(recent.clone(), recentSize, false, firstLearnedMillis, BaselineView.Source.CYCLES);
  }

  private int hourOfDay(long epochHour) {
    long local = epochHour + Math.floorDiv(zoneOffsetSeconds, 3600);
    return (int) Math.floorMod(local, 24L);
  }

  private static BaselineView view(
      float[] values, int n, boolean seasonal, long oldest, BaselineView.Source source) {
    double median = median(values, n);
    float[] deviations = new float[n];
    for (int i = 0; i < n; i++) {
      deviations[i] = (float) Math.abs(values[i] - median);
    }
    return new BaselineView(median, median(deviations, n), n, seasonal, oldest, source);
  }

  /** The median of the first {@code n} values; sorts them in place. */
  static double median(float[] values, int n) {
    Arrays.sort(values, 0, n);
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + (double) values[n / 2]) / 2;
  }

  /** Bytes retained, roughly. */
  long retainedBytes() {
    return 120 + windowHours * (4L + 4 + 2 + 1) + 4L * (HOUR_BUFFER + RECENT_CYCLES) + 64;
  }

  // ---- persistence: a plain snapshot of the state, for the baseline file ----

  /** The state to persist. */
  State state() {
    State s = new State();
    s.hourEpochs = new int[hours];
    s.hourValues = new float[hours];
    s.hourCycles = new int[hours];
    s.hourExcluded = new boolean[hours];
    int start = hours < windowHours ? 0 : hourNext;
    for (int i = 0; i < hours; i++) {
      int j = (start + i) % windowHours;
      s.hourEpochs[i] = hourEpoch[j];
      s.hourValues[i] = hourValue[j];
      s.hourCycles[i] = hourCycles[j];
      s.hourExcluded[i] = hourExcluded[j];
    }
    s.recent = new float[recentSize];
    int rs = recentSize < RECENT_CYCLES ? 0 : recentNext;
    for (int i = 0; i < recentSize; i++) {
      s.recent[i] = recent[(rs + i) % RECENT_CYCLES];
    }
    s.currentHour = buffered == 0 ? -1 : currentHour;
    s.hourBuffer = Arrays.copyOf(hourBuffer, buffered);
    s.stride = stride;
    s.cyclesThisHour = cyclesThisHour;
    s.firstLearnedMillis = firstLearnedMillis;
    return s;
  }

  /** Restores persisted state (oldest hours beyond this window are dropped). */
  void restore(State s) {
    int from = Math.max(0, s.hourEpochs.length - windowHours);
    for (int i = from; i < s.hourEpochs.length; i++) {
      addHour(s.hourEpochs[i], s.hourValues[i], s.hourCycles[i], s.hourExcluded[i]);
    }
    for (float v : s.recent) {
      recent[recentNext] = v;
      recentNext = (recentNext + 1) % RECENT_CYCLES;
      recentSize = Math.min(recentSize + 1, RECENT_CYCLES);
    }
    if (s.currentHour >= 0 && s.hourBuffer.length > 0) {
      currentHour = s.currentHour;
      buffered = Math.min(s.hourBuffer.length, HOUR_BUFFER);
      System.arraycopy(s.hourBuffer, 0, hourBuffer, 0, buffered);
      stride = Math.max(1, s.stride);
      cyclesThisHour = Math.max(buffered, s.cyclesThisHour);
    }
    firstLearnedMillis = s.firstLearnedMillis;
    cached = null;
  }

  /** Hourly values rolled up so far (excluded ones included), oldest first. */
  int hourCount() {
    return hours;
  }

  /** A plain copy of a baseline's state, oldest first; arrays of one length per group. */
  static final class State {
    int[] hourEpochs = new int[0];
    float[] hourValues = new float[0];
    int[] hourCycles = new int[0];
    boolean[] hourExcluded = new boolean[0];
    float[] recent = new float[0];
    long currentHour = -1;
    float[] hourBuffer = new float[0];
    int stride = 1;
    int cyclesThisHour;
    long firstLearnedMillis = -1;
  }
}
