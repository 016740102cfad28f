package io.perfagent.agent;

import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.perfagent.agent.alert.AlertComponent;
import io.perfagent.agent.analyze.AnalysisComponent;
import io.perfagent.agent.analyze.ServiceName;
import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.endpoint.EndpointComponent;
import io.perfagent.agent.instrument.ExecutorWeaving;
import io.perfagent.agent.instrument.Instrumenter;
import io.perfagent.agent.lifecycle.AgentScheduler;
import io.perfagent.agent.lifecycle.Component;
import io.perfagent.agent.log.AgentLog;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.agent.record.OverheadGovernor;
import io.perfagent.agent.sample.ExecutorTracker;
import io.perfagent.agent.sample.ResourceSampler;
import io.perfagent.agent.store.AgentPointer;
import io.perfagent.agent.store.StateDir;
import io.perfagent.bootstrap.Probe;
import io.perfagent.exporter.AlertMetricsProducer;
import io.perfagent.exporter.AnalysisMetricsProducer;
import io.perfagent.exporter.OtelPipeline;
import io.perfagent.exporter.PrometheusScrape;
import io.perfagent.exporter.ResourceMetricsProducer;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The agent's start-up sequence. On the caller's thread ({@code premain}) only what must happen
 * before the application's classes load: configuration, the probe's sink and the cheap deferred
 * transformer. Byte Buddy and the OpenTelemetry SDK start on one background thread, and a shutdown
 * hook exports a last time so that short-lived processes lose nothing.
 */
final class AgentRuntime {

  private static final long SHUTDOWN_TIMEOUT_MILLIS = 10_000;
  private static volatile @Nullable AgentRuntime running;

  private final AgentConfig config;
  private final MethodRegistry registry;
  private final Instrumenter instrumenter;
  private final long startNanos;
  private final CountDownLatch initialized = new CountDownLatch(1);
  private volatile @Nullable OtelPipeline pipeline;
  private volatile @Nullable ResourceSampler sampler;
  private volatile @Nullable AgentScheduler scheduler;
  private volatile @Nullable StateDir stateDir;
  private volatile @Nullable AnalysisComponent analysis;
  private volatile @Nullable AlertComponent alerts;

  /** Started components, closed in reverse order at exit. */
  private final List<Component> components = new ArrayList<>();

  private volatile String agentArgs = "";
  private volatile Reply startReply = Reply.NONE;
  private volatile @Nullable Thread shutdownHook;
  private volatile @Nullable EndpointComponent endpoint;
  private volatile @Nullable ConfigReload reload;
  private volatile java.util.concurrent.@Nullable ScheduledFuture<?> unmatchedReport;
  private volatile @Nullable ExecutorWeaving executorWeaving;
  private volatile @Nullable ExecutorTracker executorTracker;

  /** Where the CLI finds this agent's state directory, whatever it is; removed at exit. */
  private volatile java.nio.file.@Nullable Path pointer;

  private AgentRuntime(
      AgentConfig config, MethodRegistry registry, Instrumenter instrumenter, long startNanos) {
    this.config = config;
    this.registry = registry;
    this.instrumenter = instrumenter;
    this.startNanos = startNanos;
  }

  static synchronized void start(String rawArgs, Instrumentation instrumentation) {
    long startNanos = System.nanoTime();
    ControlArgs control = ControlArgs.parse(rawArgs);
    Reply reply = Reply.to(control.reply);
    if (control.command != null && !control.command.equals("attach")) {
      control(control.command, reply);
      return;
    }
    String agentArgs = control.agentArgs;
    if (running != null) {
      if (control.command != null) {
        reply.warn("perf-agent is already running in this JVM; detach it first to attach again");
        reply.done(false);
        return;
      }
    }
    ConfigLoader.Result loaded = ConfigLoader.loadFromProcess(agentArgs);
    AgentConfig config = loaded.config();
    AgentLog.setLevel(config.logLevel());
    for (String problem : loaded.problems()) {
      AgentLog.warn(problem);
    }
    if (!config.enabled()) {
      reply.info("disabled by perf.enabled=false; the application runs unmeasured");
      reply.done(false);
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
    runtime.agentArgs = agentArgs;
    runtime.startReply = reply;
    running = runtime;

    Thread init = new Thread(runtime.new Initialize(), "perf-agent-init");
    init.setDaemon(true);
    init.start();
    runtime.shutdownHook = new Thread(runtime.new Shutdown(), "perf-agent-shutdown");
    Runtime.getRuntime().addShutdownHook(runtime.shutdownHook);
    AgentLog.debug(
        "premain took " + TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startNanos) + " µs");
  }

