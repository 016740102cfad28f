package io.perfagent.core.history;

import io.perfagent.core.analyze.CycleReport;

/** One line of history: the cycle's report and whose it was. Immutable. */
public final class HistoryRecord {

  private final String service;
  private final String instance;
  private final CycleReport report;

  HistoryRecord(String service, String instance, CycleReport report) {
    this.service = service;
    this.instance = instance;
    this.report = report;
  }

  public String service() {
    return service;
  }

  public String instance() {
    return instance;
  }

  public CycleReport report() {
    return report;
  }
}
