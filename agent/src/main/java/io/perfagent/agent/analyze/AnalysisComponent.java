package io.perfagent.agent.analyze;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.agent.store.HistoryWriter;
import io.perfagent.agent.store.StateDir;
import io.perfagent.api.PerfMetrics;
import io.perfagent.core.analyze.AnalysisSettings;
import io.perfagent.core.analyze.Analyzer;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.LevelRules;
import io.perfagent.core.detect.DetectorSettings;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Recommendation;
import io.perfagent.core.history.HistoryCodec;
import io.perfagent.core.model.MethodMetricsSource;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code perf.analysis.interval}, on the scheduler thread: takes the cycle from the recorders
 * and the sampler, judges it against the baselines, appends it to {@code perfwatch.jsonl}, and
 * saves the baselines now and then. At close it takes a last, partial cycle, so the history holds
 * every call, and saves the baselines.
 */
public final class AnalysisComponent implements Component {

  /** Baselines are saved at least this often (and at every close). */
  private static final long SAVE_EVERY_MILLIS = 5 * 60_000;

  private final AgentConfig config;
  private final MethodMetricsSource methods;
  private final ResourceIndicators indicators;
  private final StateDir stateDir;
  private final String service;
  private final String instance;
  private final Analyzer analyzer;
  private final Detections detections;
  private final int windowHours;
  private @Nullable HistoryWriter history;
  private volatile @Nullable CycleReport latest;
  private long lastCycleNanos;
  private long lastCycleMillis = Long.MIN_VALUE;
  private long lastSaveMillis;
  private Level lastStatus = Level.INSUFFICIENT_DATA;
  private boolean closed;
  private @Nullable AgentScheduler scheduler;
  private @Nullable ScheduledFuture<?> task;
  private long intervalMillis;

  /** Told about every cycle, on the scheduler thread (the alerts); null for none. */
  private volatile @Nullable CycleListener afterCycle;

  /** Told about each cycle once it is judged and recorded. */
  public interface CycleListener {
    /** Must not throw; runs on the scheduler thread, so it must be quick. */
    void cycle(CycleReport report, List<Finding> openAnomalies);
  }

  /** Recordings on critical anomalies; null when off. */
  private @Nullable JfrCapture jfr;

  /**
   * @param sampler the resource sampler, or {@code null} when sampling is off
   * @param stateDir where history and baseline live (it may be unavailable: then only in memory)
   */
  public AnalysisComponent(
      AgentConfig config,
      MethodMetricsSource methods,
      @Nullable ResourceSampler sampler,
      StateDir stateDir,
      String service,
      String instance) {
    this.config = config;
    this.methods = Objects.requireNonNull(methods, "methods");
    this.indicators = new ResourceIndicators(sampler, PerfMetrics::registered);
    this.stateDir = stateDir;
    this.service = service;
    this.instance = instance;
    this.windowHours = (int) Math.max(1, config.baselineWindowMillis() / 3_600_000);
    this.intervalMillis = config.analysisIntervalMillis();
    LevelRules rules = levelRules(config);
    this.detections =
        new Detections(
            DetectorSettings.builder()
                .persistCycles(config.detectPersistCycles())
                .stepMinEffect(config.detectStepMinEffect())
                .build(),
            service,
            windowText(windowHours));
    int offset =
        ZoneId.systemDefault().getRules().getOffset(java.time.Instant.now()).getTotalSeconds();
    this.analyzer =
        new Analyzer(
            AnalysisSettings.create(
                    rules,
                    windowHours,
                    offset,
                    Math.max(
                        1_000,
                        config.maxMethods() + ResourceIndicators.MAX_APPLICATION_GAUGES + 20))
                .pinned(config.baselinePinned()));
  }

  @Override
  public String name() {
    return "analysis";
  }

  @Override
  public synchronized void start(AgentScheduler scheduler) {
    lastCycleNanos = System.nanoTime();
    lastSaveMillis = System.currentTimeMillis();
    if (stateDir.isAvailable()) {
      AgentLog.info(
          BaselineFile.restore(analyzer, stateDir.path(), service)
              + "; history in "
              + stateDir.path().resolve(BaselineFile.HISTORY + ".jsonl"));
      history =
          new HistoryWriter(
              stateDir.path(),
              BaselineFile.HISTORY,
              config.historyMaxBytes(),
              config.historyFiles());
      if (config.jfrOnCritical()) {
        jfr = new JfrCapture(stateDir.path(), Duration.ofMillis(config.jfrDurationMillis()));
      }
    } else if (config.jfrOnCritical()) {
      AgentLog.warn(
          "perf.jfr.on-critical is on, but there is no state directory to record into;"
              + " no recordings will be taken");
    }
    this.scheduler = scheduler;
    task = scheduler.every("analysis", intervalMillis, this::cycle);
  }

  private static LevelRules levelRules(AgentConfig config) {
    double[] t = config.levelThresholds();
    return LevelRules.builder()
        .thresholds(t[0], t[1], t[2])
        .minCalls(config.levelMinCalls())
        .methodFloorSeconds(config.levelMinDeltaNanos() / 1e9)
        .build();
  }

