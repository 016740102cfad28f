package io.perfagent.benchmarks.overhead;

import example.workload.Body;
import example.workload.WorkloadFailure;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Case 5: the OpenTelemetry SDK used by hand, the way an application would time a method itself:
 * two clock reads, {@code LongCounter.add} and {@code DoubleHistogram.record} (seconds, default
 * explicit-bucket aggregation) with pre-built {@link Attributes}, into an in-memory reader (an
 * {@code SdkMeterProvider} without any reader hands out no-op instruments).
 */
public class OtelSdkBench {

  private static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");

  /** One provider and its instruments, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Sdk {
    InMemoryMetricReader reader;
    SdkMeterProvider provider;
    LongCounter calls;
    DoubleHistogram duration;
    Attributes ok;
    Attributes failed;

    @Setup(Level.Trial)
    public void setUp() {
      reader = InMemoryMetricReader.create();
      provider = SdkMeterProvider.builder().registerMetricReader(reader).build();
      Meter meter = provider.get("perf-agent-benchmarks");
      calls = meter.counterBuilder("perf.method.calls").setUnit("{call}").build();
      duration = meter.histogramBuilder("perf.method.duration").setUnit("s").build();
      ok = Attributes.of(FUNCTION, "example.workload.Workload.work");
      failed =
          Attributes.of(
              FUNCTION, "example.workload.Workload.fail", ERROR, WorkloadFailure.class.getName());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (reader.collectAllMetrics().isEmpty()) {
        throw new IllegalStateException("the SDK recorded nothing");
      }
      provider.close();
    }
  }

  @Benchmark
  public long call(Input in, Sdk sdk) {
    long start = System.nanoTime();
    long r = Body.compute(in.value);
    double seconds = (System.nanoTime() - start) * 1e-9;
    sdk.calls.add(1, sdk.ok);
    sdk.duration.record(seconds, sdk.ok);
    return r;
  }

  @Benchmark
  public long fail(Input in, Sdk sdk) {
    long start = System.nanoTime();
    try {
      long r = Body.computeOrFail(in.value);
      double seconds = (System.nanoTime() - start) * 1e-9;
      sdk.calls.add(1, sdk.ok);
      sdk.duration.record(seconds, sdk.ok);
      return r;
    } catch (WorkloadFailure expected) {
      double seconds = (System.nanoTime() - start) * 1e-9;
      sdk.calls.add(1, sdk.failed);
      sdk.duration.record(seconds, sdk.failed);
      return -1;
    }
  }
}
