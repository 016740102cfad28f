package io.perfagent.core.detect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Every per-cycle detector of one series, fed one {@link Observation} per cycle in time order:
 * persistent degradation (from the observation's level), robust outliers and step changes (on the
 * log of value/baseline), and for methods (observations with calls) error ratio and throughput
 * drops. Not thread-safe; one instance per series.
 *
 * <p>Memory is bounded by the window: {@code window} floats of recent log-residuals and 3 × {@code
 * window} ints of recent counts, plus constant state — about 1 KB per series at the default window
 * of 48.
 */
public final class SeriesDetector {

  /** Values at or below zero (a gap reported as 0) are judged as this much. */
  private static final double TINY = 1e-9;

  private final String series;
  private final DetectorSettings s;
  private final RecentValues recent;
  private final PersistenceDetector persistence;
  private final OutlierDetector outliers;
  private final StepDetector steps;
  private final double[] scratch;
  private @Nullable ErrorRatioDetector errors;
  private @Nullable ThroughputDetector throughput;
  private final List<Finding> buf = new ArrayList<>(4);
  private long cycle;
  private long lastTs = Long.MIN_VALUE;

  /** Whether the residuals in {@link #recent} are against a baseline (else raw log values). */
  private boolean recentHasBaseline;

  /** How often a full window's median and MAD are recomputed, in cycles. */
  static final int REFRESH_CYCLES = 4;

  private double windowMedian;
  private double windowMad;
  private long statsCycle = -1;

  /** A detector for {@code series} (a method name or indicator key). */
  public SeriesDetector(String series, DetectorSettings settings) {
    this(series, settings, new double[settings.window]);
  }

  /** Shares {@code scratch} (at least {@code window} long) with the other series of an engine. */
  SeriesDetector(String series, DetectorSettings settings, double[] scratch) {
    this.series = series;
    this.s = settings;
    this.recent = new RecentValues(settings.window);
    this.persistence = new PersistenceDetector(settings);
    this.outliers = new OutlierDetector(settings);
    this.steps = new StepDetector(settings);
    this.scratch = scratch;
  }

  public String series() {
    return series;
  }

  /**
   * Judges one cycle; returns the findings it produced (usually none: an immutable empty list).
   * Observations must come in increasing time order; one out of order is ignored.
   */
  public List<Finding> onCycle(Observation o) {
    if (o.timestamp() <= lastTs || Double.isNaN(o.value())) {
      return Collections.emptyList();
    }
    lastTs = o.timestamp();
    List<Finding> buf = this.buf;
    buf.clear();
    if (o.hasBaseline() != recentHasBaseline) {
      // Residuals against a baseline and raw log values are different scales: never mix them
      // (a series judged only once its baseline exists would otherwise look like an outlier).
      recent.clear();
      statsCycle = -1;
      recentHasBaseline = o.hasBaseline();
    }
    double scaleBack = o.hasBaseline() ? o.baseline() : 1;
    double r = Math.log(Math.max(o.value(), TINY)) - Math.log(scaleBack);
    int n = recent.size();
    if (n >= Math.min(8, s.window)) {
      // The window's median and MAD move by at most one value a cycle: once the window is full
      // they are refreshed every REFRESH_CYCLES cycles, which halves the detectors' cost.
      if (n < s.window || cycle - statsCycle >= REFRESH_CYCLES || statsCycle < 0) {
        int k = recent.newest(s.window, scratch);
        windowMedian = RobustStats.medianInPlace(scratch, k);
        windowMad = RobustStats.madInPlace(scratch, k, windowMedian);
        statsCycle = cycle;
      }
      double median = windowMedian;
      double mad = windowMad;
      double sd = RobustStats.MAD_TO_SD * Math.max(mad, s.madFloor);
      persistence.onCycle(series, o, o.hasBaseline() ? r / sd : Double.POSITIVE_INFINITY, buf);
      outliers.onCycle(series, o, cycle, r, median, mad, scaleBack, buf);
      recent.add(r);
      steps.onCycle(
          series, o, cycle, r, o.hasBaseline() ? 0 : median, sd, scaleBack, recent, scratch, buf);
    } else {
      persistence.onCycle(series, o, Double.POSITIVE_INFINITY, buf);
      recent.add(r);
    }
    if (o.hasCalls()) {
      ErrorRatioDetector e = errors;
      ThroughputDetector t = throughput;
      if (e == null || t == null) {
        errors = e = new ErrorRatioDetector(s);
        throughput = t = new ThroughputDetector(s, scratch);
      }
      e.onCycle(series, o, buf);
      t.onCycle(series, o, buf);
    }
    cycle++;
    return buf.isEmpty() ? Collections.emptyList() : new ArrayList<>(buf);
  }

  /** Whether a persistent-degradation anomaly is open on this series. */
  public boolean isDegraded() {
    return persistence.isOpen();
  }
}
