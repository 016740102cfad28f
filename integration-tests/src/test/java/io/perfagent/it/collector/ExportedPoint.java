package io.perfagent.it.collector;

import java.util.List;
import java.util.Map;

/**
 * One data point as the Collector wrote it (OTLP JSON). Fields that do not apply to the point's
 * metric type are zero or empty.
 */
public record ExportedPoint(
    Map<String, String> attributes,
    long timeUnixNano,
    long longValue,
    double doubleValue,
    long count,
    double sum,
    List<Long> bucketCounts,
    List<Double> explicitBounds,
    int scale,
    long zeroCount,
    int positiveOffset,
    List<Long> positiveBucketCounts) {

  /** Whether every given attribute is present with that value. */
  public boolean hasAttributes(Map<String, String> subset) {
    return attributes.entrySet().containsAll(subset.entrySet());
  }
}
