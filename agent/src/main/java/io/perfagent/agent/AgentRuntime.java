package io.perfagent.agent;

import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.perfagent.agent.analyze.AnalysisComponent;
import io.perfagent.agent.analyze.ServiceName;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.endpoint.EndpointComponent;
import io.perfagent.agent.instrument.Instrumenter;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.record.OverheadGovernor;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.agent.store.StateDir;
import io.perfagent.bootstrap.Probe;
import io.perfagent.exporter.AnalysisMetricsProducer;
import io.perfagent.exporter.OtelPipeline;
import io.perfagent.exporter.PrometheusScrape;
import io.perfagent.exporter.ResourceMetricsProducer;
import java.io.File;
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
  private volatile AgentScheduler scheduler;
  private volatile StateDir stateDir;
  private volatile AnalysisComponent analysis;
  /** Started components, closed in reverse order at exit. */
  private final List<Component> components = new ArrayList<>();

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
    // Components are made first and started last: once the scheduler thread runs, the export
    // pipeline is up too, so even a process that ends right away exports what they measured.
    List<MetricProducer> producers = new ArrayList<>();
    List<Component> made = new ArrayList<>();
    String service = ServiceName.of(config.otelProperties());
    try {
      scheduler = new AgentScheduler();
      if (config.overheadBudget() > 0) {
        scheduler.every(
            "overhead-governor",
            1_000,
            new OverheadGovernor(
                registry, config.overheadBudget(), OverheadGovernor.measureClock(), System::nanoTime));
      }
      stateDir = StateDir.open(config.stateDir().isEmpty() ? null : config.stateDir(), service);
      try {
        File probeDir = stateDir.isAvailable()
            ? stateDir.path().toFile()
            : new File(System.getProperty("java.io.tmpdir"));
        sampler = ResourceSampler.create(config.sampleIntervalMillis(), probeDir);
        made.add(sampler);
        producers.add(new ResourceMetricsProducer(sampler, AgentVersion.get()));
      } catch (Throwable failure) {
        AgentLog.error("resource sampling is off", failure);
      }
      try {
        analysis = new AnalysisComponent(config, registry, sampler, stateDir,
            service, "pid-" + ProcessHandle.current().pid());
        made.add(analysis);
        producers.add(new AnalysisMetricsProducer(
            analysis::latest, analysis::anomalyCounts, AgentVersion.get()));
      } catch (Throwable failure) {
        AgentLog.error("analysis is off", failure);
      }
      if (EndpointComponent.enabled(config)) {
        try {
          AnalysisComponent a = analysis;
          made.add(EndpointComponent.create(config, service, AgentVersion.get(), registry, sampler,
              a == null ? null : a::latest, a == null ? null : a::openFindings,
              new PrometheusScrape(registry, producers, AgentVersion.get(), service), stateDir,
              this::exportState));
        } catch (Throwable failure) {
          AgentLog.error("the endpoint is off", failure);
        }
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
                  AgentLog::warn,
                  scheduler.executor());
        }
      } catch (Throwable failure) {
        AgentLog.error("OpenTelemetry export is off", failure);
      }
      for (Component c : made) {
        try {
          startComponent(c);
        } catch (Throwable failure) {
          AgentLog.error(c.name() + " is off", failure);
        }
      }
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

  private void startComponent(Component c) {
    c.start(scheduler);
    synchronized (components) {
      components.add(c);
    }
  }

  /**
   * Whether any metrics exporter is configured. With {@code otel.metrics.exporter=none} (or the SDK
   * disabled) nothing would leave the process, so the SDK is not started at all: that saves its
   * start-up CPU, its threads and its memory.
   */
  private boolean exportsMetrics() {
    String exporters =
        config
            .otelProperties()
            .getOrDefault(OtelPipeline.METRICS_EXPORTER_KEY, OtelPipeline.DEFAULT_METRICS_EXPORTER);
    boolean disabled = "true".equalsIgnoreCase(config.otelProperties().get("otel.sdk.disabled"));
    return !disabled && !exporters.trim().equalsIgnoreCase("none");
  }

  private String exportState() {
    if (pipeline != null) {
      return "active ("
          + config
              .otelProperties()
              .getOrDefault(OtelPipeline.METRICS_EXPORTER_KEY, OtelPipeline.DEFAULT_METRICS_EXPORTER)
          + ")";
    }
    return exportsMetrics() ? "off: the SDK did not start" : "off (otel.metrics.exporter=none)";
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
      OtelPipeline exporting = pipeline;
      if (exporting != null) {
        exporting.beginShutdown(); // before the scheduler stops the export it may be running
      }
      AgentScheduler sched = scheduler;
      if (sched != null) {
        sched.close(1_000);
      }
      List<Component> started;
      synchronized (components) {
        started = new ArrayList<>(components);
      }
      // The last analysis cycle first: the final export then carries what it judged.
      for (int i = started.size() - 1; i >= 0; i--) {
        AgentLog.closeQuietly(started.get(i), started.get(i).name());
      }
      OtelPipeline p = pipeline;
      if (p != null) {
        p.shutdown(config.exportShutdownTimeoutMillis()); // reports what it did not deliver
      }
      StateDir dir = stateDir;
      if (dir != null) {
        dir.close();
      }
      long failures = Probe.failureCount();
      if (failures > 0) {
        AgentLog.warn(
            failures + " failures inside measurement were swallowed; first: " + Probe.firstFailure());
      }
      if (Probe.lostCalls > 0) {
        AgentLog.warn(Probe.lostCalls + " measured calls were not recorded (after a StackOverflowError, the frames nearest the end of the stack have no room left to report)");
      }
    } catch (Throwable failure) {
      AgentLog.warn("shutdown export failed", failure);
    }
  }
}
