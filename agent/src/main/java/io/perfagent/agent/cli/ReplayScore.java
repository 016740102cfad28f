package io.perfagent.agent.cli;

import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.FindingKind;
import io.perfagent.core.detect.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Findings scored against point labels. Each run of label-1 points is an anomaly window, widened
 * NAB-style to 10 % of the series divided by the number of runs (half before, half after), merged
 * where they overlap. A detection is the opening of an anomaly while none is open on the series
 * (events, escalations, resolutions and a second kind on the same incident are not detections). A
 * window with a detection is a true positive, one without a false negative; a detection outside
 * every window is a false alarm. The NAB-style score: the earliest detection in a window earns the
 * scaled sigmoid 2/(1+e^(5y)) − 1 of its relative position y (−1 at the window's start, 0 at its
 * end); a false alarm costs 0.11 (scaled by how far it is past the preceding window); a missed
 * window costs 1.0; normalised to 100 for detecting every window at its start and 0 for detecting
 * nothing.
 */
final class ReplayScore {

  static final double FP_WEIGHT = 0.11;
  static final double FN_WEIGHT = 1.0;

  /** Cycles an outlier anomaly (which has no resolution) counts as open. */
  static final int OUTLIER_OPEN = 10;

  final int points;
  final int windows;
  final int truePositives;
  final int falseAlarms;
  final int label0Points;
  final List<Integer> delays = new ArrayList<>();
  final double raw;
  final double nullScore;
  final double perfect;

  private ReplayScore(
      int points,
      int windows,
      int tp,
      int fp,
      int label0,
      double raw,
      double nullScore,
      double perfect) {
    this.points = points;
    this.windows = windows;
    this.truePositives = tp;
    this.falseAlarms = fp;
    this.label0Points = label0;
    this.raw = raw;
    this.nullScore = nullScore;
    this.perfect = perfect;
  }

  /**
   * Scores the findings on {@code c}: anomalies of at least {@code minSeverity}, or with {@code
   * countEvents} also events (single outliers, process-wide events).
   */
  static ReplayScore of(
      Replay.Cycles c, List<Finding> findings, boolean countEvents, Severity minSeverity) {
    int n = c.ts.length;
    List<int[]> runs = new ArrayList<>();
    int label0 = 0;
    for (int i = 0; i < n; i++) {
      if (c.label[i] == 1) {
        int s = i;
        while (i + 1 < n && c.label[i + 1] == 1) {
          i++;
        }
        runs.add(new int[] {s, i});
      } else {
        label0++;
      }
    }
    List<int[]> wins = new ArrayList<>(); // {start, end, runStart}
    int width = runs.isEmpty() ? 0 : (int) (0.1 * n / runs.size());
    for (int[] r : runs) {
      int extra = Math.max(0, width - (r[1] - r[0] + 1));
      int s = Math.max(0, r[0] - extra / 2);
      int e = Math.min(n - 1, r[1] + extra - extra / 2);
      if (!wins.isEmpty() && s <= wins.get(wins.size() - 1)[1]) {
        wins.get(wins.size() - 1)[1] = Math.max(e, wins.get(wins.size() - 1)[1]);
      } else {
        wins.add(new int[] {s, e, r[0]});
      }
    }
    // One incident is one detection: an anomaly opened while another on the series is still
    // open (a step beside a persistent degradation, an escalation) is not a new alarm. Outlier
    // anomalies have no resolution; they count as open for their repeat window.
    List<Integer> detections = new ArrayList<>();
    Set<String> open = new HashSet<>();
    int openUntil = -1;
    for (Finding f : findings) {
      if (!f.series().equals(c.series) && !f.series().equals("process")) {
        continue;
      }
      int i = c.indexOf(f.timestamp());
      if (i < 0) {
        continue;
      }
      if (f.isResolved()) {
        open.remove(f.id());
        continue;
      }
      boolean counts = (countEvents || f.isAnomaly()) && f.severity().compareTo(minSeverity) >= 0;
      if (!counts) {
        continue;
      }
      boolean busy = !open.isEmpty() || i <= openUntil;
      if (f.isAnomaly() && f.kind() == FindingKind.OUTLIER) {
        openUntil = Math.max(openUntil, i + OUTLIER_OPEN);
      } else if (f.isAnomaly()) {
        open.add(f.id());
      }
      if (!busy) {
        detections.add(i);
      }
    }
    detections.sort(null);
    boolean[] hit = new boolean[wins.size()];
    double raw = 0;
    int fp = 0;
    List<Integer> delays = new ArrayList<>();
    for (int d : detections) {
      int w = windowOf(wins, d);
      if (w >= 0) {
        if (!hit[w]) {
          hit[w] = true;
          int[] win = wins.get(w);
          raw += sigmoid(relative(win, d));
          delays.add(d - win[2]);
        }
        continue;
      }
      fp++;
      int prev = -1;
      for (int k = 0; k < wins.size(); k++) {
        if (wins.get(k)[1] < d) {
          prev = k;
        }
      }
      double cost = prev < 0 ? 1 : -sigmoid(relative(wins.get(prev), d));
      raw -= FP_WEIGHT * cost;
    }
    int tp = 0;
    double perfect = 0;
    for (int w = 0; w < wins.size(); w++) {
      perfect += sigmoid(relative(wins.get(w), wins.get(w)[0]));
      if (hit[w]) {
        tp++;
      } else {
        raw -= FN_WEIGHT;
      }
    }
    ReplayScore s =
        new ReplayScore(n, wins.size(), tp, fp, label0, raw, -FN_WEIGHT * wins.size(), perfect);
    s.delays.addAll(delays);
    return s;
  }

