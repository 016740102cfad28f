package io.perfagent.agent.analyze;

import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.detect.Advisor;
import io.perfagent.core.detect.AdvisorInput;
import io.perfagent.core.detect.DetectionEngine;
import io.perfagent.core.detect.DetectorSettings;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Observation;
import io.perfagent.core.detect.Recommendation;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detectors and the advisor over each judged cycle: every method's p95 and calls and every
 * judged indicator go to the {@link DetectionEngine}; heap after GC, RSS, threads and descriptors
 * are also tracked for leaks against their limits (max heap, cgroup memory limit, fd limit). Open
 * anomalies are kept until resolved, anomalies are counted by kind and severity for export, and the
 * advisor turns what is open into recommendations. Owned by the analysis thread.
 */
final class Detections {

  /** What one cycle found. */
  static final class Result {
    final List<Finding> findings;
    final List<Recommendation> recommendations;

    Result(List<Finding> findings, List<Recommendation> recommendations) {
      this.findings = findings;
      this.recommendations = recommendations;
    }
  }

  private static final Indicator[] LEAK_TRACKED = {
    Indicator.HEAP_AFTER_GC, Indicator.RSS, Indicator.THREADS, Indicator.FILE_DESCRIPTORS
  };

  private final DetectionEngine engine;
  private final Advisor advisor = new Advisor();
  private final String service;
  private final String window;
  private final Map<String, Finding> open = new LinkedHashMap<>();
  private final Map<String, Long> anomalies = new TreeMap<>();
  private volatile Map<String, Long> anomalyCounts = Collections.emptyMap();
  private volatile List<Finding> openNow = Collections.emptyList();
  private volatile List<Recommendation> recommendationsNow = Collections.emptyList();
  private boolean leaksTracked;

  Detections(DetectorSettings settings, String service, String window) {
    this.engine = new DetectionEngine(settings);
    this.service = service;
    this.window = window;
  }

  Result cycle(CycleReport report, double memoryLimitBytes) {
    long now = report.epochMillis();
    trackLeaks(memoryLimitBytes);
    engine.beginCycle(now);
    for (MethodResult m : report.methods()) {
      engine.observe(m.cycle().name(), Observation.ofMethod(now, m));
    }
    for (IndicatorResult i : report.indicators()) {
      if (i.indicator().judged() && !Double.isNaN(i.value())) {
        engine.observe(
            i.indicator().key(), Observation.of(now, i.value(), i.level(), i.baseline().median()));
        for (Indicator leak : LEAK_TRACKED) {
          if (leak == i.indicator()) {
            engine.observeLeak(leak.key(), i.value());
          }
        }
      }
    }
    List<Finding> found = engine.endCycle();
    for (Finding f : found) {
      if (f.opensAnomaly()) {
        open.put(f.id(), f);
        anomalies.merge(f.kind().id() + "|" + f.severity().label(), 1L, Long::sum);
      } else if (f.isResolved()) {
        open.remove(f.id());
      }
    }
    List<Recommendation> recommendations = advisor.advise(advisorInput(report));
    anomalyCounts = Collections.unmodifiableMap(new TreeMap<>(anomalies));
    openNow = Collections.unmodifiableList(new ArrayList<>(open.values()));
    recommendationsNow = Collections.unmodifiableList(recommendations);
    return new Result(found, recommendations);
  }

  private void trackLeaks(double memoryLimitBytes) {
    engine.trackLeak(
        Indicator.RSS.key(), "By", memoryLimitBytes > 0 ? memoryLimitBytes : Double.NaN);
    if (!leaksTracked) {
      long maxHeap = Runtime.getRuntime().maxMemory();
      engine.trackLeak(
          Indicator.HEAP_AFTER_GC.key(), "By", maxHeap == Long.MAX_VALUE ? Double.NaN : maxHeap);
      engine.trackLeak(Indicator.THREADS.key(), "{thread}", Double.NaN);
      engine.trackLeak(Indicator.FILE_DESCRIPTORS.key(), "{file_descriptor}", maxFileDescriptors());
      leaksTracked = true;
    }
  }

  private static double maxFileDescriptors() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
      return ((com.sun.management.UnixOperatingSystemMXBean) os).getMaxFileDescriptorCount();
    }
    return Double.NaN;
  }

  private AdvisorInput advisorInput(CycleReport report) {
    AdvisorInput.Builder in =
        AdvisorInput.builder(service, report.epochMillis())
            .findings(new ArrayList<>(open.values()))
            .baselineWindow(window);
    for (IndicatorResult i : report.indicators()) {
      if (i.indicator() == Indicator.GC_TIME) {
        in.gcTimeFraction(i.value(), i.baseline().median());
      } else if (i.indicator() == Indicator.THREADS) {
        in.threads(i.value(), i.baseline().median());
      }
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage usage =
          pool.getCollectionUsage() != null ? pool.getCollectionUsage() : pool.getUsage();
      long max = pool.getUsage().getMax();
      if (usage != null && max > 0) {
        in.pool(pool.getName(), usage.getUsed(), max);
      }
    }
    return in.build();
  }

  /** Anomalies opened so far, by {@code kind|severity}. */
  Map<String, Long> anomalyCounts() {
    return anomalyCounts;
  }

  /** The anomalies open now. */
  List<Finding> open() {
    return openNow;
  }

  /** The latest cycle's recommendations. */
  List<Recommendation> recommendations() {
    return recommendationsNow;
  }
}
