package io.perfagent.agent;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.instrument.Instrumenter;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.agent.sample.ResourceMetricsProducer;
import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.bootstrap.Probe;
import io.perfagent.exporter.OtelPipeline;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The agent's start-up sequence. On the caller's thread ({@code premain}) only what must happen
 * before the application's classes load: configuration, the probe's sink and the cheap deferred
 * transformer. Byte Buddy and the OpenTelemetry SDK start on one background thread, and a
 * shutdown hook exports a last time so that short-lived processes lose nothing.
 */
final class AgentRuntime {

  private static final long SHUTDOWN_TIMEOUT_MILLIS = 10_000;
  private static volatile AgentRuntime running;

  private final AgentConfig config;
  private final MethodRegistry registry;
  private final Instrumenter instrumenter;
  private final long startNanos;
  private final CountDownLatch initialized = new CountDownLatch(1);
  private volatile OtelPipeline pipeline;
  private volatile ResourceSampler sampler;

  private AgentRuntime(
      AgentConfig config, MethodRegistry registry, Instrumenter instrumenter, long startNanos) {
    this.config = config;
    this.registry = registry;
    this.instrumenter = instrumenter;
    this.startNanos = startNanos;
  }

  static synchronized void start(String agentArgs, Instrumentation instrumentation) {
    long startNanos = System.nanoTime();
    ConfigLoader.Result loaded = ConfigLoader.loadFromProcess(agentArgs);
    AgentConfig config = loaded.config();
    AgentLog.setLevel(config.logLevel());
    for (String problem : loaded.problems()) {
      AgentLog.warn(problem);
    }
    if (!config.enabled()) {
      AgentLog.info("disabled by perf.enabled=false; the application runs unmeasured");
      return;
    }
    if (running != null) {
      AgentLog.info("already running in this JVM; ignoring the second start");
      return;
    }
    MethodRegistry registry = new MethodRegistry(config.maxMethods());
    Probe.install(registry);
    Instrumenter instrumenter = Instrumenter.register(instrumentation, config, registry);
    AgentRuntime runtime = new AgentRuntime(config, registry, instrumenter, startNanos);
    running = runtime;

    Thread init = new Thread(runtime.new Initialize(), "perf-agent-init");
    init.setDaemon(true);
    init.start();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime.new Shutdown(), "perf-agent-shutdown"));
    AgentLog.debug(
        "premain took " + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos) + " µs");
  }

  // Inner classes rather than lambdas: the first lambda in a JVM bootstraps java.lang.invoke,
  // which costs the application's main thread tens of milliseconds.
  private final class Initialize implements Runnable {
    @Override
    public void run() {
      initialize();
    }
  }

  private final class Shutdown implements Runnable {
    @Override
    public void run() {
      shutdown();
    }
  }

  private void initialize() {
    try {
      instrumenter.activate();
    } catch (Throwable failure) {
      AgentLog.error("instrumentation failed; the application runs unmeasured", failure);
    }
    List<MetricProducer> producers = new ArrayList<>();
    try {
      sampler = ResourceSampler.start(config.sampleIntervalMillis());
      producers.add(new ResourceMetricsProducer(sampler, AgentVersion.get()));
    } catch (Throwable failure) {
      AgentLog.error("resource sampling is off", failure);
    }
    try {
      if (exportsMetrics()) {
        pipeline =
            OtelPipeline.start(
                config.otelProperties(),
                config.exportMaxBatchPoints(),
                registry,
                producers,
                AgentVersion.get(),
                AgentLog::warn);
      }
    } catch (Throwable failure) {
      AgentLog.error("OpenTelemetry export is off", failure);
    } finally {
      initialized.countDown();
    }
    AgentLog.info(
        "perf-agent "
            + AgentVersion.get()
            + " ready in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)
            + " ms; metrics exporter: "
            + exporterInUse());
  }

  /** What the ready line says: the exporters the SDK really runs, not what was asked for. */
  private String exporterInUse() {
    OtelPipeline p = pipeline;
    return p != null ? p.exporters() : exportsMetrics() ? "none (export failed to start)" : "none";
  }

  /**
   * Whether any metrics exporter is configured. With {@code otel.metrics.exporter=none} (or the SDK
   * disabled) nothing would leave the process, so the SDK is not started at all: that saves its
   * start-up CPU, its threads and its memory.
   */
  private boolean exportsMetrics() {
    String exporters = config.otelProperties().getOrDefault("otel.metrics.exporter", "otlp");
    boolean disabled = "true".equalsIgnoreCase(config.otelProperties().get("otel.sdk.disabled"));
    return !disabled && !exporters.trim().equalsIgnoreCase("none");
  }

  private void shutdown() {
    try {
      // Waiting for start-up only pays when there is an export to finish: a short-lived process
      // must not lose its totals, but one that measured or exports nothing must not wait at exit.
      boolean anythingToExport = exportsMetrics() && registry.size() > 0;
      if (anythingToExport
          && !initialized.await(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        AgentLog.warn("start-up did not finish before exit; the last metrics are not exported");
      }
      OtelPipeline p = pipeline;
      if (p != null) {
        p.shutdown(config.exportShutdownTimeoutMillis()); // reports what it did not deliver
      }
      ResourceSampler s = sampler;
      if (s != null) {
        s.close();
      }
      long failures = Probe.failureCount();
      if (failures > 0) {
        AgentLog.warn(
            failures + " failures inside measurement were swallowed; first: " + Probe.firstFailure());
      }
    } catch (Throwable failure) {
      AgentLog.warn("shutdown export failed", failure);
    }
  }
}
