package io.perfagent.agent.cli;

import io.perfagent.core.analyze.Level;
import io.perfagent.core.detect.DetectionEngine;
import io.perfagent.core.detect.DetectorSettings;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Observation;
import io.perfagent.core.detect.SeasonalLevels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Feeds recorded series through the same {@link DetectionEngine} the agent runs, one cycle per
 * recorded timestamp (or per {@code interval}, the median of the points in it). Points without a
 * level (a CSV) are classified by a {@link SeasonalLevels} per series (hour of day once three days
 * are known, like the analysis' baseline). Holds the series in memory: replay files are bounded (a
 * history file rotates at 1 MB).
 */
final class Replay {

  /** One series' cycles after aggregation. */
  static final class Cycles {
    final String series;
    final long[] ts;
    final double[] value;
    final int[] label;
    final boolean labelled;

    /** The points as recorded, when they carry the agent's levels (a history file), else null. */
    final ReplayPoint @Nullable [] recorded;

    Cycles(String series, long[] ts, double[] value, int[] label, boolean labelled) {
      this(series, ts, value, label, labelled, null);
    }

    Cycles(
        String series,
        long[] ts,
        double[] value,
        int[] label,
        boolean labelled,
        ReplayPoint @Nullable [] recorded) {
      this.series = series;
      this.ts = ts;
      this.value = value;
      this.label = label;
      this.labelled = labelled;
      this.recorded = recorded;
    }

    /** The index of the cycle at {@code epochMs}, or -1. */
    int indexOf(long epochMs) {
      int i = Arrays.binarySearch(ts, epochMs);
      return i >= 0 ? i : -1;
    }
  }

  private final DetectorSettings settings;
  private final long intervalMs;
  private final Map<String, List<ReplayPoint>> points = new LinkedHashMap<>();

  Replay(DetectorSettings settings, long intervalMs) {
    this.settings = settings;
    this.intervalMs = intervalMs;
  }

  void accept(ReplayPoint p) {
    points.computeIfAbsent(p.series, k -> new ArrayList<>()).add(p);
  }

  /** The series as cycles, in input order. */
  List<Cycles> cycles() {
    List<Cycles> out = new ArrayList<>();
    for (Map.Entry<String, List<ReplayPoint>> e : points.entrySet()) {
      out.add(aggregate(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Runs the detectors over every series; returns all findings in time order. */
  List<Finding> run() {
    List<Cycles> all = cycles();
    TreeMap<Long, List<int[]>> byTime = new TreeMap<>();
    for (int s = 0; s < all.size(); s++) {
      for (int i = 0; i < all.get(s).ts.length; i++) {
        byTime.computeIfAbsent(all.get(s).ts[i], k -> new ArrayList<>()).add(new int[] {s, i});
      }
    }
    SeasonalLevels[] levels = new SeasonalLevels[all.size()];
    for (int s = 0; s < levels.length; s++) {
      levels[s] = new SeasonalLevels(settings.twoSided());
    }
    DetectionEngine engine = new DetectionEngine(settings);
    List<Finding> findings = new ArrayList<>();
    for (Map.Entry<Long, List<int[]>> cycle : byTime.entrySet()) {
      engine.beginCycle(cycle.getKey());
      for (int[] si : cycle.getValue()) {
        Cycles c = all.get(si[0]);
        double v = c.value[si[1]];
        if (c.recorded != null) {
          // A history file: judged as the agent judged it then, with the same baselines.
          ReplayPoint p = c.recorded[si[1]];
          Level recorded = Objects.requireNonNull(p.level, "a history point carries its level");
          engine.observe(
              c.series,
              p.calls >= 0
                  ? Observation.method(p.timestamp, v, recorded, p.baseline, p.calls, p.errors)
                  : Observation.of(p.timestamp, v, recorded, p.baseline));
          continue;
        }
        Level level = levels[si[0]].classify(c.ts[si[1]], v);
        engine.observe(c.series, Observation.of(c.ts[si[1]], v, level, levels[si[0]].baseline()));
      }
      findings.addAll(engine.endCycle());
    }
    return findings;
  }

  private Cycles aggregate(String series, List<ReplayPoint> ps) {
    boolean labelled = ps.get(0).label >= 0;
    if (intervalMs <= 0) {
      long[] ts = new long[ps.size()];
      double[] v = new double[ps.size()];
      int[] l = new int[ps.size()];
      boolean withLevels = true;
      for (int i = 0; i < ts.length; i++) {
        ts[i] = ps.get(i).timestamp;
        v[i] = ps.get(i).value;
        l[i] = Math.max(0, ps.get(i).label);
        withLevels &= ps.get(i).level != null;
      }
      return new Cycles(
          series, ts, v, l, labelled, withLevels ? ps.toArray(new ReplayPoint[0]) : null);
    }
    List<Long> ts = new ArrayList<>();
    List<Double> vs = new ArrayList<>();
    List<Integer> ls = new ArrayList<>();
    int from = 0;
    while (from < ps.size()) {
      long bucket = Math.floorDiv(ps.get(from).timestamp, intervalMs);
      int to = from;
      int label = 0;
      while (to < ps.size() && Math.floorDiv(ps.get(to).timestamp, intervalMs) == bucket) {
        label = Math.max(label, ps.get(to).label);
        to++;
      }
      double[] group = new double[to - from];
      for (int i = from; i < to; i++) {
        group[i - from] = ps.get(i).value;
      }
      Arrays.sort(group);
      int h = group.length / 2;
      ts.add(bucket * intervalMs);
      vs.add(group.length % 2 == 1 ? group[h] : (group[h - 1] + group[h]) / 2);
      ls.add(label);
      from = to;
    }
    long[] t = new long[ts.size()];
    double[] v = new double[ts.size()];
    int[] l = new int[ts.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = ts.get(i);
      v[i] = vs.get(i);
      l[i] = ls.get(i);
    }
    return new Cycles(series, t, v, l, labelled);
  }
}
