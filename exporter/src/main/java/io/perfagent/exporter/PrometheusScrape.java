package io.perfagent.exporter;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import io.perfagent.core.model.MethodMetricsSource;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A pull of the same {@link MetricProducer}s the OTLP readers collect, rendered as Prometheus text
 * on request: names and units cannot diverge from what OTLP exports. Method durations always use
 * explicit buckets here, since the text format has no exponential histograms.
 */
public final class PrometheusScrape {

  private final Resource resource;
  private final List<MetricProducer> producers;

  /**
   * @param methods the method recorders
   * @param producers the other producers (resources, analysis), as registered with the SDK
   * @param service {@code service.name} for {@code target_info}
   */
  public PrometheusScrape(
      MethodMetricsSource methods,
      List<MetricProducer> producers,
      String agentVersion,
      String service) {
    this.resource =
        ProcessResource.create(agentVersion)
            .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
    List<MetricProducer> all = new ArrayList<>();
    all.add(
        MethodMetricsProducer.builder(methods)
            .setHistogramShape(HistogramShape.EXPLICIT)
            .setScope(
                InstrumentationScopeInfo.builder("io.perfagent").setVersion(agentVersion).build())
            .build());
    all.addAll(producers);
    this.producers = all;
  }

  /** Collects every producer now and renders the result. */
  public String render(boolean openMetrics) {
    List<MetricData> metrics = collect();
    StringBuilder out = new StringBuilder(4096 + 512 * metrics.size());
    PrometheusText.write(resource, metrics, openMetrics, out);
    return out.toString();
  }

  /**
   * Collects every producer now and streams the text to {@code out} as UTF-8, a few KB at a time:
   * what the endpoint serves, without holding the whole document.
   */
  public void write(boolean openMetrics, OutputStream out) throws IOException {
    PrometheusText.write(resource, collect(), openMetrics, out);
  }

  private List<MetricData> collect() {
    List<MetricData> metrics = new ArrayList<>();
    for (MetricProducer p : producers) {
      metrics.addAll(p.produce(resource));
    }
    return metrics;
  }
}
