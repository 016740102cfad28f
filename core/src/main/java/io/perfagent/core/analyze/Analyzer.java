package io.perfagent.core.analyze;

import io.perfagent.core.model.MethodSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One analysis cycle at a time: takes the cycle from the cumulative recorders, judges every method
 * (its p95) and every indicator (its cycle value) against its rolling baseline, and learns what was
 * not degraded. Deterministic: time is whatever the caller passes, so a week of cycles replays in
 * milliseconds.
 *
 * <p>Not thread-safe: one analysis thread owns it.
 */
public final class Analyzer {

  /** Prefixes of the series keys in {@link #baselineStates()}. */
  public static final String METHOD_PREFIX = "method:";

  public static final String INDICATOR_PREFIX = "indicator:";

  private AnalysisSettings settings;
  private final CycleTaker taker = new CycleTaker();
  private final Map<String, Tracked> series = new LinkedHashMap<>();

  /**
   * The methods' entries of {@link #series} by bare name: the registry hands out the same name
   * instance every cycle, so this look-up hashes and compares nothing, where the prefixed key would
   * be built, hashed and compared in full for every method of every cycle.
   */
  private final Map<String, Tracked> methodsByName = new HashMap<>();

  private long untracked;

  public Analyzer(AnalysisSettings settings) {
    this.settings = settings;
  }

  /**
   * Judges from the next cycle on with other level rules and pinning (a configuration reload). The
   * baselines learnt so far stay; window, time zone and series cap cannot change.
   */
  public void reconfigure(LevelRules rules, boolean pinned) {
    settings =
        AnalysisSettings.create(
                rules, settings.windowHours(), settings.zoneOffsetSeconds(), settings.maxSeries())
            .pinned(pinned);
  }

  /** Takes the cycle that ended at {@code epochMillis} from cumulative series, and judges it. */
  public CycleReport analyze(
      long epochMillis,
      double intervalSeconds,
      List<MethodSeries> cumulative,
      List<IndicatorValue> indicators) {
    return judge(epochMillis, intervalSeconds, taker.take(cumulative, intervalSeconds), indicators);
  }