  private static int windowOf(List<int[]> wins, int i) {
    for (int k = 0; k < wins.size(); k++) {
      if (wins.get(k)[0] <= i && i <= wins.get(k)[1]) {
        return k;
      }
    }
    return -1;
  }

  /** −1 at the window's first cycle … 0 at its last, positive after it. */
  private static double relative(int[] win, int i) {
    double len = win[1] - win[0] + 1;
    return (i - win[1]) / len;
  }

  private static double sigmoid(double y) {
    return 2 / (1 + Math.exp(5 * y)) - 1;
  }

  /** The scores of several series taken together (their counts and NAB sums added up). */
  static ReplayScore sum(List<ReplayScore> scores) {
    int points = 0;
    int windows = 0;
    int tp = 0;
    int fp = 0;
    int label0 = 0;
    double raw = 0;
    double nullScore = 0;
    double perfect = 0;
    List<Integer> delays = new ArrayList<>();
    for (ReplayScore s : scores) {
      points += s.points;
      windows += s.windows;
      tp += s.truePositives;
      fp += s.falseAlarms;
      label0 += s.label0Points;
      raw += s.raw;
      nullScore += s.nullScore;
      perfect += s.perfect;
      delays.addAll(s.delays);
    }
    ReplayScore total = new ReplayScore(points, windows, tp, fp, label0, raw, nullScore, perfect);
    total.delays.addAll(delays);
    return total;
  }

  double precision() {
    int d = truePositives + falseAlarms;
    return d == 0 ? Double.NaN : truePositives / (double) d;
  }

  double recall() {
    return windows == 0 ? Double.NaN : truePositives / (double) windows;
  }

  /** Median cycles from a labelled run's start to its first detection; NaN when none. */
  double medianDelay() {
    if (delays.isEmpty()) {
      return Double.NaN;
    }
    List<Integer> d = new ArrayList<>(delays);
    d.sort(null);
    int h = d.size() / 2;
    return d.size() % 2 == 1 ? d.get(h) : (d.get(h - 1) + d.get(h)) / 2.0;
  }

  /** 100 × (raw − null) / (perfect − null); NaN without windows. */
  double normalized() {
    return windows == 0 ? Double.NaN : 100 * (raw - nullScore) / (perfect - nullScore);
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "windows %d, detected %d, false alarms %d (on %d label-0"
            + " points), precision %s, recall %s, median delay %s cycles, NAB-style score %s"
            + " (raw %.2f)",
        windows,
        truePositives,
        falseAlarms,
        label0Points,
        fmt(precision()),
        fmt(recall()),
        fmt(medianDelay()),
        fmt(normalized()),
        raw);
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }
}
