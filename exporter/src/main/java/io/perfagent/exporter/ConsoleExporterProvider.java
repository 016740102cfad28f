package io.perfagent.exporter;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.metrics.ConfigurableMetricExporterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;

/** Makes {@code OTEL_METRICS_EXPORTER=console} (and its old name {@code logging}) ours. */
public class ConsoleExporterProvider implements ConfigurableMetricExporterProvider {

  @Override
  public MetricExporter createExporter(ConfigProperties config) {
    return new ConsoleMetricExporter(System.err);
  }

  @Override
  public String getName() {
    return "console";
  }

  /** The deprecated name the OpenTelemetry docs still show. */
  public static final class LoggingAlias extends ConsoleExporterProvider {
    @Override
    public String getName() {
      return "logging";
    }
  }
}
