package io.perfagent.core.detect;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Leaks in a resource that should level off: heap used after GC, RSS, threads, descriptors. The
 * series is reduced to minima per bucket of 1/{@value #BUCKETS} of the window (so a GC saw-tooth
 * leaves only its floor), and over the last window (default 60 min; judged once it spans the
 * minimum, default 30 min) a Theil–Sen slope is gated by a Mann–Kendall trend test and a least
 * growth per hour relative to the level. Severity comes from the time left to the limit (-Xmx,
 * cgroup memory, the descriptor limit), info when no limit is known. Opens once, escalates when the
 * time left shrinks into a worse severity, closes after {@code persistCycles} judgements without
 * the gate. Memory: {@value #BUCKETS} buckets plus scratch, about 17 KB per series, so it is meant
 * for the handful of resource series, not for every method.
 */
public final class LeakDetector {

  static final int BUCKETS = 60;

  private final String series;
  private final String unit;
  private final DetectorSettings s;
  private final long bucketMs;
  private final long[] times = new long[BUCKETS + 1];
  private final double[] mins = new double[BUCKETS + 1];
  private int first;
  private int count;
  private final double[] t = new double[BUCKETS + 1];
  private final double[] x = new double[BUCKETS + 1];
  private final double[] pairs = new double[(BUCKETS + 1) * BUCKETS / 2];
  private double limit;
  private @Nullable Severity open;
  private long openSince;
  private int clearRun;

  /**
   * A detector for {@code series} in {@code unit} ("By" formats as MB), with {@code limit} the
   * value at which it fails (NaN when unknown).
   */
  public LeakDetector(String series, String unit, double limit, DetectorSettings settings) {
    this.series = series;
    this.unit = unit;
    this.s = settings;
    this.limit = limit;
    this.bucketMs = Math.max(1, settings.leakWindowMs / BUCKETS);
  }

  /** The limit may become known (or change) after start: a cgroup read, a pool MXBean. */
  public void setLimit(double limit) {
    this.limit = limit;
  }

  /** Feeds one cycle's value (ideally its minimum); returns findings, usually none. */
  public List<Finding> onCycle(long epochMs, double value) {
    if (Double.isNaN(value)) {
      return Collections.emptyList();
    }
    long bucket = Math.floorDiv(epochMs, bucketMs);
    int last = (first + count - 1) % times.length;
    if (count > 0 && Math.floorDiv(times[last], bucketMs) == bucket) {
      if (value <= mins[last]) {
        mins[last] = value;
        times[last] = epochMs;
      }
    } else if (count > 0 && epochMs <= times[last]) {
      return Collections.emptyList();
    } else {
      if (count == times.length) {
        first = (first + 1) % times.length;
        count--;
      }
      int idx = (first + count) % times.length;
      times[idx] = epochMs;
      mins[idx] = value;
      count++;
    }
    return judge(epochMs, value);
  }

  private List<Finding> judge(long now, double value) {
    int n = 0;
    long t0 = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      int idx = (first + i) % times.length;
      if (times[idx] < now - s.leakWindowMs) {
        continue;
      }
      if (t0 == Long.MIN_VALUE) {
        t0 = times[idx];
      }
      t[n] = (times[idx] - t0) / 60_000.0;
      x[n] = mins[idx];
      n++;
    }
    if (n < 8 || now - t0 < s.leakMinSpanMs) {
      return Collections.emptyList();
    }
    double z = RobustStats.mannKendallZ(x, n, pairs);
    double tNow = (now - t0) / 60_000.0;
    double slopePerMin = RobustStats.theilSen(t, x, n, pairs);
    double level = levelAt(0, n, slopePerMin, tNow);
    if (z >= s.leakTrendZ && slopePerMin > 0) {
      // A leak that began inside the window bends it like a hockey stick; the latest min-span
      // (or half of it) gives the better rate and level for the time left.
      for (long span = s.leakMinSpanMs; span >= s.leakMinSpanMs / 2; span /= 2) {
        int from = n;
        while (from > 0 && t[from - 1] >= t[n - 1] - span / 60_000.0) {
          from--;
        }
        if (n - from >= 8) {
          double[] tt = Arrays.copyOfRange(t, from, n);
          double[] xx = Arrays.copyOfRange(x, from, n);
          double recent = RobustStats.theilSen(tt, xx, n - from, pairs);
          if (recent > slopePerMin) {
            slopePerMin = recent;
            level = levelAt(from, n, slopePerMin, tNow);
          }
        }
      }
    }
    double perHour = slopePerMin * 60;
    boolean leak =
        z >= s.leakTrendZ && slopePerMin > 0 && perHour >= s.leakMinGrowthPerHour * Math.abs(level);
    if (!leak) {
      if (open != null && ++clearRun >= s.persistCycles) {
        Finding f =
            base(now, perHour, level, -1)
                .resolved()
                .severity(open)
                .since(openSince)
                .evidence(
                    "no significant upward trend any more (Mann–Kendall z "
                        + String.format(Locale.ROOT, "%.1f", z)
                        + ")")
                .build();
        open = null;
        clearRun = 0;
        return Collections.singletonList(f);
      }
      return Collections.emptyList();
    }
    clearRun = 0;
    long ttl = -1;
    Severity sev = Severity.INFO;
    if (!Double.isNaN(limit) && limit > 0) {
      ttl = level >= limit ? 0 : (long) ((limit - level) / slopePerMin * 60_000);
      sev =
          ttl <= s.leakCriticalMs
              ? Severity.CRITICAL
              : ttl <= s.leakWarningMs ? Severity.WARNING : Severity.INFO;
    }
    if (open != null && sev.compareTo(open) <= 0) {
      return Collections.emptyList();
    }
    boolean escalation = open != null;
    if (!escalation) {
      openSince = t0;
    }
    open = sev;
    String limitText =
        ttl < 0
            ? "no known limit"
            : "limit " + amount(limit) + " reached in about " + Fmt.duration(ttl);
    Finding f =
        base(now, perHour, level, ttl)
            .severity(sev)
            .since(openSince)
            .threshold(limit)
            .evidence(
                (escalation ? "escalated: " : "")
                    + amount(perHour)
                    + " per hour (Theil–Sen over "
                    + Fmt.duration(now - t0)
                    + " of per-"
                    + Fmt.duration(bucketMs)
                    + " minima, Mann–Kendall z "
                    + String.format(Locale.ROOT, "%.1f", z)
                    + "), now "
                    + amount(level)
                    + "; "
                    + limitText)
            .build();
    return Collections.singletonList(f);
  }

  /** The Theil–Sen line's value at {@code tNow}: the median intercept of points [from, n). */
  private double levelAt(int from, int n, double slope, double tNow) {
    int m = 0;
    for (int i = from; i < n; i++) {
      pairs[m++] = x[i] - slope * t[i];
    }
    return RobustStats.medianInPlace(pairs, m) + slope * tNow;
  }

  private Finding.Builder base(long now, double perHour, double level, long ttl) {
    return Finding.builder(FindingKind.LEAK, series)
        .timestamp(now)
        .value(perHour)
        .baseline(level)
        .timeToLimitMs(ttl);
  }

  private String amount(double v) {
    if ("By".equals(unit)) {
      return String.format(Locale.ROOT, "%.1f MB", v / (1024 * 1024));
    }
    return Fmt.num(v) + (unit.isEmpty() ? "" : " " + unit);
  }
}
