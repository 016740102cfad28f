package io.perfagent.agent.endpoint;

import io.perfagent.core.analyze.CycleReport;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's documents for a cycle read from elsewhere (the history file, when the agent is not
 * running), so the CLI shows the same fields either way.
 */
public final class Reports {

  private Reports() {}

  /** {@code /metrics/summary}'s JSON for {@code report} ({@code null}: no cycle). */
  public static String summaryJson(
      @Nullable CycleReport report, String service, long nowEpochMillis) {
    return Views.summary(report, service, -1, false, nowEpochMillis);
  }

  /** {@code /metrics/alerts}' JSON for {@code report}. */
  public static String alertsJson(@Nullable CycleReport report) {
    return Views.alerts(report, false);
  }
}
