package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableDoublePointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableHistogramPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableSumData;
import io.opentelemetry.sdk.resources.Resource;
import io.perfagent.api.Counter;
import io.perfagent.api.Gauge;
import io.perfagent.api.Instrument;
import io.perfagent.api.PerfMetrics;
import io.perfagent.api.Timer;
import io.perfagent.core.model.GcPauses;
import io.perfagent.core.model.JvmSample;
import io.perfagent.core.model.ProcessSample;
import io.perfagent.core.model.ResourceSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns the latest resource sample, the GC pauses and the application's own metrics ({@link
 * PerfMetrics}) into OpenTelemetry metrics named after the semantic conventions, at collection
 * time. A value whose source is missing is left out, never sent as a made-up number.
 */
public final class ResourceMetricsProducer implements MetricProducer {

  private static final AttributeKey<String> CPU_MODE = AttributeKey.stringKey("cpu.mode");
  private static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("disk.io.direction");
  private static final AttributeKey<String> SWITCH_TYPE =
      AttributeKey.stringKey("process.context_switch.type");
  private static final AttributeKey<String> FAULT_TYPE =
      AttributeKey.stringKey("process.paging.fault_type");
  private static final AttributeKey<String> MEMORY_TYPE = AttributeKey.stringKey("jvm.memory.type");
  private static final AttributeKey<String> POOL = AttributeKey.stringKey("jvm.memory.pool.name");
  private static final AttributeKey<String> GC_NAME = AttributeKey.stringKey("jvm.gc.name");
  private static final AttributeKey<String> GC_ACTION = AttributeKey.stringKey("jvm.gc.action");
  private static final AttributeKey<String> BUFFER_POOL =
      AttributeKey.stringKey("jvm.buffer.pool.name");
  private static final List<Double> GC_BOUNDARIES = boxed(GcPauses.boundariesSeconds());

  /** {@link PerfMetrics} instruments carry no description of their own. */
  private static final String APP_DESCRIPTION = "";

  private final ResourceSource sampler;
  private final InstrumentationScopeInfo scope;
  private final long startEpochNanos;
  private final Supplier<List<Instrument>> appMetrics;

  /** A producer over the sampler's latest values, its GC pauses and {@link PerfMetrics}. */
  public ResourceMetricsProducer(ResourceSource sampler, String agentVersion) {
    this(sampler, agentVersion, PerfMetrics::registered);
  }

  ResourceMetricsProducer(
      ResourceSource sampler, String agentVersion, Supplier<List<Instrument>> appMetrics) {
    this.sampler = sampler;
    this.scope =
        InstrumentationScopeInfo.builder("io.perfagent.resources").setVersion(agentVersion).build();
    this.startEpochNanos = EpochNanos.PROCESS_START;
    this.appMetrics = appMetrics;
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    ProcessSample p = new ProcessSample();
    JvmSample j = sampler.newJvmSample();
    sampler.latest(p, j);
    Builder out = new Builder(resource, EpochNanos.now());

    out.upDown(
        "process.memory.usage",
        "The amount of physical memory in use (RSS).",
        "By",
        p.rssBytes,
        Attributes.empty());
    out.upDown(
        "process.memory.virtual",
        "The amount of committed virtual memory.",
        "By",
        p.virtualBytes,
        Attributes.empty());
    out.upDown(
        "process.thread.count",
        "Process threads count.",
        "{thread}",
        p.threads,
        Attributes.empty());
    out.upDown(
        "process.unix.file_descriptor.count",
        "Number of unix file descriptors in use.",
        "{file_descriptor}",
        p.openFileDescriptors,
        Attributes.empty());
    out.counterSeconds(
        "process.cpu.time",
        "Total CPU seconds by mode.",
        CPU_MODE,
        "user",
        p.userCpuNanos,
        "system",
        p.systemCpuNanos);
    out.gauge(
        "process.cpu.utilization",
        "CPU used since the last sample, as a share of all processors.",
        "1",
        p.cpuUtilization,
        Attributes.empty());
    out.counterPair(
        "process.disk.io",
        "Disk bytes transferred.",
        "By",
        DIRECTION,
        "read",
        p.diskReadBytes,
        "write",
        p.diskWriteBytes);
    out.counterPair(
        "process.context_switches",
        "Number of times the process has been context switched.",
        "{context_switch}",
        SWITCH_TYPE,
        "voluntary",
        p.voluntaryContextSwitches,
        "involuntary",
        p.involuntaryContextSwitches);
    out.counterPair(
        "process.paging.faults",
        "Number of page faults the process has made.",
        "{fault}",
        FAULT_TYPE,
        "minor",
        p.minorFaults,
        "major",
        p.majorFaults);
    out.upDown(
        "perf.cgroup.memory.limit",
        "The cgroup memory limit that gets this process OOM-killed; absent where there is none.",
        "By",
        p.memoryLimitBytes,
        Attributes.empty());
    out.gauge(
        "perf.cgroup.cpu.limit",
        "The cgroup CPU quota in processors; absent where there is none.",
        "{cpu}",
        p.cpuLimit,
        Attributes.empty());
    out.gauge(
        "perf.io.latency",
        "Time of one filesystem metadata read of the agent's state directory.",
        "s",
        p.ioLatencySeconds,
        Attributes.empty());

    jvmMemory(out, j);
    out.upDown(
        "jvm.thread.count",
        "Number of executing platform threads.",
        "{thread}",
        j.threads,
        Attributes.empty());
    out.counter(
        "jvm.class.loaded",
        "Number of classes loaded since JVM start.",
        "{class}",
        j.classesLoaded,
        Attributes.empty());
    out.counter(
        "jvm.class.unloaded",
        "Number of classes unloaded since JVM start.",
        "{class}",
        j.classesUnloaded,
        Attributes.empty());
    out.upDown(
        "jvm.class.count",
        "Number of classes currently loaded.",
        "{class}",
        j.classesCurrent,
        Attributes.empty());
    out.counterSeconds(
        "jvm.cpu.time",
        "CPU time used by the process as reported by the JVM.",
        null,
        null,
        j.cpuNanos,
        null,
        -1);
    out.upDown(
        "jvm.cpu.count",
        "Number of processors available to the JVM.",
        "{cpu}",
        j.processors,
        Attributes.empty());
    out.gauge(
        "jvm.cpu.recent_utilization",
        "Recent CPU utilization for the process as reported by the JVM.",
        "1",
        j.recentCpuUtilization,
        Attributes.empty());
    gcDurations(out);
    applicationMetrics(out);
    return out.metrics;
  }

