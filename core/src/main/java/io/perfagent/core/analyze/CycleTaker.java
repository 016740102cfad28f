package io.perfagent.core.analyze;

import io.perfagent.core.model.DurationBuckets;
import io.perfagent.core.model.DurationSnapshot;
import io.perfagent.core.model.MethodSeries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns the recorders' cumulative series into what happened in each cycle: per method, the calls,
 * errors and latency summary since the previous call of {@link #take}. It remembers one compact
 * cumulative histogram per method; the per-call path is not touched.
 *
 * <p>Not thread-safe: one analysis thread calls it.
 */
public final class CycleTaker {

  private final Map<String, Previous> previous = new HashMap<>();

  /**
   * The cycle that ended now, from the cumulative series, for every method with at least one call
   * in it, in the order first seen.
   */
  public List<MethodCycle> take(List<MethodSeries> cumulative, double intervalSeconds) {
    Map<String, Totals> byMethod = new LinkedHashMap<>();
    for (MethodSeries s : cumulative) {
      byMethod.computeIfAbsent(s.functionName(), n -> new Totals()).add(s);
    }
    List<MethodCycle> out = new ArrayList<>();
    for (Map.Entry<String, Totals> e : byMethod.entrySet()) {
      Totals now = e.getValue();
      // Updated in place: one look-up per method and cycle, and no garbage but the histogram.
      Previous before = previous.computeIfAbsent(e.getKey(), k -> new Previous());
      long errors = now.errors - before.errors;
      MethodCycle cycle;
      if (now.timed()) {
        DurationSnapshot snapshot = now.snapshot();
        HistogramDelta d = HistogramDelta.between(before.durations, snapshot);
        cycle = MethodCycle.timed(e.getKey(), d, Math.max(0, errors), intervalSeconds);
        before.durations = CompactHistogram.of(snapshot);
      } else {
        long calls = now.calls - before.calls;
        cycle =
            MethodCycle.counted(
                e.getKey(), Math.max(0, calls), Math.max(0, errors), intervalSeconds);
        before.calls = now.calls;
        before.durations = null;
      }
      before.errors = now.errors;
      if (cycle.calls() > 0) {
        out.add(cycle);
      }
    }
    return out;
  }

  /** Methods remembered (for the memory budget). */
  public int size() {
    return previous.size();
  }

  /** Bytes retained, roughly. */
  public long retainedBytes() {
    long bytes = 0;
    for (Previous p : previous.values()) {
      bytes += 48 + (p.durations == null ? 0 : p.durations.retainedBytes());
    }
    return bytes;
  }

  private static final class Previous {
    long errors;
    long calls;
    @Nullable CompactHistogram durations;
  }

  /** One method's series summed over its error types. */
  private static final class Totals {
    long calls;
    long errors;

    /** The only snapshot so far: most methods have no failed calls, and need no copy. */
    @Nullable DurationSnapshot single;

    long @Nullable [] durations;
    long zero;
    long sum;

    void add(MethodSeries s) {
      calls += s.calls();
      if (s.errorType() != null) {
        errors += s.calls();
      }
      DurationSnapshot d = s.durations();
      if (d != null) {
        if (single == null && durations == null) {
          single = d;
          return;
        }
        if (durations == null) {
          durations = new long[DurationBuckets.SLOTS];
          DurationSnapshot first = single;
          single = null;
          if (first != null) {
            addSnapshot(first);
          }
        }
        addSnapshot(d);
      }
    }

    private void addSnapshot(DurationSnapshot d) {
      long[] counts = Objects.requireNonNull(durations, "allocated before the second snapshot");
      int first = d.firstSlot();
      if (first >= 0) {
        for (int slot = first, last = d.lastSlot(); slot <= last; slot++) {
          counts[slot] += d.slotCount(slot);
        }
      }
      zero += d.zeroCount();
      sum += d.sumNanos();
    }

    boolean timed() {
      return single != null || durations != null;
    }

    DurationSnapshot snapshot() {
      return single != null
          ? single
          : DurationSnapshot.create(Objects.requireNonNull(durations, "timed()"), zero, sum);
    }
  }
}