  /** {@code reload} or {@code detach}, asked for by the CLI through the Attach API. */
  private static void control(String command, Reply reply) {
    AgentRuntime r;
    synchronized (AgentRuntime.class) {
      r = running;
    }
    if (r == null) {
      reply.warn("perf-agent is not running in this JVM (never started, or detached)");
      reply.done(false);
      return;
    }
    if (command.equals("reload")) {
      ConfigReload cr = r.reload;
      boolean ok = cr != null && cr.reload("asked by the CLI", reply);
      if (cr == null) {
        reply.warn("perf-agent is still starting; try again in a moment");
      }
      reply.done(ok);
    } else if (command.equals("detach")) {
      r.detach(reply);
    } else {
      reply.warn("unknown perf.control command '" + command + "'; expected reload or detach");
      reply.done(false);
    }
  }

  /**
   * Undoes the start: every advice is removed (classes back to their original bytes), the
   * components close (last cycle, history flush, unregistration), the last export goes out, and the
   * probe drops reports from then on. The JVM runs on as if never measured; attaching again later
   * starts afresh.
   */
  private void detach(Reply reply) {
    long start = System.nanoTime();
    try {
      initialized.await(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int restored = instrumenter.detach();
    ExecutorWeaving weaving = executorWeaving;
    if (weaving != null) {
      try {
        weaving.remove();
      } catch (Throwable failure) {
        reply.warn("the thread-pool classes could not be restored: " + failure);
      }
    }
    shutdown();
    Probe.install(null);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException exiting) {
      // The JVM is already exiting: the hook runs anyway and finds everything closed.
    }
    synchronized (AgentRuntime.class) {
      running = null;
    }
    reply.info(
        "perf-agent detached in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " ms: "
            + restored
            + " classes restored to their original code; threads stopped; last export sent");
    reply.done(true);
  }

  /** Logs one line per pattern of {@code perf.instrument.methods} that selects nothing. */
  private void reportUnmatched() {
    for (String line : instrumenter.unmatchedPatterns()) {
      AgentLog.warn(line);
    }
  }

  /** (Re)schedules {@link #reportUnmatched} after the configured delay. */
  private void scheduleUnmatchedReport(long delayMillis) {
    AgentScheduler sched = scheduler;
    if (sched == null) {
      return;
    }
    java.util.concurrent.ScheduledFuture<?> previous = unmatchedReport;
    if (previous != null) {
      previous.cancel(false);
    }
    unmatchedReport = sched.after("unmatched-patterns", delayMillis, this::reportUnmatched);
  }

  // Inner classes rather than lambdas: the first lambda in a JVM bootstraps java.lang.invoke,
  // which costs the application's main thread tens of milliseconds.
  private final class Initialize implements Runnable {
    @Override
    public void run() {
      try {
        initialize();
      } catch (Throwable failure) {
        // Nothing the start-up does may reach the application, not even as a stack trace.
        AgentLog.error("start-up stopped; the application runs on", failure);
      }
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
      stateDir = StateDir.open(config.stateDir().isEmpty() ? null : config.stateDir(), service);
      if (stateDir.isAvailable()) {
        pointer =
            AgentPointer.write(ProcessHandle.current().pid(), stateDir.path(), System::getenv);
      }
      try {
        File probeDir =
            stateDir.isAvailable()
                ? stateDir.path().toFile()
                : new File(System.getProperty("java.io.tmpdir"));
        sampler = ResourceSampler.create(config.sampleIntervalMillis(), probeDir);
        made.add(sampler);
        producers.add(new ResourceMetricsProducer(sampler, AgentVersion.get()));
      } catch (Throwable failure) {
        AgentLog.error("resource sampling is off", failure);
      }
      if (config.executors()) {
        try {
          ExecutorTracker tracker = new ExecutorTracker(config.sampleIntervalMillis());
          executorTracker = tracker;
          made.add(tracker);
          executorWeaving = instrumenter.weaveExecutors();
        } catch (Throwable failure) {
          AgentLog.error("thread-pool sampling is off", failure);
        }
      }
      try {
        analysis =
            new AnalysisComponent(
                config,
                registry,
                sampler,
                stateDir,
                service,
                "pid-" + ProcessHandle.current().pid());
        made.add(analysis);
        producers.add(
            new AnalysisMetricsProducer(
                analysis::latest, analysis::anomalyCounts, AgentVersion.get()));
      } catch (Throwable failure) {
        AgentLog.error("analysis is off", failure);
      }
      if (analysis != null) {
        try {
          ResourceSampler s = sampler;
          AlertComponent a =
              AlertComponent.create(
                  config,
                  stateDir,
                  service,
                  "pid-" + ProcessHandle.current().pid(),
                  s == null ? () -> -1L : s::memoryLimitBytes,
                  registry::budgetsFrom);
          analysis.afterEachCycle(a::cycle);
          made.add(a);
          alerts = a;
          producers.add(
              new AlertMetricsProducer(
                  a.engine()::firingCounts, a.engine()::firedCounts, AgentVersion.get()));
        } catch (Throwable failure) {
          AgentLog.error("alerts are off", failure);
        }
      }
      if (EndpointComponent.enabled(config)) {
        try {
          made.add(endpoint = makeEndpoint(config, service, producers));
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
      ConfigReload r = new ConfigReload(agentArgs, config, new LiveTargets(service, producers));
      reload = r;
      if (ConfigWatch.anyToWatch(config)) {
        made.add(new ConfigWatch(r));
      }
      for (Component c : made) {
        try {
          startComponent(c);
        } catch (Throwable failure) {
          AgentLog.error(c.name() + " is off", failure);
        }
      }
      // Only now may the export and the governor start the scheduler's thread: the thread's
      // existence says the components run (ResourceMetricsTest's application waits for it before
      // its GC, which only a subscribed GC listener sees).
      OtelPipeline exporting = pipeline;
      if (exporting != null) {
        exporting.startExports();
      }
      if (config.overheadBudget() > 0) {
        scheduler.every(
            "overhead-governor",
            1_000,
            new OverheadGovernor(
                registry,
                config.overheadBudget(),
                OverheadGovernor.measureClock(),
                System::nanoTime));
      }
    } finally {
      initialized.countDown();
    }
    if (!config.methods().isEmpty()) {
      scheduleUnmatchedReport(config.unmatchedAfterMillis());
    }
    AgentScheduler sched = scheduler;
    if (sched != null) {
      sched.every("pattern sweep", 2_000, instrumenter::sweepLearntSupertypes);
    }
    startReply.info(
        "perf-agent "
            + AgentVersion.get()
            + " ready in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos)
            + " ms; "
            + registry.size()
            + " methods measured so far; endpoint: "
            + endpointUrl()
            + "; metrics exporter: "
            + exporterInUse());
    startReply.done(true);
  }

  /** What a reload changes: this runtime's components. */
  private final class LiveTargets implements ConfigReload.Targets {
    private final String service;
    private final List<MetricProducer> producers;

    LiveTargets(String service, List<MetricProducer> producers) {
      this.service = service;
      this.producers = producers;
    }

    @Override
    public int selection(AgentConfig next) throws Exception {
      return instrumenter.reconfigure(next);
    }

    @Override
    public void selectionApplied() {
      ConfigReload r = Objects.requireNonNull(reload, "set before it runs");
      scheduleUnmatchedReport(r.current().unmatchedAfterMillis());
    }

    @Override
    public void endpoint(AgentConfig next) {
      replaceEndpoint(next, service, producers);
    }

    @Override
    public void sampling(AgentConfig next) {
      ResourceSampler s = sampler;
      if (s != null) {
        s.reschedule(next.sampleIntervalMillis());
      }
      ExecutorTracker t = executorTracker;
      if (t != null) {
        t.reschedule(next.sampleIntervalMillis());
      }
    }

    @Override
    public void analysis(AgentConfig next) {
      AnalysisComponent a = analysis;
      if (a != null) {
        a.apply(next);
      }
    }

    @Override
    public AlertComponent.@Nullable RuleSet alertRules(AgentConfig next) {
      return alerts == null ? null : AlertComponent.rules(next);
    }

    @Override
    public void alerts(AlertComponent.RuleSet rules) {
      AlertComponent a = alerts;
      if (a != null) {
        a.replaceRules(rules);
      }
    }
  }

  private EndpointComponent makeEndpoint(
      AgentConfig c, String service, List<MetricProducer> producers) {
    AnalysisComponent a = analysis;
    AlertComponent al = alerts;
    return EndpointComponent.create(
            c,
            service,
            AgentVersion.get(),
            registry,
            sampler,
            a == null ? null : a::latest,
            a == null ? null : a::openFindings,
            a == null ? null : a::recommendations,
            new PrometheusScrape(registry, producers, AgentVersion.get(), service),
            java.util.Objects.requireNonNull(
                stateDir, "the state dir is opened before the endpoint"),
            this::exportState)
        .withAlerts(al == null ? null : al.engine());
  }

  /** A reload changed the endpoint's keys: the old one closes, a new one starts if on. */
  private void replaceEndpoint(AgentConfig next, String service, List<MetricProducer> producers) {
    EndpointComponent old = endpoint;
    if (old != null) {
      AgentLog.closeQuietly(old, old.name());
      synchronized (components) {
        components.remove(old);
      }
      endpoint = null;
    }
    if (EndpointComponent.enabled(next)) {
      EndpointComponent e = makeEndpoint(next, service, producers);
      startComponent(e);
      endpoint = e;
    } else {
      AgentLog.info("the endpoint is off (perf.endpoint.port=off)");
    }
  }

  /** Where the local endpoint answers, for the ready line. */
  private String endpointUrl() {
    EndpointComponent e = endpoint;
    int port = e == null ? -1 : e.port();
    if (port < 0) {
      return "off";
    }
    String host = config.endpointHost().trim();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
  }

  /** What the ready line says: the exporters the SDK really runs, not what was asked for. */
  private String exporterInUse() {
    OtelPipeline p = pipeline;
    return p != null ? p.exporters() : exportsMetrics() ? "none (export failed to start)" : "none";
  }

  private void startComponent(Component c) {
    c.start(Objects.requireNonNull(scheduler, "the scheduler is made before any component"));
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
              .getOrDefault(
                  OtelPipeline.METRICS_EXPORTER_KEY, OtelPipeline.DEFAULT_METRICS_EXPORTER)
          + ")";
    }
    return exportsMetrics() ? "off: the SDK did not start" : "off (otel.metrics.exporter=none)";
  }

  private void shutdown() {
    try {
      // Waiting for start-up only pays when there is an export to finish: a short-lived process
      // must not lose its totals, but one that measured or exports nothing must not wait at exit.
      boolean anythingToExport = exportsMetrics() && registry.size() > 0;
      if (anythingToExport && !initialized.await(SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
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
      AgentPointer.remove(pointer);
      long failures = Probe.failureCount();
      if (failures > 0) {
        AgentLog.warn(
            failures
                + " failures inside measurement were swallowed; first: "
                + Probe.firstFailure());
      }
      long lost = Probe.lostCalls;
      if (lost > 0) {
        AgentLog.warn(
            lost
                + " measured calls were not recorded (after a StackOverflowError, the frames nearest the end of the stack have no room left to report)");
      }
    } catch (Throwable failure) {
      AgentLog.warn("shutdown export failed", failure);
    }
  }
}
