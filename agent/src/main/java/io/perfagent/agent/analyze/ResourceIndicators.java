package io.perfagent.agent.analyze;

import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.api.Gauge;
import io.perfagent.api.Instrument;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorValue;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One value per indicator for each cycle: the means of the sampler's samples since the previous
 * cycle, the share of wall time spent in GC pauses, the uptime, and every application gauge
 * registered through {@code PerfMetrics} (a queue depth, say) read once at the cycle's end.
 */
final class ResourceIndicators {

  /** At most this many application gauges are analysed; the rest are still exported. */
  static final int MAX_APPLICATION_GAUGES = 200;

  private static final Indicator[] SAMPLED = {
    Indicator.RSS,
    Indicator.PEAK_RSS,
    Indicator.HEAP_AFTER_GC,
    Indicator.CPU,
    Indicator.THREADS,
    Indicator.FILE_DESCRIPTORS,
    Indicator.IO_LATENCY
  };

  private final @Nullable ResourceSampler sampler;
  private final Supplier<List<Instrument>> applicationMetrics;
  private final Map<String, Indicator> gauges = new HashMap<>();
  private long lastGcMicros = -1;
  private long lastNanos;

  /**
   * @param sampler the sampler, or {@code null} when sampling is off
   */
  ResourceIndicators(
      @Nullable ResourceSampler sampler, Supplier<List<Instrument>> applicationMetrics) {
    this.sampler = sampler;
    this.applicationMetrics = applicationMetrics;
    this.lastNanos = System.nanoTime();
    if (sampler != null) {
      lastGcMicros = sampler.gcPauseMicros();
    }
  }

  /** The cgroup memory limit, in bytes; NaN where there is none or no sampler. */
  double memoryLimitBytes() {
    long limit = sampler == null ? -1 : sampler.memoryLimitBytes();
    return limit > 0 ? limit : Double.NaN;
  }

  List<IndicatorValue> take() {
    List<IndicatorValue> out = new ArrayList<>(SAMPLED.length + 3);
    long now = System.nanoTime();
    if (sampler != null) {
      double[] means = sampler.drainCycleMeans();
      for (int i = 0; i < SAMPLED.length; i++) {
        out.add(new IndicatorValue(SAMPLED[i], means[i]));
      }
      long gcMicros = sampler.gcPauseMicros();
      double wallMicros = (now - lastNanos) / 1e3;
      double fraction =
          lastGcMicros < 0 || wallMicros <= 0
              ? Double.NaN
              : Math.min(1, (gcMicros - lastGcMicros) / wallMicros);
      out.add(new IndicatorValue(Indicator.GC_TIME, fraction));
      lastGcMicros = gcMicros;
    }
    lastNanos = now;
    out.add(
        new IndicatorValue(
            Indicator.UPTIME, ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
    for (Instrument i : applicationMetrics.get()) {
      if (i instanceof Gauge) {
        Indicator indicator = gaugeIndicator(i);
        if (indicator != null) {
          out.add(new IndicatorValue(indicator, ((Gauge) i).value()));
        }
      }
    }
    return out;
  }

  private @Nullable Indicator gaugeIndicator(Instrument i) {
    Indicator known = gauges.get(i.name());
    if (known == null && gauges.size() < MAX_APPLICATION_GAUGES) {
      known = Indicator.applicationGauge(i.name(), i.unit());
      gauges.put(i.name(), known);
    }
    return known;
  }
}
