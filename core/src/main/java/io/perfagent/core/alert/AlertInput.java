package io.perfagent.core.alert;

import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.detect.Finding;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the rules see at one evaluation: the analysis cycle, the anomalies open now, and the limits
 * that relative thresholds are shares of, by indicator key (the cgroup memory limit for {@code
 * process.memory.usage}, the heap maximum for {@code jvm.memory.used_after_last_gc}, the fd limit
 * for {@code process.unix.file_descriptor.count}; indicators in unit {@code 1} have limit 1).
 */
public final class AlertInput {

  private final long epochMillis;
  private final @Nullable CycleReport report;
  private final List<Finding> openAnomalies;
  private final Map<String, Double> limits;

  /**
   * @param report the cycle (null: no cycle, so only anomalies are judged)
   * @param limits limits by indicator key; absent or NaN where there is none
   */
  public AlertInput(
      long epochMillis,
      @Nullable CycleReport report,
      @Nullable List<Finding> openAnomalies,
      @Nullable Map<String, Double> limits) {
    this.epochMillis = epochMillis;
    this.report = report;
    this.openAnomalies =
        openAnomalies == null
            ? Collections.<Finding>emptyList()
            : Collections.unmodifiableList(openAnomalies);
    this.limits =
        limits == null
            ? Collections.<String, Double>emptyMap()
            : Collections.unmodifiableMap(limits);
  }

  public long epochMillis() {
    return epochMillis;
  }

  /** The cycle, or {@code null}. */
  public @Nullable CycleReport report() {
    return report;
  }

  public List<Finding> openAnomalies() {
    return openAnomalies;
  }

  /** The limit of an indicator in its unit; 1 for unit {@code 1}; NaN where there is none. */
  public double limit(String key, String unit) {
    Double l = limits.get(Objects.requireNonNull(key, "key"));
    if (l != null && l > 0) {
      return l;
    }
    return "1".equals(unit) ? 1 : Double.NaN;
  }
}
