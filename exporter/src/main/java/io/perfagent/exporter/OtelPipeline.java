package io.perfagent.exporter;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.perfagent.core.model.MethodMetricsSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The OpenTelemetry SDK as the agent uses it: configured the standard way ({@code OTEL_*}
 * variables and {@code otel.*} properties, through the SDK's autoconfiguration), with the agent's
 * metric producers registered on the meter provider, so that every configured reader (periodic
 * OTLP over gRPC or http/protobuf, console, ...) exports the same numbers.
 *
 * <p>Traces and logs are off unless configured: the agent produces neither, and an idle exporter
 * would still cost a thread.
 */
public final class OtelPipeline implements AutoCloseable {

  /** The standard key that chooses explicit or exponential histograms. */
  public static final String HISTOGRAM_AGGREGATION_KEY =
      "otel.exporter.otlp.metrics.default.histogram.aggregation";

  private final OpenTelemetrySdk sdk;

  private OtelPipeline(OpenTelemetrySdk sdk) {
    this.sdk = sdk;
  }

  /**
   * Starts the SDK. May take a few hundred milliseconds (class loading); call it off the
   * application's main thread.
   *
   * @param overrides validated {@code otel.*} settings that win over the SDK's own reading
   * @param methods the method recorders
   * @param producers further producers (resource metrics, ...) read by every reader
   * @param agentVersion reported as {@code telemetry.distro.version} and the scope version
   * @param warn where export failures are reported, one line at most once a minute
   * @throws RuntimeException the SDK's configuration error, naming the bad setting
   */
  public static OtelPipeline start(
      Map<String, String> overrides,
      MethodMetricsSource methods,
      List<MetricProducer> producers,
      String agentVersion,
      Consumer<String> warn) {
    silenceSdkExportLogs();
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.traces.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    long startEpochNanos = System.currentTimeMillis() * 1_000_000L;
    InstrumentationScopeInfo scope =
        InstrumentationScopeInfo.builder("io.perfagent").setVersion(agentVersion).build();
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> defaults)
            .addPropertiesCustomizer(config -> overrides)
            .addMetricExporterCustomizer(
                (exporter, config) ->
                    new FailureReportingExporter(
                        exporter, targetOf(config), warn, System::currentTimeMillis))
            .addResourceCustomizer(
                (resource, config) -> ProcessResource.create(agentVersion).merge(resource))
            .addMeterProviderCustomizer(
                (builder, config) -> {
                  builder.registerMetricProducer(
                      MethodMetricsProducer.builder(methods)
                          .setHistogramShape(shapeOf(config))
                          .setScope(scope)
                          .setStartEpochNanos(startEpochNanos)
                          .build());
                  producers.forEach(builder::registerMetricProducer);
                  return builder;
                })
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    return new OtelPipeline(sdk);
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
      protocol = config.getString("otel.exporter.otlp.protocol", "grpc");
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

  /** Collects and exports once more now, waiting at most {@code timeoutMillis}. */
  public boolean flush(long timeoutMillis) {
    CompletableResultCode result = sdk.getSdkMeterProvider().forceFlush();
    return result.join(timeoutMillis, TimeUnit.MILLISECONDS).isSuccess();
  }

  /** Exports a last time and stops the SDK's threads, waiting at most {@code timeoutMillis}. */
  public void shutdown(long timeoutMillis) {
    sdk.shutdown().join(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    shutdown(10_000);
  }
}
