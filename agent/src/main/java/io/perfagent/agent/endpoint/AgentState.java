package io.perfagent.agent.endpoint;

import io.perfagent.agent.sample.SampleHistory;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.Recommendation;
import io.perfagent.core.model.ProcessSample;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the endpoint reads from the running agent; every method is cheap and never throws. */
interface AgentState {

  String service();

  String version();

  /** When the agent started, epoch ms. */
  long startEpochMillis();

  /** The sampling interval, ms. */
  long sampleIntervalMillis();

  /** The latest analysis cycle, or {@code null} before the first (or with analysis off). */
  @Nullable CycleReport latest();

  /** The anomalies the detectors hold open now (empty with analysis off). */
  List<Finding> openFindings();

  /** The advisor's recommendations of the latest cycle (empty with analysis off). */
  List<Recommendation> recommendations();

  /** The sample rings, or {@code null} with sampling off. */
  @Nullable SampleHistory samples();

  /** Copies the latest process sample into {@code out}; false with sampling off. */
  boolean latestProcess(ProcessSample out);

  /** The current value of each application gauge registered through {@code PerfMetrics}. */
  Map<String, Double> applicationGauges();

  /** Each subsystem's state, e.g. {@code analysis → "active"}; "off: why" when it is off. */
  Map<String, String> subsystems();

  /** The alert engine, or {@code null} with alerts off (then the degraded items stand in). */
  default io.perfagent.core.alert.@Nullable AlertEngine alerts() {
    return null;
  }

  /** Prometheus text (or OpenMetrics) of every metric, collected now and written to {@code out}. */
  void prometheus(boolean openMetrics, java.io.OutputStream out) throws java.io.IOException;
}
