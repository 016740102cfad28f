package io.perfagent.agent.cli;

import io.perfagent.core.json.JsonWriter;

/**
 * A Grafana dashboard (JSON model, schema 39) over a Prometheus data source that scrapes the
 * agent's {@code /metrics/prometheus} (or receives its OTLP through a Collector): per method call
 * and error rates, p50/p95/p99 and a duration heatmap, the top 10 error types; resources (memory
 * against its limits, CPU, threads, file descriptors, GC time); the degradation levels and the
 * firing alerts. Variables: {@code datasource}, {@code job} and {@code method}.
 */
final class GrafanaDashboard {

  private final String service;
  private final JsonWriter w = new JsonWriter();
  private int id;
  private int y;
  private int x;

  GrafanaDashboard(String service) {
    this.service = service;
  }

  String render() {
    w.beginObject()
        .name("title")
        .value(service.isEmpty() ? "perf-agent" : "perf-agent: " + service)
        .name("uid")
        .value(
            service.isEmpty()
                ? "perf-agent"
                : ("perf-agent-" + service)
                    .replaceAll("[^A-Za-z0-9_-]", "-")
                    .substring(0, Math.min(40, service.length() + 11)))
        .name("tags")
        .beginArray()
        .value("perf-agent")
        .endArray()
        .name("timezone")
        .value("browser")
        .name("schemaVersion")
        .value(39)
        .name("version")
        .value(1)
        .name("editable")
        .value(true)
        .name("refresh")
        .value("30s")
        .name("time")
        .beginObject()
        .name("from")
        .value("now-6h")
        .name("to")
        .value("now")
        .endObject();
    templating();
    w.name("panels").beginArray();
    row("Methods");
    panel(
        "timeseries",
        "Calls per second",
        "reqps",
        8,
        "sum by (code_function_name) (rate(perf_method_calls_total{job=~\"$job\", code_function_name=~\"$method\"}[$__rate_interval]))",
        "{{code_function_name}}");
    panel(
        "timeseries",
        "Errors per second",
        "reqps",
        8,
        "sum by (code_function_name) (rate(perf_method_calls_total{job=~\"$job\", code_function_name=~\"$method\", error_type!=\"\"}[$__rate_interval]))",
        "{{code_function_name}}");
    panel(
        "timeseries",
        "Error ratio",
        "percentunit",
        8,
        "sum by (code_function_name) (rate(perf_method_calls_total{job=~\"$job\", code_function_name=~\"$method\", error_type!=\"\"}[$__rate_interval]))"
            + " / sum by (code_function_name) (rate(perf_method_calls_total{job=~\"$job\", code_function_name=~\"$method\"}[$__rate_interval]))",
        "{{code_function_name}}");
    for (String q : new String[] {"0.5", "0.95", "0.99"}) {
      panel(
          "timeseries",
          "p" + (q.equals("0.5") ? "50" : q.substring(2)) + " latency",
          "s",
          8,
          "histogram_quantile("
              + q
              + ", sum by (code_function_name, le) (rate(perf_method_duration_seconds_bucket{job=~\"$job\", code_function_name=~\"$method\"}[$__rate_interval])))",
          "{{code_function_name}}");
    }
    heatmap();
    panel(
        "table",
        "Top 10 error types",
        "short",
        12,
        "topk(10, sum by (code_function_name, error_type) (increase(perf_method_calls_total{job=~\"$job\", error_type!=\"\"}[$__range])))",
        "{{error_type}}");
    panel(
        "timeseries",
        "Baseline p95 (seconds)",
        "s",
        12,
        "max by (code_function_name) (perf_method_duration_baseline_seconds{job=~\"$job\", code_function_name=~\"$method\"})",
        "{{code_function_name}}");
    row("Resources");
    panel(
        "timeseries",
        "Memory (RSS) and its cgroup limit",
        "bytes",
        8,
        "max by (instance) (process_memory_usage_bytes{job=~\"$job\"})",
        "RSS {{instance}}",
        "max by (instance) (perf_cgroup_memory_limit_bytes{job=~\"$job\"})",
        "limit {{instance}}");
    panel(
        "timeseries",
        "Heap after GC and heap maximum",
        "bytes",
        8,
        "sum by (instance) (jvm_memory_used_after_last_gc_bytes{job=~\"$job\", jvm_memory_type=\"heap\"})",
        "after GC {{instance}}",
        "sum by (instance) (jvm_memory_limit_bytes{job=~\"$job\", jvm_memory_type=\"heap\"} > 0)",
        "max {{instance}}");
    panel(
        "timeseries",
        "CPU (share of all processors)",
        "percentunit",
        8,
        "max by (instance) (process_cpu_utilization_ratio{job=~\"$job\"})",
        "{{instance}}");
    panel(
        "timeseries",
        "Threads",
        "short",
        8,
        "max by (instance) (jvm_thread_count{job=~\"$job\"})",
        "{{instance}}");
    panel(
        "timeseries",
        "Open file descriptors",
        "short",
        8,
        "max by (instance) (process_unix_file_descriptor_count{job=~\"$job\"})",
        "{{instance}}");
    panel(
        "timeseries",
        "GC time (share of wall time)",
        "percentunit",
        8,
        "sum by (instance) (rate(jvm_gc_duration_seconds_sum{job=~\"$job\"}[$__rate_interval]))",
        "{{instance}}");
    row("Health and alerts");
    panel(
        "gauge",
        "Health (worst degradation level: 0 Normal … 3 Critical)",
        "none",
        6,
        "max(perf_degradation_level_ratio{job=~\"$job\"})",
        "level");
    panel(
        "timeseries",
        "Degradation level by method and indicator",
        "none",
        10,
        "max by (code_function_name, perf_indicator) (perf_degradation_level_ratio{job=~\"$job\"})",
        "{{code_function_name}}{{perf_indicator}}");
    panel(
        "table",
        "Alerts firing in the agent",
        "short",
        8,
        "max by (perf_alert_rule, perf_alert_severity) (perf_alerts_active{job=~\"$job\"}) > 0",
        "{{perf_alert_rule}}");
    panel(
        "table",
        "Alerts firing in Prometheus",
        "short",
        24,
        "ALERTS{alertstate=\"firing\", job=~\"$job\"}",
        "{{alertname}}");
    return w.endArray().endObject().toString() + "\n";
  }