  /** Judges a cycle already summarised (replay and rebuild from history). */
  public CycleReport judge(
      long epochMillis,
      double intervalSeconds,
      List<MethodCycle> methods,
      List<IndicatorValue> indicators) {
    LevelRules rules = settings.rules();
    List<MethodResult> methodResults = new ArrayList<>(methods.size());
    for (MethodCycle m : methods) {
      methodResults.add(judgeMethod(epochMillis, m, rules));
    }
    List<IndicatorResult> indicatorResults = new ArrayList<>(indicators.size());
    for (IndicatorValue v : indicators) {
      indicatorResults.add(judgeIndicator(epochMillis, v, rules));
    }
    Level status = Level.INSUFFICIENT_DATA;
    List<Reason> reasons = new ArrayList<>();
    for (MethodResult r : methodResults) {
      status = Level.worst(status, r.level());
      if (r.level().isDegraded()) {
        reasons.add(new Reason(r.level(), r.change(), Describe.method(r)));
      }
    }
    for (IndicatorResult r : indicatorResults) {
      status = Level.worst(status, r.level());
      if (r.level().isDegraded()) {
        reasons.add(new Reason(r.level(), r.change(), Describe.indicator(r)));
      }
    }
    reasons.sort(
        Comparator.comparing((Reason r) -> r.level)
            .reversed()
            .thenComparing(Comparator.comparingDouble((Reason r) -> r.change).reversed()));
    List<String> lines = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      lines.add(r.text);
    }
    return new CycleReport(
        epochMillis, intervalSeconds, methodResults, indicatorResults, status, lines);
  }

  private MethodResult judgeMethod(long now, MethodCycle m, LevelRules rules) {
    if (!m.timed()) {
      return new MethodResult(m, BaselineView.EMPTY, Double.NaN, Level.INSUFFICIENT_DATA);
    }
    Tracked t = methodsByName.get(m.name());
    if (t == null) {
      t = tracked(METHOD_PREFIX + m.name());
      if (t != null) {
        methodsByName.put(m.name(), t);
      }
    }
    if (t == null) {
      return new MethodResult(m, BaselineView.EMPTY, Double.NaN, Level.INSUFFICIENT_DATA);
    }
    double floor = rules.methodFloorSeconds();
    t.baseline.closeHourIfDue(now, rules, floor);
    BaselineView view = t.baseline.expected(now);
    boolean enoughCalls = m.calls() >= rules.minCalls();
    LevelRules.Judgement j = rules.judge(m.p95Seconds(), view, floor, enoughCalls, t.previous);
    if (enoughCalls) {
      learn(t, now, m.p95Seconds(), j.level());
    }
    return new MethodResult(m, view, j.change(), j.level());
  }

  private IndicatorResult judgeIndicator(long now, IndicatorValue v, LevelRules rules) {
    Indicator indicator = v.indicator();
    if (!indicator.judged()) {
      return new IndicatorResult(
          indicator, v.value(), BaselineView.EMPTY, Double.NaN, Level.INSUFFICIENT_DATA);
    }
    Tracked t = tracked(INDICATOR_PREFIX + indicator.key());
    if (t == null) {
      return new IndicatorResult(
          indicator, v.value(), BaselineView.EMPTY, Double.NaN, Level.INSUFFICIENT_DATA);
    }
    t.baseline.closeHourIfDue(now, rules, indicator.floor());
    BaselineView view = t.baseline.expected(now);
    LevelRules.Judgement j = rules.judge(v.value(), view, indicator.floor(), true, t.previous);
    learn(t, now, v.value(), j.level());
    return new IndicatorResult(indicator, v.value(), view, j.change(), j.level());
  }

  /** Learns a value unless it is Moderate or worse: the baseline is frozen while degraded. */
  private void learn(Tracked t, long now, double value, Level level) {
    if (level.compareTo(Level.MODERATE) < 0 && !settings.pinned()) {
      t.baseline.learn(now, value);
    }
    if (level != Level.INSUFFICIENT_DATA) {
      t.previous = level;
    }
  }

  private @Nullable Tracked tracked(String key) {
    Tracked t = series.get(key);
    if (t == null) {
      if (series.size() >= settings.maxSeries()) {
        untracked++;
        return null;
      }
      t = new Tracked(new SeriesBaseline(settings.windowHours(), settings.zoneOffsetSeconds()));
      series.put(key, t);
    }
    return t;
  }

  /** How many times a series could not be tracked because of the cap. */
  public long untrackedCount() {
    return untracked;
  }

  /** How many series have a baseline. */
  public int seriesCount() {
    return series.size();
  }

  /** Bytes retained by the analysis state, roughly (for the memory budget). */
  public long retainedBytes() {
    long bytes = taker.retainedBytes();
    for (Map.Entry<String, Tracked> e : series.entrySet()) {
      bytes += 64 + 2L * e.getKey().length() + e.getValue().baseline.retainedBytes();
    }
    return bytes;
  }

  /** The baselines' state, keyed by {@link #METHOD_PREFIX} or {@link #INDICATOR_PREFIX} + name. */
  public Map<String, BaselineState> baselineStates() {
    Map<String, BaselineState> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tracked> e : series.entrySet()) {
      out.put(e.getKey(), new BaselineState(e.getValue().baseline.state()));
    }
    return out;
  }

  /** Restores baselines saved by {@link #baselineStates()}; replaces any already learned. */
  public void restore(Map<String, BaselineState> states) {
    for (Map.Entry<String, BaselineState> e : states.entrySet()) {
      if (series.size() >= settings.maxSeries() && !series.containsKey(e.getKey())) {
        untracked++;
        continue;
      }
      SeriesBaseline b = new SeriesBaseline(settings.windowHours(), settings.zoneOffsetSeconds());
      b.restore(e.getValue().state);
      series.put(e.getKey(), new Tracked(b));
    }
  }

  /** What one series' baseline expects at {@code epochMillis}; EMPTY when it is unknown. */
  public BaselineView expected(String key, long epochMillis) {
    Tracked t = series.get(key);
    return t == null ? BaselineView.EMPTY : t.baseline.expected(epochMillis);
  }

  private static final class Tracked {
    final SeriesBaseline baseline;
    @Nullable Level previous;

    Tracked(SeriesBaseline baseline) {
      this.baseline = baseline;
    }
  }

  private static final class Reason {
    final Level level;
    final double change;
    final String text;

    Reason(Level level, double change, String text) {
      this.level = level;
      this.change = change;
      this.text = text;
    }
  }
}