  private void jvmMemory(Builder out, JvmSample j) {
    List<LongPointData> used = new ArrayList<>();
    List<LongPointData> committed = new ArrayList<>();
    List<LongPointData> limit = new ArrayList<>();
    List<LongPointData> afterGc = new ArrayList<>();
    for (int i = 0; i < j.poolNames.length; i++) {
      Attributes a =
          Attributes.of(MEMORY_TYPE, j.poolIsHeap[i] ? "heap" : "non_heap", POOL, j.poolNames[i]);
      used.add(out.longPoint(j.used[i], a));
      committed.add(out.longPoint(j.committed[i], a));
      if (j.limit[i] >= 0) {
        limit.add(out.longPoint(j.limit[i], a));
      }
      if (j.usedAfterLastGc[i] >= 0) {
        afterGc.add(out.longPoint(j.usedAfterLastGc[i], a));
      }
    }
    out.longSum("jvm.memory.used", "Measure of memory used.", "By", false, used);
    out.longSum("jvm.memory.committed", "Measure of memory committed.", "By", false, committed);
    out.longSum("jvm.memory.limit", "Measure of max obtainable memory.", "By", false, limit);
    out.longSum(
        "jvm.memory.used_after_last_gc",
        "Measure of memory used, as measured after the most recent garbage collection event on this pool.",
        "By",
        false,
        afterGc);
    List<LongPointData> bufferUsed = new ArrayList<>();
    List<LongPointData> bufferLimit = new ArrayList<>();
    List<LongPointData> bufferCount = new ArrayList<>();
    for (int i = 0; i < j.bufferPoolNames.length; i++) {
      Attributes a = Attributes.of(BUFFER_POOL, j.bufferPoolNames[i]);
      bufferUsed.add(out.longPoint(j.bufferUsed[i], a));
      bufferLimit.add(out.longPoint(j.bufferCapacity[i], a));
      bufferCount.add(out.longPoint(j.bufferCount[i], a));
    }
    out.longSum(
        "jvm.buffer.memory.used", "Measure of memory used by buffers.", "By", false, bufferUsed);
    out.longSum(
        "jvm.buffer.memory.limit",
        "Measure of total memory capacity of buffers.",
        "By",
        false,
        bufferLimit);
    out.longSum(
        "jvm.buffer.count", "Number of buffers in the pool.", "{buffer}", false, bufferCount);
  }

  private void gcDurations(Builder out) {
    List<HistogramPointData> points = new ArrayList<>();
    for (Map.Entry<List<String>, long[]> e : sampler.gcPauses().entrySet()) {
      long[] h = e.getValue();
      List<Long> counts = new ArrayList<>();
      for (int i = 0; i <= GC_BOUNDARIES.size(); i++) {
        counts.add(h[i]);
      }
      Attributes a = Attributes.of(GC_NAME, e.getKey().get(0), GC_ACTION, e.getKey().get(1));
      double sum = h[h.length - 1] / 1e6;
      points.add(
          ImmutableHistogramPointData.create(
              startEpochNanos, out.now, a, sum, false, 0, false, 0, GC_BOUNDARIES, counts));
    }
    if (!points.isEmpty()) {
      out.metrics.add(
          ImmutableMetricData.createDoubleHistogram(
              out.resource,
              scope,
              "jvm.gc.duration",
              "Duration of JVM garbage collection actions.",
              "s",
              ImmutableHistogramData.create(AggregationTemporality.CUMULATIVE, points)));
    }
  }

