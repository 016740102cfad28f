package io.perfagent.core.alert;

import static io.perfagent.core.alert.Cycles.calls;
import static io.perfagent.core.alert.Cycles.cycle;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.detect.Finding;
import io.perfagent.core.detect.FindingKind;
import io.perfagent.core.detect.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle over an injected clock: every time is a number the test chooses. */
class AlertEngineTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long MIN = 60_000;
  private static final String RSS = "process.memory.usage";

  private static AlertEngine engine(String rules) {
    AlertRules.Parsed parsed = AlertRules.parse(rules, "test");
    assertThat(parsed.problems()).isEmpty();
    return AlertEngine.of(parsed.rules());
  }

  private static List<Transition> rss(AlertEngine e, long t, double bytes) {
    return e.evaluate(cycle().indicator(Indicator.RSS, bytes).limit(RSS, 1000).at(t));
  }

  private static List<String> kinds(List<Transition> ts) {
    List<String> out = new ArrayList<>();
    for (Transition t : ts) {
      out.add(t.kind() + " " + t.alert().severity());
    }
    return out;
  }

  @Test
  void threshold_isPendingFirst_firesOnlyOnceItsForDurationHeld_andKeepsItsId() {
    AlertEngine e = engine("threshold process.memory.usage warning=80% critical=90% for=5m");
    List<Transition> first = rss(e, T0, 850);
    assertThat(kinds(first)).containsExactly("PENDING WARNING");
    assertThat(first.get(0).delivered()).isFalse();
    String id = first.get(0).alert().id();
    assertThat(id).isEqualTo("threshold:process.memory.usage:process.memory.usage:" + T0);
    for (int m = 1; m < 5; m++) {
      assertThat(rss(e, T0 + m * MIN, 850)).as("minute %d", m).isEmpty();
    }
    assertThat(e.active())
        .singleElement()
        .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.PENDING));
    List<Transition> fired = rss(e, T0 + 5 * MIN, 850);
    assertThat(kinds(fired)).containsExactly("FIRING WARNING");
    Alert a = fired.get(0).alert();
    assertThat(a.id()).isEqualTo(id);
    assertThat(a.since()).isEqualTo(T0);
    assertThat(a.firingSince()).isEqualTo(T0 + 5 * MIN);
    assertThat(a.value()).isEqualTo(850);
    assertThat(a.threshold()).isEqualTo(800);
    assertThat(a.evidence())
        .contains("85.0 % of the 1000 B limit")
        .contains("limit")
        .contains("warning above");
    // De-duplicated: the same condition again reports nothing.
    assertThat(rss(e, T0 + 6 * MIN, 860)).isEmpty();
    assertThat(e.firingCounts()).containsEntry("threshold:process.memory.usage|WARNING", 1L);
  }

  @Test
  void threshold_hysteresis_leavingALevelNeedsTheValueFivePercentBelowIt() {
    AlertEngine e = engine("threshold process.memory.usage warning=80% critical=90% for=0s");
    assertThat(kinds(rss(e, T0, 950))).containsExactly("PENDING CRITICAL", "FIRING CRITICAL");
    assertThat(rss(e, T0 + MIN, 880)).as("880 > 900 × 0.95: still critical").isEmpty();
    assertThat(kinds(rss(e, T0 + 2 * MIN, 850))).containsExactly("SEVERITY_CHANGED WARNING");
    assertThat(rss(e, T0 + 3 * MIN, 790)).as("790 > 800 × 0.95: still warning").isEmpty();
    assertThat(rss(e, T0 + 4 * MIN, 805)).as("back above 800: nothing new").isEmpty();
    List<Transition> resolved = rss(e, T0 + 5 * MIN, 750);
    assertThat(kinds(resolved)).containsExactly("RESOLVED WARNING");
    Alert r = resolved.get(0).alert();
    assertThat(r.state()).isEqualTo(AlertState.RESOLVED);
    assertThat(r.resolvedAt()).isEqualTo(T0 + 5 * MIN);
    assertThat(r.id()).endsWith(":" + T0);
    assertThat(e.active()).isEmpty();
    assertThat(e.recent()).containsExactly(r);
    // A new breach is a new alert with a new id.
    List<Transition> again = rss(e, T0 + 6 * MIN, 950);
    assertThat(again.get(0).alert().id()).endsWith(":" + (T0 + 6 * MIN));
  }

  @Test
  void aConditionThatClearsWhilePending_isCancelled_neverDelivered_andNotKeptAsRecent() {
    AlertEngine e = engine("threshold process.memory.usage warning=80% for=5m");
    rss(e, T0, 850);
    List<Transition> t = rss(e, T0 + 2 * MIN, 500);
    assertThat(kinds(t)).containsExactly("CANCELLED WARNING");
    assertThat(t.get(0).delivered()).isFalse();
    assertThat(e.active()).isEmpty();
    assertThat(e.recent()).isEmpty();
  }

  @Test
  void relativeThresholds_needALimit_absoluteOnesDoNot() {
    AlertEngine e =
        engine(
            "threshold process.memory.usage warning=80%\n"
                + "threshold jvm.thread.count warning=500 for=0s");
    List<Transition> t =
        e.evaluate(cycle().indicator(Indicator.RSS, 9e9).indicator(Indicator.THREADS, 600).at(T0));
    assertThat(t)
        .extracting(x -> x.alert().series())
        .containsExactly("jvm.thread.count", "jvm.thread.count");
    assertThat(e.active())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlertState.FIRING);
              assertThat(a.threshold()).isEqualTo(500);
            });
  }

  @Test
  void cpu_isJudgedOnItsMeanOverTheWindow_notOnOneBusySample() {
    AlertEngine e = engine("threshold process.cpu.utilization warning=70% window=5m for=0s");
    for (int m = 0; m < 4; m++) {
      e.evaluate(cycle().indicator(Indicator.CPU, 0.5).at(T0 + m * MIN));
    }
    assertThat(e.evaluate(cycle().indicator(Indicator.CPU, 1.0).at(T0 + 4 * MIN)))
        .as("mean of 0.5 ×4 and 1.0 = 0.6")
        .isEmpty();
    assertThat(kinds(e.evaluate(cycle().indicator(Indicator.CPU, 1.0).at(T0 + 5 * MIN))))
        .as("mean of 0.5 ×3 and 1.0 ×2 = 0.7 is not above; the oldest fell out: 0.5 ×3, 1.0 ×2")
        .isEmpty();
    assertThat(kinds(e.evaluate(cycle().indicator(Indicator.CPU, 1.0).at(T0 + 6 * MIN))))
        .containsExactly("PENDING WARNING", "FIRING WARNING");
    assertThat(e.active().get(0).value()).isEqualTo(0.8);
  }

  @Test
  void latency_defaultsApplyEverywhere_butAMoreSpecificUserRuleOverridesThem_andOffSilences() {
    AlertRules.Parsed user =
        AlertRules.parse(
            "latency shop.Batch#* p99 warning=30s for=0s\nlatency shop.Legacy#* off", "test");
    List<Rule> rules = new ArrayList<>(user.rules());
    rules.addAll(
        AlertRules.parse("latency * p99 warning=500ms critical=1s min-calls=20 for=0s", "test")
            .rules());
    AlertEngine e = AlertEngine.of(rules);
    List<Transition> t =
        e.evaluate(
            cycle()
                .method("shop.Batch.run", 0, calls(100, 2_000_000_000L))
                .method("shop.Legacy.call", 0, calls(100, 2_000_000_000L))
                .method("shop.Orders.place", 0, calls(100, 2_000_000_000L))
                .method("shop.Rare.call", 0, calls(5, 2_000_000_000L))
                .at(T0));
    assertThat(t)
        .extracting(x -> x.kind() + " " + x.alert().series() + " " + x.alert().severity())
        .containsExactly("PENDING shop.Orders.place CRITICAL", "FIRING shop.Orders.place CRITICAL");
    assertThat(t.get(1).alert().evidence()).contains("p99").contains("over 100 calls");
  }

  @Test
  void errors_countOnlyAboveTheMinimumCalls_overTheWindow() {
    AlertEngine e = engine("errors * warning=0.1% critical=1% min-calls=100 window=5m");
    assertThat(e.evaluate(cycle().method("m", 5, calls(50, 1000)).at(T0))).isEmpty();
    List<Transition> t = e.evaluate(cycle().method("m", 0, calls(50, 1000)).at(T0 + MIN));
    assertThat(kinds(t)).containsExactly("PENDING CRITICAL", "FIRING CRITICAL");
    assertThat(t.get(1).alert().value()).isEqualTo(0.05);
    assertThat(t.get(1).alert().evidence()).contains("failed 5 of 100 calls");
    // Five minutes later the failures are out of the window.
    for (int m = 2; m <= 4; m++) {
      assertThat(e.evaluate(cycle().method("m", 0, calls(50, 1000)).at(T0 + m * MIN))).isEmpty();
    }
    assertThat(kinds(e.evaluate(cycle().method("m", 0, calls(50, 1000)).at(T0 + 5 * MIN))))
        .containsExactly("RESOLVED CRITICAL");
  }

  @Test
  void anomalies_becomeAlertsAtTheirSeverity_andResolveWhenTheAnalysisClosesThem() {
    AlertEngine e = engine("anomaly * for=0s");
    Finding leak =
        Finding.builder(FindingKind.LEAK, "jvm.memory.used_after_last_gc")
            .severity(Severity.CRITICAL)
            .timestamp(T0)
            .since(T0 - 30 * MIN)
            .value(5e7)
            .evidence("heap after GC rising 48 MB/h")
            .build();
    Finding info =
        Finding.builder(FindingKind.OUTLIER, "m")
            .severity(Severity.INFO)
            .timestamp(T0)
            .evidence("one spike")
            .build();
    List<Transition> t = e.evaluate(cycle().anomaly(leak).anomaly(info).at(T0));
    assertThat(kinds(t)).containsExactly("PENDING CRITICAL", "FIRING CRITICAL");
    assertThat(t.get(1).alert().series()).isEqualTo("leak:jvm.memory.used_after_last_gc");
    assertThat(t.get(1).alert().evidence()).isEqualTo("heap after GC rising 48 MB/h");
    assertThat(e.evaluate(cycle().anomaly(leak).at(T0 + MIN))).isEmpty();
    assertThat(kinds(e.evaluate(cycle().at(T0 + 2 * MIN)))).containsExactly("RESOLVED CRITICAL");
  }

  @Test
  void aSeriesThatStopsSendingData_resolvesAfterTheStaleTime() {
    AlertEngine e =
        new AlertEngine(
            AlertRules.parse("latency * p99 warning=500ms min-calls=1 for=0s", "t").rules(),
            10 * MIN,
            10,
            10);
    e.evaluate(cycle().method("m", 0, calls(10, 2_000_000_000L)).at(T0));
    assertThat(e.evaluate(cycle().at(T0 + 10 * MIN))).isEmpty();
    List<Transition> t = e.evaluate(cycle().at(T0 + 11 * MIN));
    assertThat(kinds(t)).containsExactly("RESOLVED WARNING");
    assertThat(t.get(0).alert().evidence()).startsWith("no data since");
  }

  @Test
  void activeAlertsAreBounded_andTheRestCounted() {
    AlertEngine e =
        new AlertEngine(
            AlertRules.parse("latency * p99 warning=500ms min-calls=1 for=0s", "t").rules(),
            10 * MIN,
            2,
            10);
    e.evaluate(
        cycle()
            .method("a", 0, calls(1, 2_000_000_000L))
            .method("b", 0, calls(1, 2_000_000_000L))
            .method("c", 0, calls(1, 2_000_000_000L))
            .at(T0));
    assertThat(e.active()).hasSize(2);
    assertThat(e.suppressed()).isEqualTo(1);
  }

  @Test
  void aRuleThatThrows_costsOnlyItself() {
    Rule broken =
        new Rule("broken", "custom", Glob.of("*"), 0, false, "broken") {
          @Override
          void evaluate(AlertInput in, Context ctx) {
            throw new IllegalStateException("boom");
          }
        };
    List<Rule> rules = new ArrayList<>();
    rules.add(broken);
    rules.addAll(AlertRules.parse("threshold jvm.thread.count warning=10 for=0s", "t").rules());
    AlertEngine e = AlertEngine.of(rules);
    assertThat(e.evaluate(cycle().indicator(Indicator.THREADS, 20).at(T0))).hasSize(2);
    assertThat(e.ruleFailures()).isEqualTo(1);
    assertThat(e.firstRuleFailure()).isEqualTo("broken: java.lang.IllegalStateException: boom");
  }

  @Test
  void alertJson_carriesTheLifecycleFieldsAndTheSeedsAlertShape() {
    AlertEngine e = engine("threshold jvm.thread.count warning=10 for=0s name=threads");
    e.evaluate(cycle().indicator(Indicator.THREADS, 20).at(T0));
    assertThat(e.active().get(0).toJson())
        .isEqualTo(
            "{\"id\":\"threads:jvm.thread.count:"
                + T0
                + "\",\"rule\":\"threads\",\"type\":\"threshold\",\"state\":\"firing\","
                + "\"severity\":\"WARNING\",\"level\":\"WARNING\",\"metric\":\"jvm.thread.count\","
                + "\"current_value\":20,\"threshold\":10,\"unit\":\"{thread}\",\"since\":"
                + T0
                + ",\"firing_since\":"
                + T0
                + ",\"timestamp\":"
                + T0
                + ",\"description\":\"jvm.thread.count is 20.0 (warning above 10.0)\","
                + "\"evidence\":\"jvm.thread.count is 20.0 (warning above 10.0)\"}");
  }

  @Test
  void replacedRules_keepTheAlertsOfRulesKeptByName_andEndTheAlertsOfRulesRemoved() {
    AlertEngine e = engine("threshold process.memory.usage warning=80% for=1m");
    assertThat(kinds(rss(e, T0, 850))).containsExactly("PENDING WARNING");
    List<Transition> fired = rss(e, T0 + MIN, 850);
    assertThat(kinds(fired)).containsExactly("FIRING WARNING");
    String id = fired.get(0).alert().id();

    AlertRules.Parsed stricter =
        AlertRules.parse(
            "threshold process.memory.usage warning=80% critical=84% for=1m", "reload");
    assertThat(e.replaceRules(stricter.rules(), T0 + 2 * MIN)).as("kept by name").isEmpty();
    List<Transition> now = rss(e, T0 + 3 * MIN, 850);
    assertThat(kinds(now))
        .as("judged by the new definition")
        .containsExactly("SEVERITY_CHANGED CRITICAL");
    assertThat(now.get(0).alert().id()).as("the same alert goes on").isEqualTo(id);

    List<Transition> ended = e.replaceRules(List.of(), T0 + 4 * MIN);
    assertThat(kinds(ended)).containsExactly("RESOLVED CRITICAL");
    assertThat(ended.get(0).alert().evidence()).startsWith("rule removed by a reload");
    assertThat(e.active()).isEmpty();
    assertThat(e.rules()).isEmpty();
    assertThat(rss(e, T0 + 5 * MIN, 950)).as("no rule, no alert").isEmpty();
  }
}
