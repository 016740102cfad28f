package io.perfagent.core.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdvisorTest {

  private static final long AT_1405 = 1_767_276_300_000L; // 2026-01-01T14:05Z
  private static final long NOW = AT_1405 + 10 * 60_000;

  private final Advisor advisor = new Advisor();

  private static Finding degradation(String series, Severity s, double value, double baseline) {
    return Finding.builder(FindingKind.PERSISTENT_DEGRADATION, series)
        .severity(s)
        .timestamp(NOW)
        .since(AT_1405)
        .value(value)
        .baseline(baseline)
        .calls(1240)
        .evidence("test")
        .build();
  }

  @Test
  void methodRegression_statesFactBaselineWindowSinceAndCalls() {
    List<Recommendation> r =
        advisor.advise(
            AdvisorInput.builder("shop", NOW)
                .findings(
                    Arrays.asList(degradation("OrderService.place", Severity.WARNING, 142, 100)))
                .baselineWindow("7 days, hour 14")
                .build());
    Recommendation m = byRule(r, "method_latency_regression");
    assertThat(m.text())
        .startsWith(
            "`OrderService.place` p95 142 vs 100 baseline (7 days, hour 14) +42 % since 14:05,"
                + " 1240 calls.");
    assertThat(m.severity()).isEqualTo(Severity.WARNING);
    assertThat(m.baselineWindow()).isEqualTo("7 days, hour 14");
    Recommendation drift = byRule(r, "critical_performance_drift");
    assertThat(drift.text()).startsWith("perf-agent: performance degradation detected in shop");
    assertThat(drift.action()).contains("java -jar perf-agent.jar status");
    assertThat(drift.toJson()).contains("\"rule\":\"critical_performance_drift\"");
  }

  @Test
  void stepAndDegradationOnOneMethod_giveOneLatencyRecommendation() {
    Finding step =
        Finding.builder(FindingKind.STEP_CHANGE, "a.B.c")
            .severity(Severity.CRITICAL)
            .timestamp(NOW)
            .since(AT_1405)
            .value(160)
            .baseline(100)
            .evidence("step")
            .build();
    List<Recommendation> r =
        advisor.advise(
            AdvisorInput.builder("shop", NOW)
                .findings(Arrays.asList(degradation("a.B.c", Severity.INFO, 160, 100), step))
                .build());
    assertThat(r)
        .filteredOn(x -> x.rule().equals("method_latency_regression"))
        .singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.CRITICAL));
  }

  @Test
  void readings_giveGcPoolAndBaselineHints() {
    List<Recommendation> r =
        advisor.advise(
            AdvisorInput.builder("shop", NOW)
                .gcTimeFraction(0.14, 0.02)
                .pool("Metaspace", 85e6, 100e6)
                .pool("G1 Old Gen", 10e6, 100e6)
                .baselineBuiltAt(NOW - 31L * 86_400_000)
                .versions("1.4.0", "1.3.2")
                .build());
    assertThat(rules(r))
        .containsExactlyInAnyOrder(
            "gc_overhead", "memory_pool_near_limit", "stale_baseline", "new_version");
    assertThat(byRule(r, "gc_overhead").text()).contains("14.0 % of wall time vs 2.0 % baseline");
    assertThat(byRule(r, "memory_pool_near_limit").action()).contains("MaxMetaspaceSize");
    assertThat(byRule(r, "stale_baseline").action()).contains("rebuild");
  }

  @Test
  void threadsUpWithLatencyUp_isPoolSaturation_butThreadsUpAloneIsNot() {
    AdvisorInput.Builder in = AdvisorInput.builder("shop", NOW).threads(260, 120);
    assertThat(rules(advisor.advise(in.build()))).doesNotContain("pool_saturation");
    in.findings(Arrays.asList(degradation("a.B.c", Severity.INFO, 120, 100)));
    assertThat(rules(advisor.advise(in.build()))).contains("pool_saturation");
  }

  @Test
  void heapLeak_givesTheTimeToOutOfMemoryError() {
    Finding leak =
        Finding.builder(FindingKind.LEAK, Indicators.HEAP_AFTER_GC)
            .severity(Severity.WARNING)
            .timestamp(NOW)
            .value(120e6)
            .timeToLimitMs(13 * 3_600_000L)
            .evidence("+114 MB per hour")
            .build();
    Recommendation r =
        byRule(
            advisor.advise(AdvisorInput.builder("shop", NOW).findings(Arrays.asList(leak)).build()),
            "heap_leak");
    assertThat(r.text()).contains("Time to OutOfMemoryError: about 13 h 00 min");
    assertThat(r.evidence()).isEqualTo(leak.id());
  }

  @Test
  void eventsAndResolutions_giveNoAdvice() {
    Finding event =
        Finding.builder(FindingKind.OUTLIER, "a").event().timestamp(NOW).evidence("spike").build();
    assertThat(
            advisor.advise(
                AdvisorInput.builder("shop", NOW).findings(Arrays.asList(event)).build()))
        .isEmpty();
  }

  private static Recommendation byRule(List<Recommendation> r, String rule) {
    return r.stream()
        .filter(x -> x.rule().equals(rule))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + rule + " in " + r));
  }

  private static List<String> rules(List<Recommendation> r) {
    return r.stream().map(Recommendation::rule).collect(Collectors.toList());
  }
}