  /**
   * Applies a reloaded configuration's live keys: the level thresholds, minimum calls and delta and
   * the baseline pin judge from the next cycle on (the baselines stay); a new interval takes effect
   * at once, the cycle in progress then ends at the first tick of the new interval, so no call is
   * lost and the cycle's length is measured, not assumed.
   */
  public synchronized void apply(AgentConfig next) {
    analyzer.reconfigure(levelRules(next), next.baselinePinned());
    long interval = next.analysisIntervalMillis();
    AgentScheduler s = scheduler;
    if (interval != intervalMillis && s != null && !closed) {
      ScheduledFuture<?> old = task;
      if (old != null) {
        old.cancel(false);
      }
      intervalMillis = interval;
      task = s.every("analysis", interval, this::cycle);
    }
  }

  /** The interval cycles are taken at now, in milliseconds. */
  public synchronized long intervalMillis() {
    return intervalMillis;
  }

  /** Takes and records one cycle; the scheduler calls it every interval. */
  public synchronized void cycle() {
    if (closed) {
      return;
    }
    long nanos = System.nanoTime();
    // Strictly later than the last cycle: the detectors ignore a cycle that is not (a clock
    // stepped back, or the last partial cycle at exit within the millisecond of a periodic one).
    long now = Math.max(System.currentTimeMillis(), lastCycleMillis + 1);
    lastCycleMillis = now;
    double interval = (nanos - lastCycleNanos) / 1e9;
    lastCycleNanos = nanos;
    CycleReport report = analyzer.analyze(now, interval, methods.collect(), indicators.take());
    latest = report;
    Detections.Result found = detections.cycle(report, indicators.memoryLimitBytes());
    if (history != null) {
      history.append(
          HistoryCodec.line(
              report, service, instance, json(found.findings), json(found.recommendations)));
    }
    logStatusChange(report);
    logFindings(found.findings);
    CycleListener listener = afterCycle;
    if (listener != null) {
      try {
        listener.cycle(report, detections.open());
      } catch (Throwable failure) {
        AgentLog.warnEvery("cycle-listener", 600_000, "alert evaluation failed: " + failure);
      }
    }
    if (jfr != null) {
      jfr.onFindings(found.findings, now);
    }
    if (now - lastSaveMillis >= SAVE_EVERY_MILLIS) {
      save(now);
    }
  }

  private static String windowText(int hours) {
    return hours % 24 == 0 ? hours / 24 + (hours == 24 ? " day" : " days") : hours + " h";
  }

  private static List<String> json(List<?> items) {
    List<String> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(
          item instanceof Finding ? ((Finding) item).toJson() : ((Recommendation) item).toJson());
    }
    return out;
  }

  /** One line per anomaly opened or resolved; events (a single spike) only at debug. */
  private static void logFindings(List<Finding> findings) {
    for (Finding f : findings) {
      if (f.opensAnomaly()) {
        AgentLog.warn(
            "anomaly "
                + f.kind().id()
                + " ("
                + f.severity().label()
                + ") on "
                + f.series()
                + ": "
                + f.evidence());
      } else if (f.isResolved()) {
        AgentLog.info("resolved " + f.kind().id() + " on " + f.series() + ": " + f.evidence());
      } else {
        AgentLog.debug("event " + f.kind().id() + " on " + f.series() + ": " + f.evidence());
      }
    }
  }

  /** Sets the one listener told about every cycle (the alerts). */
  public void afterEachCycle(CycleListener listener) {
    this.afterCycle = listener;
  }

  /** Anomalies opened so far, by {@code kind|severity}, for export. */
  public java.util.Map<String, Long> anomalyCounts() {
    return detections.anomalyCounts();
  }

  /** The anomalies open now. */
  public List<Finding> openFindings() {
    return detections.open();
  }

  /** The latest cycle's recommendations. */
  public List<Recommendation> recommendations() {
    return detections.recommendations();
  }

  private void logStatusChange(CycleReport report) {
    Level status = report.status();
    if (status != lastStatus && (status.isDegraded() || lastStatus.isDegraded())) {
      String why =
          report.reasons().isEmpty()
              ? ""
              : ": "
                  + report.reasons().get(0)
                  + (report.reasons().size() > 1
                      ? " (and " + (report.reasons().size() - 1) + " more)"
                      : "");
      if (status.compareTo(Level.MODERATE) >= 0) {
        AgentLog.warn("status " + status.label() + why);
      } else {
        AgentLog.info("status " + status.label() + why);
      }
    }
    if (status != Level.INSUFFICIENT_DATA) {
      lastStatus = status;
    }
  }

  private void save(long now) {
    lastSaveMillis = now;
    if (stateDir.isAvailable()) {
      BaselineFile.save(analyzer, stateDir.path(), service, windowHours, now);
    }
  }

  /** The latest cycle's report, or {@code null} before the first. */
  public @Nullable CycleReport latest() {
    return latest;
  }

  /** Takes a last cycle (so the history holds every call), saves the baseline, closes files. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      cycle();
      save(System.currentTimeMillis());
    } catch (Throwable failure) {
      AgentLog.warn("the last analysis cycle failed: " + failure);
    } finally {
      closed = true;
      if (history != null) {
        history.close();
        long dropped = history.droppedLines();
        if (dropped > 0) {
          AgentLog.warn(dropped + " history lines could not be written to " + history.file());
        }
      }
    }
  }
}
