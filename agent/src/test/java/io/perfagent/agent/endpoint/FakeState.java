package io.perfagent.agent.endpoint;

import io.perfagent.agent.sample.SampleHistory;
import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.analyze.MethodCycle;
import io.perfagent.core.analyze.MethodResult;
import io.perfagent.core.model.ProcessSample;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed {@link AgentState} for route tests. */
final class FakeState implements AgentState {

  static final long START = 1_700_000_000_000L;

  CycleReport latest;
  java.util.List<io.perfagent.core.detect.Finding> open = new java.util.ArrayList<>();
  SampleHistory samples;
  String prometheusText = "# TYPE x gauge\nx 1\n";

  @Override
  public String service() {
    return "shop";
  }

  @Override
  public String version() {
    return "9.9";
  }

  @Override
  public long startEpochMillis() {
    return START;
  }

  @Override
  public long sampleIntervalMillis() {
    return 10_000;
  }

  @Override
  public CycleReport latest() {
    return latest;
  }

  java.util.List<io.perfagent.core.detect.Recommendation> recommendations =
      java.util.Collections.emptyList();

  @Override
  public java.util.List<io.perfagent.core.detect.Recommendation> recommendations() {
    return recommendations;
  }

  @Override
  public java.util.List<io.perfagent.core.detect.Finding> openFindings() {
    return open;
  }

  @Override
  public SampleHistory samples() {
    return samples;
  }

  @Override
  public boolean latestProcess(ProcessSample out) {
    out.rssBytes = 300L << 20;
    out.peakRssBytes = 400L << 20;
    out.virtualBytes = 2048L << 20;
    out.cpuUtilization = 0.25;
    out.threads = 17;
    return true;
  }

  @Override
  public Map<String, Double> applicationGauges() {
    return Collections.singletonMap("orders.queue", 12.0);
  }

  @Override
  public Map<String, String> subsystems() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("instrumentation", "active (2 methods)");
    m.put("export", "off (otel.metrics.exporter=none)");
    m.put("state_dir", "off: no usable state directory");
    return m;
  }

  @Override
  public void prometheus(boolean openMetrics, java.io.OutputStream out) throws java.io.IOException {
    String text = openMetrics ? prometheusText + "# EOF\n" : prometheusText;
    out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A cycle: place is Moderate (+40 %), search Normal, RSS Critical, threads Normal. */
  static CycleReport degradedCycle() {
    MethodResult place =
        MethodResult.of(
            MethodCycle.of(
                "shop.Orders.place",
                true,
                1200,
                12,
                60,
                0.080,
                0.001,
                0.5,
                0.02,
                0.070,
                0.120,
                0.140,
                0.300),
            BaselineView.recorded(0.100, 12),
            0.40,
            Level.MODERATE);
    MethodResult search =
        MethodResult.of(
            MethodCycle.of(
                "shop.Catalog.search",
                true,
                600,
                0,
                60,
                0.002,
                0.0001,
                0.01,
                0.001,
                0.002,
                0.003,
                0.004,
                0.006),
            BaselineView.recorded(0.004, 12),
            0.0,
            Level.NORMAL);
    IndicatorResult rss =
        IndicatorResult.of(
            Indicator.RSS,
            600.0 * (1 << 20),
            BaselineView.recorded(300.0 * (1 << 20), 12),
            1.0,
            Level.CRITICAL);
    IndicatorResult threads =
        IndicatorResult.of(
            Indicator.THREADS, 20, BaselineView.recorded(19, 12), 0.05, Level.NORMAL);
    List<String> reasons =
        Arrays.asList(
            "process.memory.usage 600 MB vs 300 MB baseline (+100 %, Critical)",
            "shop.Orders.place p95 140 ms vs 100 ms baseline (+40 %, Moderate, 1200 calls)");
    return CycleReport.of(
        START + 120_000,
        60,
        Arrays.asList(place, search),
        Arrays.asList(rss, threads),
        Level.CRITICAL,
        reasons);
  }

  /** A cycle where everything is Normal. */
  static CycleReport normalCycle() {
    MethodResult search =
        MethodResult.of(
            MethodCycle.of(
                "shop.Catalog.search",
                true,
                600,
                0,
                60,
                0.002,
                0.0001,
                0.01,
                0.001,
                0.002,
                0.003,
                0.004,
                0.006),
            BaselineView.recorded(0.004, 12),
            0.0,
            Level.NORMAL);
    return CycleReport.of(
        START + 60_000,
        60,
        Collections.singletonList(search),
        Collections.emptyList(),
        Level.NORMAL,
        Collections.emptyList());
  }
}
