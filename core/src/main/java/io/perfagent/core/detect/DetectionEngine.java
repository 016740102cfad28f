package io.perfagent.core.detect;

import io.perfagent.core.analyze.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * All detectors of one process, driven once per analysis cycle: {@link #observe} every method and
 * indicator with its judged {@link Observation}, feed the leak-tracked resources with {@link
 * #observeLeak}, then {@link #endCycle} returns the cycle's findings. When a cycle is process-wide,
 * the method-level findings of the degraded series are folded into one {@code process_wide}
 * finding; a resolution is passed on only for an anomaly that was passed on opening. Not
 * thread-safe: the analysis thread owns it. Memory: one {@link SeriesDetector} per series (about 1
 * KB), at most {@code maxSeries}; later series are counted in {@link #ignoredSeries()} and not
 * judged.
 */
public final class DetectionEngine {

  private final DetectorSettings s;
  private final double[] scratch;
  private final Map<String, SeriesDetector> series = new HashMap<>();
  private final Map<String, LeakDetector> leaks = new LinkedHashMap<>();
  private final ProcessWideDetector processWide;

  /** Ids of the anomalies shown open, so that a resolution is shown only for those. */
  private final Set<String> open = new HashSet<>();

  private final List<Finding> pending = new ArrayList<>();
  private final List<String> degradedNames = new ArrayList<>();
  private long cycleTs = Long.MIN_VALUE;
  private int judged;
  private long ignored;

  public DetectionEngine(DetectorSettings settings) {
    this.s = settings;
    this.scratch = new double[settings.window];
    this.processWide = new ProcessWideDetector(settings);
  }

  /** Starts a cycle ending at {@code epochMs}. */
  public void beginCycle(long epochMs) {
    pending.clear();
    degradedNames.clear();
    judged = 0;
    cycleTs = epochMs;
  }

  /** Judges one series for the current cycle. */
  public void observe(String name, Observation o) {
    SeriesDetector d = series.get(name);
    if (d == null) {
      if (series.size() >= s.maxSeries) {
        ignored++;
        return;
      }
      d = new SeriesDetector(name, s, scratch);
      series.put(name, d);
    }
    if (o.level() != Level.INSUFFICIENT_DATA) {
      judged++;
      if (o.level().isDegraded()) {
        degradedNames.add(name);
      }
    }
    pending.addAll(d.onCycle(o));
  }

  /**
   * Tracks {@code name} for leaks (heap after GC, RSS, threads, descriptors); {@code limit} NaN
   * when unknown. Calling it again updates the limit.
   */
  public void trackLeak(String name, String unit, double limit) {
    LeakDetector d = leaks.get(name);
    if (d == null) {
      leaks.put(name, new LeakDetector(name, unit, limit, s));
    } else {
      d.setLimit(limit);
    }
  }

  /** Feeds a tracked resource's value for the current cycle (ideally the cycle's minimum). */
  public void observeLeak(String name, double value) {
    LeakDetector d = leaks.get(name);
    if (d == null) {
      throw new IllegalArgumentException(
          "not tracked for leaks: '" + name + "'; call trackLeak first");
    }
    pending.addAll(d.onCycle(cycleTs, value));
  }

  /** Ends the cycle; returns its findings in a new list. */
  public List<Finding> endCycle() {
    List<Finding> out = new ArrayList<>(pending.size() + 1);
    int degraded = degradedNames.size();
    boolean wide = processWide.isProcessWide(degraded, judged);
    Set<String> degradedSet = wide ? new HashSet<>(degradedNames) : null;
    for (Finding f : pending) {
      boolean methodLevel =
          f.kind() == FindingKind.PERSISTENT_DEGRADATION
              || f.kind() == FindingKind.STEP_CHANGE
              || f.kind() == FindingKind.OUTLIER;
      if (degradedSet != null && methodLevel && degradedSet.contains(f.series())) { // wide
        continue; // folded into the process-wide finding
      }
      if (f.isResolved()) {
        if (open.remove(f.id())) {
          out.add(f); // only what was shown opening is shown closing
        }
        continue;
      }
      if (f.opensAnomaly() && f.kind() != FindingKind.OUTLIER) { // outlier anomalies never resolve
        open.add(f.id());
      }
      out.add(f);
    }
    if (open.size() > 8 * s.maxSeries) {
      open.clear(); // cannot happen with resolving detectors; a bound all the same
    }
    processWide.onCycle(cycleTs, degraded, judged, examples(), out);
    pending.clear();
    return out;
  }

  /** Series not judged because {@code maxSeries} were already tracked. */
  public long ignoredSeries() {
    return ignored;
  }

  private String examples() {
    if (degradedNames.isEmpty()) {
      return "";
    }
    int n = Math.min(3, degradedNames.size());
    return String.join(", ", degradedNames.subList(0, n)) + (degradedNames.size() > n ? ", …" : "");
  }
}
