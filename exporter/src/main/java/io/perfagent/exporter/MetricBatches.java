package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSummaryData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Splits one collection of metrics into export requests of at most {@code maxPoints} points and
 * about {@code maxBytes} bytes each (OTLP protobuf, before compression, estimated from the points'
 * contents). One request holding every series of a large application would exceed what receivers
 * accept (the Collector's gRPC receiver takes 4 MiB, proxies often 1 MiB) and be refused whole.
 *
 * <p>A metric whose points do not fit is cut into several metrics of the same name, each with a
 * share of the points: receivers merge them, as they merge metrics from several requests.
 */
final class MetricBatches {

  /** Protobuf framing, timestamps and flags of one point, whatever its kind. */
  private static final int POINT_OVERHEAD = 40;

  /** Name, unit, description, resource and scope framing of one metric in a request. */
  private static final int METRIC_OVERHEAD = 64;

  private MetricBatches() {}

  /** The requests, in order; every point of {@code metrics} is in exactly one. */
  static List<List<MetricData>> split(
      Collection<MetricData> metrics, int maxPoints, long maxBytes) {
    List<List<MetricData>> requests = new ArrayList<>();
    List<MetricData> current = new ArrayList<>();
    int points = 0;
    long bytes = 0;
    for (MetricData metric : metrics) {
      List<PointData> pending = new ArrayList<>();
      long metricBytes =
          METRIC_OVERHEAD + metric.getName().length() + metric.getDescription().length();
      for (PointData point : metric.getData().getPoints()) {
        long size = estimatedBytes(point);
        boolean full = points >= maxPoints || bytes + metricBytes + size > maxBytes;
        if (full && points > 0) {
          if (!pending.isEmpty()) {
            current.add(withPoints(metric, pending));
            pending = new ArrayList<>();
          }
          requests.add(current);
          current = new ArrayList<>();
          points = 0;
          bytes = 0;
        }
        if (pending.isEmpty()) {
          bytes += metricBytes;
        }
        pending.add(point);
        points++;
        bytes += size;
      }
      if (!pending.isEmpty()) {
        current.add(
            pending.size() == metric.getData().getPoints().size()
                ? metric
                : withPoints(metric, pending));
      }
    }
    if (!current.isEmpty()) {
      requests.add(current);
    }
    return requests;
  }

  /** The number of points in {@code metrics}. */
  static int points(Collection<MetricData> metrics) {
    int points = 0;
    for (MetricData metric : metrics) {
      points += metric.getData().getPoints().size();
    }
    return points;
  }

  /** About the size of {@code point} in an OTLP protobuf request (never less). */
  static long estimatedBytes(PointData point) {
    long size = POINT_OVERHEAD + estimatedBytes(point.getAttributes());
    size += 64L * point.getExemplars().size();
    if (point instanceof HistogramPointData) {
      HistogramPointData h = (HistogramPointData) point;
      size += 24 + 8L * h.getBoundaries().size() + 8L * h.getCounts().size(); // fixed64 and double
    } else if (point instanceof ExponentialHistogramPointData) {
      ExponentialHistogramPointData e = (ExponentialHistogramPointData) point;
      size += 48 + varintBytes(e.getPositiveBuckets()) + varintBytes(e.getNegativeBuckets());
    } else if (point instanceof SummaryPointData) {
      size += 24 + 18L * ((SummaryPointData) point).getValues().size();
    } else if (!(point instanceof LongPointData || point instanceof DoublePointData)) {
      size += 64; // a kind this estimate does not know: assume a little more
    }
    return size;
  }

  private static long estimatedBytes(Attributes attributes) {
    long size = 0;
    for (Map.Entry<AttributeKey<?>, Object> e : attributes.asMap().entrySet()) {
      // key-value framing (~8), the key, and the value as text in UTF-8 (at most 3 bytes a
      // character; numbers and booleans take no more than their text)
      size += 8 + e.getKey().getKey().length() + 3L * String.valueOf(e.getValue()).length();
    }
    return size;
  }

  private static long varintBytes(ExponentialHistogramBuckets buckets) {
    long size = 8;
    for (long count : buckets.getBucketCounts()) {
      size += count < 0 ? 10 : (64 - Long.numberOfLeadingZeros(count | 1) + 6) / 7;
    }
    return size;
  }

  /** A copy of {@code metric} with only {@code points}. */
  @SuppressWarnings("unchecked")
  static MetricData withPoints(MetricData metric, List<PointData> points) {
    Collection<?> p = Collections.unmodifiableList(points);
    switch (metric.getType()) {
      case LONG_GAUGE:
        return ImmutableMetricData.createLongGauge(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableGaugeData.create((Collection<LongPointData>) p));
      case DOUBLE_GAUGE:
        return ImmutableMetricData.createDoubleGauge(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableGaugeData.create((Collection<DoublePointData>) p));
      case LONG_SUM:
        return ImmutableMetricData.createLongSum(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableSumData.create(
                metric.getLongSumData().isMonotonic(),
                metric.getLongSumData().getAggregationTemporality(),
                (Collection<LongPointData>) p));
      case DOUBLE_SUM:
        return ImmutableMetricData.createDoubleSum(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableSumData.create(
                metric.getDoubleSumData().isMonotonic(),
                metric.getDoubleSumData().getAggregationTemporality(),
                (Collection<DoublePointData>) p));
      case HISTOGRAM:
        return ImmutableMetricData.createDoubleHistogram(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableHistogramData.create(
                metric.getHistogramData().getAggregationTemporality(),
                (Collection<HistogramPointData>) p));
      case EXPONENTIAL_HISTOGRAM:
        return ImmutableMetricData.createExponentialHistogram(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableExponentialHistogramData.create(
                metric.getExponentialHistogramData().getAggregationTemporality(),
                (Collection<ExponentialHistogramPointData>) p));
      case SUMMARY:
        return ImmutableMetricData.createDoubleSummary(
            metric.getResource(),
            metric.getInstrumentationScopeInfo(),
            metric.getName(),
            metric.getDescription(),
            metric.getUnit(),
            ImmutableSummaryData.create((Collection<SummaryPointData>) p));
      default:
        throw new IllegalArgumentException("unknown metric type " + metric.getType());
    }
  }
}
