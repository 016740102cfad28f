package io.perfagent.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertRulesTest {

  @Test
  void theDefaultsParse_withTheDocumentedThresholds() {
    AlertRules.Parsed d = AlertRules.parse(AlertRules.DEFAULTS, "defaults");
    assertThat(d.problems()).isEmpty();
    assertThat(d.rules())
        .extracting(Rule::name)
        .containsExactly(
            "threshold:process.memory.usage",
            "threshold:jvm.memory.used_after_last_gc",
            "threshold:process.cpu.utilization",
            "threshold:process.unix.file_descriptor.count",
            "threshold:jvm.gc.time_fraction",
            "threshold:*queue*",
            "latency:*:p99",
            "errors:*",
            "anomaly:*");
  }

  @Test
  void eachBadRuleIsOneLineNamingWhereAndWhatIsExpected_andCostsOnlyItself() {
    AlertRules.Parsed p =
        AlertRules.parse(
            String.join(
                "\n",
                "# comment",
                "threshold process.memory.usage warning=80% critical=90%",
                "treshold x warning=1",
                "latency * p99 warning=fast",
                "errors * warning=5",
                "budget shop.A#b p95<lots",
                "threshold x warning=90% critical=80%",
                "latency * p99 warning=1s colour=red",
                "threshold y",
                "latency shop.A#* p95 warning=200ms   # trailing comment"),
            "/etc/rules.txt");
    assertThat(p.rules())
        .extracting(Rule::name)
        .containsExactly("threshold:process.memory.usage", "latency:shop.A#*:p95");
    assertThat(p.problems())
        .containsExactly(
            "/etc/rules.txt line 3: unknown rule type 'treshold'; expected threshold, latency, errors,"
                + " budget or anomaly — rule left out: treshold x warning=1",
            "/etc/rules.txt line 4: warning: expected a number such as 100, 80%, 512MB or 500ms, got"
                + " 'fast' — rule left out: latency * p99 warning=fast",
            "/etc/rules.txt line 5: an error threshold is a percentage such as 0.1% — rule left out:"
                + " errors * warning=5",
            "/etc/rules.txt line 6: expected a budget such as p95<200ms, p99<1s or errors<0.1%, got"
                + " 'p95<lots' — rule left out: budget shop.A#b p95<lots",
            "/etc/rules.txt line 7: warning must be at most critical, in the same kind of unit — rule"
                + " left out: threshold x warning=90% critical=80%",
            "/etc/rules.txt line 8: unknown option 'colour'; expected warning, critical, for, window,"
                + " min-calls, hysteresis, name, kind or off — rule left out: latency * p99"
                + " warning=1s colour=red",
            "/etc/rules.txt line 9: no threshold; expected warning=<v> and/or critical=<v> (e.g. 80%"
                + " of the limit, 1536MB, 100) — rule left out: threshold y");
  }

  @Test
  void rulesInOneKey_areSeparatedBySemicolons_andProblemsCountRules() {
    AlertRules.Parsed p =
        AlertRules.parse(
            "budget shop.A#b p95<200ms; budget shop.A#b errors<0.1%; budget x", "perf.alert.rules");
    assertThat(p.rules()).hasSize(2);
    assertThat(p.problems()).singleElement().asString().startsWith("perf.alert.rules rule 3: ");
  }

  @Test
  void theSeedsMetricNames_areRefusedWithTheKeyMeant() {
    AlertRules.Parsed p = AlertRules.parse("threshold memory_usage warning=1536MB", "f");
    assertThat(p.rules()).isEmpty();
    assertThat(p.problems())
        .containsExactly(
            "f line 1: unknown indicator 'memory_usage'; expected"
                + " an indicator key or application gauge name: process.memory.usage (RSS) or"
                + " jvm.memory.used_after_last_gc — rule left out: threshold memory_usage warning=1536MB");
  }

  @Test
  void duplicateNames_areRefused() {
    AlertRules.Parsed p =
        AlertRules.parse("threshold a warning=1 name=x\nthreshold b warning=1 name=x", "f");
    assertThat(p.problems()).singleElement().asString().contains("line 2: a second rule named 'x'");
  }

  @Test
  void patterns_matchMethodNames_withTheConfigsHashSyntax() {
    assertThat(Glob.of("shop.Orders#*").matches("shop.Orders.place")).isTrue();
    assertThat(Glob.of("shop.Orders#*").matches("shop.OrdersX.place")).isFalse();
    assertThat(Glob.of("*queue*").matches("orders.queue.depth")).isTrue();
    assertThat(Glob.of("a.b").matches("aXb")).isFalse();
  }
}
