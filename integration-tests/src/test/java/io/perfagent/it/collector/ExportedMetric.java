package io.perfagent.it.collector;

import java.util.List;
import java.util.Map;

/** One metric of one export request as the Collector wrote it. */
public record ExportedMetric(
    Map<String, String> resource,
    String scope,
    String name,
    String unit,
    Type type,
    boolean monotonic,
    List<ExportedPoint> points) {

  /** The OTLP data kinds. */
  public enum Type {
    SUM,
    GAUGE,
    HISTOGRAM,
    EXPONENTIAL_HISTOGRAM,
    SUMMARY
  }
}