  private void templating() {
    w.name("templating").beginObject().name("list").beginArray();
    w.beginObject()
        .name("name")
        .value("datasource")
        .name("type")
        .value("datasource")
        .name("query")
        .value("prometheus")
        .name("label")
        .value("Data source")
        .endObject();
    variable(
        "job", "label_values(perf_method_calls_total, job)", service.isEmpty() ? ".*" : service);
    variable(
        "method", "label_values(perf_method_calls_total{job=~\"$job\"}, code_function_name)", ".*");
    w.endArray().endObject();
  }

  private void variable(String name, String query, String current) {
    w.beginObject().name("name").value(name).name("type").value("query");
    datasource();
    w.name("query")
        .beginObject()
        .name("query")
        .value(query)
        .name("refId")
        .value(name)
        .endObject()
        .name("definition")
        .value(query)
        .name("includeAll")
        .value(true)
        .name("allValue")
        .value(".*")
        .name("multi")
        .value(true)
        .name("refresh")
        .value(2)
        .name("current")
        .beginObject()
        .name("text")
        .value(current)
        .name("value")
        .value(current)
        .endObject()
        .endObject();
  }

  private void row(String title) {
    newLine();
    begin("row", title, 1, 24, false).name("collapsed").value(false);
    w.name("panels").beginArray().endArray().endObject();
    y += 1;
  }

  /** A panel with one or more (expression, legend) targets. */
  private void panel(String type, String title, String unit, int width, String... targets) {
    if (x + width > 24) {
      x = 0;
      y += 8;
    }
    begin(type, title, 8, width, true)
        .name("fieldConfig")
        .beginObject()
        .name("defaults")
        .beginObject()
        .name("unit")
        .value(unit)
        .endObject()
        .name("overrides")
        .beginArray()
        .endArray()
        .endObject()
        .name("targets")
        .beginArray();
    for (int i = 0; i < targets.length; i += 2) {
      w.beginObject()
          .name("refId")
          .value(String.valueOf((char) ('A' + i / 2)))
          .name("expr")
          .value(targets[i])
          .name("legendFormat")
          .value(targets[i + 1]);
      if (type.equals("table")) {
        w.name("instant").value(true).name("format").value("table");
      }
      w.endObject();
    }
    w.endArray().endObject();
    x += width;
  }

  private void heatmap() {
    newLine();
    begin("heatmap", "Duration heatmap", 8, 12, true)
        .name("options")
        .beginObject()
        .name("calculate")
        .value(false)
        .name("yAxis")
        .beginObject()
        .name("unit")
        .value("s")
        .endObject()
        .endObject()
        .name("targets")
        .beginArray()
        .beginObject()
        .name("refId")
        .value("A")
        .name("expr")
        .value(
            "sum by (le) (increase(perf_method_duration_seconds_bucket{job=~\"$job\", code_function_name=~\"$method\"}[$__rate_interval]))")
        .name("format")
        .value("heatmap")
        .name("legendFormat")
        .value("{{le}}")
        .endObject()
        .endArray()
        .endObject();
    x = 12;
  }

  /** Starts the next row of the grid unless the current one is empty. */
  private void newLine() {
    if (x > 0) {
      x = 0;
      y += 8;
    }
  }

  /**
   * Opens a panel's object at the current grid position: id, type, title, the data source (every
   * panel but a row), and its place; the caller adds its own fields and closes it.
   */
  private JsonWriter begin(String type, String title, int height, int width, boolean queried) {
    w.beginObject().name("id").value(++id).name("type").value(type).name("title").value(title);
    if (queried) {
      datasource();
    }
    return w.name("gridPos")
        .beginObject()
        .name("h")
        .value(height)
        .name("w")
        .value(width)
        .name("x")
        .value(x)
        .name("y")
        .value(y)
        .endObject();
  }

  /** The {@code datasource} field: the dashboard's {@code ${datasource}} variable. */
  private void datasource() {
    w.name("datasource")
        .beginObject()
        .name("type")
        .value("prometheus")
        .name("uid")
        .value("${datasource}")
        .endObject();
  }
}
