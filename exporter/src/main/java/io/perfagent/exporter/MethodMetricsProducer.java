package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.ExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramBuckets;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableExponentialHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import io.perfagent.core.model.DurationSnapshot;
import io.perfagent.core.model.MethodMetricsSource;
import io.perfagent.core.model.MethodSeries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns the agent's method recorders into OpenTelemetry {@link MetricData} when a reader collects:
 * the SDK never sits on the hot path, and every reader sees the same cumulative numbers.
 *
 * <p>It builds the SDK's immutable data classes from its {@code internal} package: the SDK offers
 * no public factory for {@code MetricData}, and the version is pinned and shaded with us.
 */
public final class MethodMetricsProducer implements MetricProducer {

  /** Counter of calls, with {@code error.type} on failed ones. */
  public static final String CALLS = "perf.method.calls";

  /** Histogram of call durations in seconds. */
  public static final String DURATION = "perf.method.duration";

  /**
   * Gauge, present only for methods whose durations are sampled: N of "1 call in N timed" (the
   * overhead governor). Their histogram is the timed calls' distribution scaled to the exact count.
   */
  public static final String DURATION_SAMPLING = "perf.method.duration.sampling_interval";

  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final MethodMetricsSource source;
  private final HistogramShape shape;
  private final ExplicitBuckets explicitBuckets;
  private final InstrumentationScopeInfo scope;
  private final long startEpochNanos;
  private final LongSupplier epochNanos;

  private MethodMetricsProducer(Builder b) {
    this.source = b.source;
    this.shape = b.shape;
    this.explicitBuckets = b.explicitBuckets;
    this.scope = b.scope;
    this.startEpochNanos = b.startEpochNanos;
    this.epochNanos = b.epochNanos;
  }

  /** A builder over the given source. */
  public static Builder builder(MethodMetricsSource source) {
    return new Builder(source);
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    List<MethodSeries> series = source.collect();
    if (series.isEmpty()) {
      return Collections.emptyList();
    }
    long now = epochNanos.getAsLong();
    List<LongPointData> calls = new ArrayList<>(series.size());
    List<HistogramPointData> explicit = new ArrayList<>();
    List<ExponentialHistogramPointData> exponential = new ArrayList<>();
    List<LongPointData> sampling = new ArrayList<>();
    for (MethodSeries s : series) {
      Attributes attributes = attributesOf(s);
      if (s.samplingInterval() > 1) {
        sampling.add(
            ImmutableLongPointData.create(startEpochNanos, now, attributes, s.samplingInterval()));
      }
      calls.add(ImmutableLongPointData.create(startEpochNanos, now, attributes, s.calls()));
      DurationSnapshot d = s.durations();
      if (d == null) {
        continue;
      }
      if (shape == HistogramShape.EXPLICIT) {
        explicit.add(explicitPoint(d, attributes, now));
      } else {
        exponential.add(exponentialPoint(d, attributes, now));
      }
    }
    List<MetricData> metrics = new ArrayList<>(2);
    metrics.add(
        ImmutableMetricData.createLongSum(
            resource,
            scope,
            CALLS,
            "Calls of measured methods; failed calls carry error.type.",
            "{call}",
            ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, calls)));
    if (!sampling.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createLongGauge(
              resource,
              scope,
              DURATION_SAMPLING,
              "Durations of this method are timed for 1 call in this many (counts stay exact).",
              "{call}",
              ImmutableGaugeData.create(sampling)));
    }
    if (!explicit.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createDoubleHistogram(
              resource,
              scope,
              DURATION,
              DURATION_DESCRIPTION,
              "s",
              ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, explicit)));
    }
    if (!exponential.isEmpty()) {
      metrics.add(
          ImmutableMetricData.createExponentialHistogram(
              resource,
              scope,
              DURATION,
              DURATION_DESCRIPTION,
              "s",
              ImmutableExponentialHistogramData.create(
                  AggregationTemporality.CUMULATIVE, exponential)));
    }
    return metrics;
  }

  private static final String DURATION_DESCRIPTION = "Duration of measured method calls.";

  private HistogramPointData explicitPoint(DurationSnapshot d, Attributes attributes, long now) {
    return ImmutableHistogramPointData.create(
        startEpochNanos,
        now,
        attributes,
        d.sumSeconds(),
        false,
        0,
        false,
        0,
        explicitBuckets.boundaries(),
        explicitBuckets.counts(d));
  }

  private ExponentialHistogramPointData exponentialPoint(
      DurationSnapshot d, Attributes attributes, long now) {
    ExponentialBuckets positive = ExponentialBuckets.of(d);
    return ImmutableExponentialHistogramPointData.create(
        positive.scale,
        d.sumSeconds(),
        d.zeroCount(),
        false,
        0,
        false,
        0,
        ImmutableExponentialHistogramBuckets.create(
            positive.scale, positive.offset, positive.counts),
        ImmutableExponentialHistogramBuckets.create(
            positive.scale, 0, Collections.<Long>emptyList()),
        startEpochNanos,
        now,
        attributes,
        Collections.emptyList());
  }

  private static Attributes attributesOf(MethodSeries s) {
    AttributesBuilder attributes = Attributes.builder().put(FUNCTION, s.functionName());
    if (s.errorType() != null) {
      attributes.put(ERROR_TYPE, s.errorType());
    }
    return attributes.build();
  }

  /** Builds a {@link MethodMetricsProducer}; every setting has a default but the source. */
  public static final class Builder {
    private final MethodMetricsSource source;
    private HistogramShape shape = HistogramShape.EXPLICIT;
    private ExplicitBuckets explicitBuckets = ExplicitBuckets.defaults();
    private InstrumentationScopeInfo scope = InstrumentationScopeInfo.create("io.perfagent");
    private long startEpochNanos = EpochNanos.PROCESS_START;
    private LongSupplier epochNanos = EpochNanos::now;

    private Builder(MethodMetricsSource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /** How duration histograms are exported. */
    public Builder setHistogramShape(HistogramShape shape) {
      this.shape = Objects.requireNonNull(shape, "shape");
      return this;
    }

    /** The explicit buckets used when the shape is {@link HistogramShape#EXPLICIT}. */
    public Builder setExplicitBuckets(ExplicitBuckets buckets) {
      this.explicitBuckets = Objects.requireNonNull(buckets, "buckets");
      return this;
    }

    /** The instrumentation scope the metrics are reported under. */
    public Builder setScope(InstrumentationScopeInfo scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * When the cumulative counts started, in epoch nanoseconds; by default the start every producer
     * of this process reports ({@link EpochNanos#PROCESS_START}).
     */
    public Builder setStartEpochNanos(long startEpochNanos) {
      this.startEpochNanos = startEpochNanos;
      return this;
    }

    /** The wall clock in epoch nanoseconds; tests pass a fixed one. */
    public Builder setClock(LongSupplier epochNanos) {
      this.epochNanos = Objects.requireNonNull(epochNanos, "epochNanos");
      return this;
    }

    /** The producer. */
    public MethodMetricsProducer build() {
      return new MethodMetricsProducer(this);
    }
  }
}
