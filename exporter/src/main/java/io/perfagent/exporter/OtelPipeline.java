package io.perfagent.exporter;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.perfagent.core.model.MethodMetricsSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry SDK as the agent uses it: configured the standard way ({@code OTEL_*} variables
 * and {@code otel.*} properties, through the SDK's autoconfiguration), with the agent's metric
 * producers registered on the meter provider, so that every configured reader (periodic OTLP over
 * http/protobuf by default or gRPC, console, ...) exports the same numbers; given a scheduler, the
 * periodic exports run on it rather than on threads of the SDK's own.
 *
 * <p>Traces and logs are always off: the agent produces neither. Each collection goes out in
 * requests of bounded size ({@link BatchingExporter}); failures are reported in one throttled line
 * ({@link FailureReportingExporter}), and what the final export at exit did not deliver in one line
 * of its own.
 */
public final class OtelPipeline {

  /** The standard key that chooses explicit or exponential histograms. */
  public static final String HISTOGRAM_AGGREGATION_KEY =
      "otel.exporter.otlp.metrics.default.histogram.aggregation";

  /** The standard key that names the metrics exporters, comma-separated. */
  public static final String METRICS_EXPORTER_KEY = "otel.metrics.exporter";

  /** The SDK's metrics exporter when {@link #METRICS_EXPORTER_KEY} is not set. */
  public static final String DEFAULT_METRICS_EXPORTER = "otlp";

  /** Points per export request unless told otherwise ({@code perf.export.max-batch-points}). */
  public static final int DEFAULT_MAX_BATCH_POINTS = 2000;

  /**
   * The OTLP protocol unless configured: http/protobuf on port 4318, as the OpenTelemetry Java
   * agent does. Its sender is the JDK's {@code HttpClient} (no thread pools, no OkHttp loaded);
   * {@code grpc} stays available and loads its own sender only when chosen.
   */
  public static final String DEFAULT_PROTOCOL = "http/protobuf";

  /** How often a configuration the SDK refuses is retried without the key it names. */
  private static final int MAX_CONFIG_RETRIES = 5;

  private static final Pattern OTEL_KEY = Pattern.compile("otel\\.[a-z0-9_.-]*[a-z0-9]");

  private final OpenTelemetrySdk sdk;
  private final List<Exporter> exporters;
  private final List<ScheduledMetricReader> readers;
  private final Consumer<String> warn;

  private OtelPipeline(
      OpenTelemetrySdk sdk,
      List<Exporter> exporters,
      List<ScheduledMetricReader> readers,
      Consumer<String> warn) {
    this.sdk = sdk;
    this.exporters = exporters;
    this.readers = readers;
    this.warn = warn;
  }

  /** One configured metrics exporter, as wrapped by the pipeline. */
  private static final class Exporter {
    final String description;
    final BatchingExporter batching;
    final FailureReportingExporter reporting;

    Exporter(String description, BatchingExporter batching, FailureReportingExporter reporting) {
      this.description = description;
      this.batching = batching;
      this.reporting = reporting;
    }
  }

  /** Starts the SDK with {@link #DEFAULT_MAX_BATCH_POINTS}; see the full form. */
  public static OtelPipeline start(
      Map<String, String> overrides,
      MethodMetricsSource methods,
      List<MetricProducer> producers,
      String agentVersion,
      Consumer<String> warn) {
    return start(overrides, DEFAULT_MAX_BATCH_POINTS, methods, producers, agentVersion, warn);
  }

  /** Starts the SDK with readers of its own threads; see the full form. */
  public static OtelPipeline start(
      Map<String, String> overrides,
      int maxBatchPoints,
      MethodMetricsSource methods,
      List<MetricProducer> producers,
      String agentVersion,
      Consumer<String> warn) {
    return start(overrides, maxBatchPoints, methods, producers, agentVersion, warn, null);
  }

  /**
   * Starts the SDK. May take a few hundred milliseconds (class loading); call it off the
   * application's main thread.
   *
   * <p>A value the SDK still refuses (one the agent does not check itself) costs that key only: the
   * SDK names it in its error, the pipeline says so in one line and starts again without it.
   *
   * @param overrides validated {@code otel.*} settings that win over the SDK's own reading
   * @param maxBatchPoints at most this many points per export request (the requests are also kept
   *     under {@value BatchingExporter#MAX_REQUEST_BYTES} bytes)
   * @param methods the method recorders
   * @param producers further producers (resource metrics, ...) read by every reader
   * @param agentVersion reported as {@code telemetry.distro.version} and the scope version
   * @param warn where export failures are reported, one line at most once a minute
   * @param scheduler where the periodic exports run, shared with the caller's own tasks and never
   *     shut down by the pipeline; {@code null}: the SDK's periodic reader with two threads of its
   *     own per exporter
   * @throws RuntimeException the SDK's configuration error, naming the bad setting
   */
  public static OtelPipeline start(
      Map<String, String> overrides,
      int maxBatchPoints,
      MethodMetricsSource methods,
      List<MetricProducer> producers,
      String agentVersion,
      Consumer<String> warn,
      @Nullable ScheduledExecutorService scheduler) {
    silenceSdkExportLogs();
    Map<String, String> settings = new HashMap<>(overrides);
    // The agent produces neither traces nor logs; an exporter for them would idle on a thread, and
    // beside the OpenTelemetry agent, its otel.traces.exporter is not meant for this SDK.
    settings.put("otel.traces.exporter", "none");
    settings.put("otel.logs.exporter", "none");
    for (int retries = 0; ; retries++) {
      try {
        return build(settings, maxBatchPoints, methods, producers, agentVersion, warn, scheduler);
      } catch (RuntimeException refused) {
        String key = keyNamedIn(refused.getMessage());
        if (retries >= MAX_CONFIG_RETRIES || key == null || "".equals(settings.get(key))) {
          throw refused;
        }
        warn.accept("bad value for " + key + ": " + refused.getMessage() + "; ignoring it");
        settings.put(key, ""); // the SDK reads an empty value as not set
      }
    }
  }

  private static OtelPipeline build(
      Map<String, String> settings,
      int maxBatchPoints,
      MethodMetricsSource methods,
      List<MetricProducer> producers,
      String agentVersion,
      Consumer<String> warn,
      @Nullable ScheduledExecutorService scheduler) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.exporter.otlp.protocol", DEFAULT_PROTOCOL);
    // Counters are cumulative, so the next export is the retry; the SDK's own retries (up to five
    // over about ten seconds) would only delay the exit when the Collector is down.
    defaults.put("otel.java.exporter.otlp.retry.disabled", "true");
    InstrumentationScopeInfo scope =
        InstrumentationScopeInfo.builder("io.perfagent").setVersion(agentVersion).build();
    List<Exporter> exporters = new CopyOnWriteArrayList<>();
    List<ScheduledMetricReader> readers = new CopyOnWriteArrayList<>();
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> defaults)
            .addPropertiesCustomizer(config -> settings)
            .addMetricExporterCustomizer(
                (exporter, config) -> {
                  boolean otlp = isOtlp(exporter);
                  String target = otlp ? targetOf(config) : nameOf(exporter);
                  BatchingExporter batching =
                      new BatchingExporter(
                          exporter, target, maxBatchPoints, BatchingExporter.MAX_REQUEST_BYTES);
                  FailureReportingExporter reporting =
                      new FailureReportingExporter(
                          batching, target, warn, System::currentTimeMillis);
                  exporters.add(
                      new Exporter(otlp ? "otlp to " + target : target, batching, reporting));
                  return reporting;
                })
            .addMetricReaderCustomizer(
                (reader, config) -> {
                  // Autoconfiguration makes the exporter, then its periodic reader: replace the
                  // reader (never registered, so its threads never start) by one on the shared
                  // scheduler, around the exporter just made.
                  if (scheduler == null
                      || !(reader instanceof PeriodicMetricReader)
                      || exporters.isEmpty()) {
                    return reader;
                  }
                  long interval =
                      config
                          .getDuration("otel.metric.export.interval", Duration.ofMinutes(1))
                          .toMillis();
                  ScheduledMetricReader shared =
                      new ScheduledMetricReader(
                          exporters.get(exporters.size() - 1).reporting,
                          scheduler,
                          Math.max(1, interval));
                  readers.add(shared);
                  return shared;
                })
            .addResourceCustomizer(
                (resource, config) -> ProcessResource.create(agentVersion).merge(resource))
            .addMeterProviderCustomizer(
                (builder, config) -> {
                  builder.registerMetricProducer(
                      MethodMetricsProducer.builder(methods)
                          .setHistogramShape(shapeOf(config))
                          .setScope(scope)
                          .build());
                  producers.forEach(builder::registerMetricProducer);
                  return builder;
                })
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    // Export once now, in the background: a wrong endpoint shows in the log at start rather than an
    // interval later, and the exit's final export does not pay for loading the export path. Readers
    // on the caller's scheduler do it in startExports().
    if (readers.isEmpty()) {
      sdk.getSdkMeterProvider().forceFlush();
    }
    return new OtelPipeline(sdk, exporters, readers, warn);
  }

  /**
   * Starts the periodic exports of readers on the caller's scheduler (the SDK's own readers started
   * with the pipeline): call it once the caller's own components run. Until then only the final
   * export at {@link #shutdown} runs.
   */
  public void startExports() {
    readers.forEach(ScheduledMetricReader::start);
  }

  private static @Nullable String keyNamedIn(@Nullable String message) {
    if (message == null) {
      return null;
    }
    Matcher m = OTEL_KEY.matcher(message);
    return m.find() ? m.group() : null;
  }

  private static boolean isOtlp(MetricExporter exporter) {
    String name = exporter.getClass().getSimpleName();
    return name.startsWith("OtlpGrpc") || name.startsWith("OtlpHttp");
  }

  private static String nameOf(MetricExporter exporter) {
    return exporter instanceof ConsoleMetricExporter
        ? "console"
        : exporter.getClass().getSimpleName();
  }

  /**
   * The exporters actually in use, for the ready line: e.g. {@code otlp to
   * http://localhost:4318/v1/metrics (http/protobuf)}; {@code none} when the configuration names
   * none.
   */
  public String exporters() {
    List<String> names = new ArrayList<>();
    for (Exporter e : exporters) {
      names.add(e.description);
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /**
   * The SDK logs every failed export with a stack trace, and every timeout, through JUL; {@link
   * FailureReportingExporter} reports the same in one throttled line instead. JUL holds loggers
   * weakly, so the silenced ones are kept here. (The names are relocated along with the SDK.)
   */
  private static final List<Logger> SILENCED = new ArrayList<>();

  private static synchronized void silenceSdkExportLogs() {
    if (!SILENCED.isEmpty()) {
      return;
    }
    for (String name :
        new String[] {
          "io.opentelemetry.exporter", "io.opentelemetry.sdk.metrics.export.PeriodicMetricReader"
        }) {
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.OFF);
      SILENCED.add(logger);
    }
  }

  private static String targetOf(ConfigProperties config) {
    String endpoint = config.getString("otel.exporter.otlp.metrics.endpoint");
    if (endpoint == null) {
      endpoint = config.getString("otel.exporter.otlp.endpoint");
    }
    String protocol = config.getString("otel.exporter.otlp.metrics.protocol");
    if (protocol == null) {
      protocol = config.getString("otel.exporter.otlp.protocol", DEFAULT_PROTOCOL);
    }
    if (endpoint == null) {
      endpoint = protocol.equals("grpc") ? "http://localhost:4317" : "http://localhost:4318";
    }
    return endpoint + " (" + protocol + ")";
  }

  private static HistogramShape shapeOf(ConfigProperties config) {
    String value = config.getString(HISTOGRAM_AGGREGATION_KEY);
    return value == null ? HistogramShape.EXPLICIT : HistogramShape.parse(value);
  }

  /**
   * The application is exiting: call before stopping the scheduler the exports run on, so that an
   * export it interrupts is not reported as a failure (the final export makes up for it, and says
   * so itself if it cannot). {@link #shutdown} does it too.
   */
  public void beginShutdown() {
    for (Exporter e : exporters) {
      e.batching.beginFinal();
      e.reporting.beginFinal();
    }
  }

  /**
   * Exports a last time and stops the SDK's threads, waiting at most {@code timeoutMillis} in all:
   * the SDK's own shutdown waits up to 5 s at several steps, and a Collector that never answers
   * would hold the exit that long. Then says in one line per exporter what the final export did not
   * deliver, if anything.
   */
  public void shutdown(long timeoutMillis) {
    for (Exporter e : exporters) {
      e.batching.beginFinal();
      e.reporting.beginFinal();
    }
    Thread closer =
        new Thread(() -> sdk.shutdown().join(1, TimeUnit.MINUTES), "perf-agent-export-shutdown");
    closer.setDaemon(true); // left behind if the Collector keeps it waiting past the timeout
    closer.start();
    try {
      closer.join(Math.max(1, timeoutMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean completed = !closer.isAlive();
    for (Exporter e : exporters) {
      String problem = e.batching.finalProblem(completed, timeoutMillis);
      if (problem != null) {
        warn.accept(problem);
      }
    }
  }
}
