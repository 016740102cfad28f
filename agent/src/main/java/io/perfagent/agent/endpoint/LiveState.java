package io.perfagent.agent.endpoint;

import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.agent.sample.SampleHistory;
import io.perfagent.agent.store.StateDir;
import io.perfagent.api.Gauge;
import io.perfagent.api.Instrument;
import io.perfagent.api.PerfMetrics;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Recommendation;
import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.ProcessSample;
import io.perfagent.exporter.PrometheusScrape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** {@link AgentState} over the running agent's parts; any of them may be off (null). */
final class LiveState implements AgentState {

  private final String service;
  private final String version;
  private final long startEpochMillis;
  private final long sampleIntervalMillis;
  private final MethodRegistry registry;
  private final @Nullable ResourceSampler sampler;
  private final @Nullable Supplier<CycleReport> latest;
  private final @Nullable Supplier<List<Finding>> findings;
  private final @Nullable Supplier<List<Recommendation>> recommendations;
  private final PrometheusScrape prometheus;
  private final StateDir stateDir;
  private final Supplier<String> export;
  private @Nullable JvmSample jvmScratch;
  private volatile io.perfagent.core.alert.@Nullable AlertEngine alerts;

  LiveState(
      String service,
      String version,
      long startEpochMillis,
      long sampleIntervalMillis,
      MethodRegistry registry,
      @Nullable ResourceSampler sampler,
      @Nullable Supplier<CycleReport> latest,
      @Nullable Supplier<List<Finding>> findings,
      @Nullable Supplier<List<Recommendation>> recommendations,
      PrometheusScrape prometheus,
      StateDir stateDir,
      Supplier<String> export) {
    this.service = service;
    this.version = version;
    this.startEpochMillis = startEpochMillis;
    this.sampleIntervalMillis = sampleIntervalMillis;
    this.registry = registry;
    this.sampler = sampler;
    this.latest = latest;
    this.findings = findings;
    this.recommendations = recommendations;
    this.prometheus = prometheus;
    this.stateDir = stateDir;
    this.export = export;
  }

  @Override
  public String service() {
    return service;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public long startEpochMillis() {
    return startEpochMillis;
  }

  @Override
  public long sampleIntervalMillis() {
    return sampleIntervalMillis;
  }

  @Override
  public @Nullable CycleReport latest() {
    return latest == null ? null : latest.get();
  }

  @Override
  public List<Recommendation> recommendations() {
    List<Recommendation> r = recommendations == null ? null : recommendations.get();
    return r == null ? Collections.emptyList() : r;
  }

  @Override
  public List<Finding> openFindings() {
    List<Finding> open = findings == null ? null : findings.get();
    return open == null ? Collections.emptyList() : open;
  }

  @Override
  public @Nullable SampleHistory samples() {
    return sampler == null ? null : sampler.history();
  }

  @Override
  public synchronized boolean latestProcess(ProcessSample out) {
    if (sampler == null) {
      return false;
    }
    if (jvmScratch == null) {
      jvmScratch = sampler.newJvmSample();
    }
    sampler.latest(out, jvmScratch);
    return true;
  }

  @Override
  public Map<String, Double> applicationGauges() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Instrument i : PerfMetrics.registered()) {
      if (i instanceof Gauge) {
        try {
          out.put(i.name(), ((Gauge) i).value());
        } catch (RuntimeException appFailure) {
          out.put(i.name(), Double.NaN); // the application's supplier threw: shown as null
        }
      }
    }
    return out;
  }

  @Override
  public Map<String, String> subsystems() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("instrumentation", "active (" + registry.size() + " methods)");
    out.put("sampling", sampler != null ? "active" : "off");
    out.put(
        "analysis",
        latest == null ? "off" : latest.get() == null ? "active (no cycle yet)" : "active");
    out.put("export", export.get());
    out.put(
        "state_dir",
        stateDir != null && stateDir.isAvailable()
            ? "active (" + stateDir.path() + ")"
            : "off: no usable state directory");
    out.put("endpoint", "active");
    return out;
  }

  void alerts(io.perfagent.core.alert.@Nullable AlertEngine engine) {
    this.alerts = engine;
  }

  @Override
  public io.perfagent.core.alert.@Nullable AlertEngine alerts() {
    return alerts;
  }

  @Override
  public void prometheus(boolean openMetrics, java.io.OutputStream out) throws java.io.IOException {
    prometheus.write(openMetrics, out);
  }
}