  private void applicationMetrics(Builder out) {
    for (Instrument i : appMetrics.get()) {
      if (i instanceof Counter) {
        out.counter(i.name(), APP_DESCRIPTION, i.unit(), ((Counter) i).value(), Attributes.empty());
      } else if (i instanceof Gauge) {
        out.gauge(i.name(), APP_DESCRIPTION, i.unit(), ((Gauge) i).value(), Attributes.empty());
      } else if (i instanceof Timer) {
        Timer t = (Timer) i;
        HistogramPointData point =
            ImmutableHistogramPointData.create(
                startEpochNanos,
                out.now,
                Attributes.empty(),
                t.totalNanos() / 1e9,
                false,
                0,
                false,
                0,
                Collections.emptyList(),
                Collections.singletonList(t.count()));
        out.metrics.add(
            ImmutableMetricData.createDoubleHistogram(
                out.resource,
                scope,
                i.name(),
                APP_DESCRIPTION,
                "s",
                ImmutableHistogramData.create(
                    AggregationTemporality.CUMULATIVE, Collections.singletonList(point))));
      }
    }
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>();
    for (double v : values) {
      out.add(v);
    }
    return Collections.unmodifiableList(out);
  }

  /** Collects the metrics of one {@link #produce} call; skips values whose source is missing. */
  private final class Builder {
    final Resource resource;
    final long now;
    final List<MetricData> metrics = new ArrayList<>();

    Builder(Resource resource, long now) {
      this.resource = resource;
      this.now = now;
    }

    LongPointData longPoint(long value, Attributes a) {
      return ImmutableLongPointData.create(startEpochNanos, now, a, value);
    }

    void longSum(
        String name,
        String description,
        String unit,
        boolean monotonic,
        List<LongPointData> points) {
      if (!points.isEmpty()) {
        metrics.add(
            ImmutableMetricData.createLongSum(
                resource,
                scope,
                name,
                description,
                unit,
                ImmutableSumData.create(monotonic, AggregationTemporality.CUMULATIVE, points)));
      }
    }

    void upDown(String name, String description, String unit, long value, Attributes a) {
      if (value >= 0) {
        longSum(name, description, unit, false, Collections.singletonList(longPoint(value, a)));
      }
    }

    void counter(String name, String description, String unit, long value, Attributes a) {
      if (value >= 0) {
        longSum(name, description, unit, true, Collections.singletonList(longPoint(value, a)));
      }
    }

    void counterPair(
        String name,
        String description,
        String unit,
        AttributeKey<String> key,
        String first,
        long firstValue,
        String second,
        long secondValue) {
      List<LongPointData> points = new ArrayList<>(2);
      if (firstValue >= 0) {
        points.add(longPoint(firstValue, Attributes.of(key, first)));
      }
      if (secondValue >= 0) {
        points.add(longPoint(secondValue, Attributes.of(key, second)));
      }
      longSum(name, description, unit, true, points);
    }

    /**
     * A monotonic sum in seconds from nanosecond totals; a null key means one point without
     * attributes.
     */
    void counterSeconds(
        String name,
        String description,
        @Nullable AttributeKey<String> key,
        @Nullable String first,
        long firstNanos,
        @Nullable String second,
        long secondNanos) {
      List<DoublePointData> points = new ArrayList<>(2);
      if (firstNanos >= 0) {
        points.add(
            ImmutableDoublePointData.create(
                startEpochNanos,
                now,
                key == null ? Attributes.empty() : Attributes.of(key, first),
                firstNanos / 1e9));
      }
      if (key != null && secondNanos >= 0) {
        points.add(
            ImmutableDoublePointData.create(
                startEpochNanos, now, Attributes.of(key, second), secondNanos / 1e9));
      }
      if (!points.isEmpty()) {
        metrics.add(
            ImmutableMetricData.createDoubleSum(
                resource,
                scope,
                name,
                description,
                "s",
                ImmutableSumData.create(true, AggregationTemporality.CUMULATIVE, points)));
      }
    }

    void gauge(String name, String description, String unit, double value, Attributes a) {
      if (!Double.isNaN(value)) {
        metrics.add(
            ImmutableMetricData.createDoubleGauge(
                resource,
                scope,
                name,
                description,
                unit,
                ImmutableGaugeData.create(
                    Collections.singletonList(
                        ImmutableDoublePointData.create(startEpochNanos, now, a, value)))));
      }
    }
  }
}
