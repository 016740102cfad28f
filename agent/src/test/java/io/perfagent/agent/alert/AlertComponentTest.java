package io.perfagent.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.agent.config.AgentConfig;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.store.StateDir;
import io.perfagent.api.AlertEvent;
import io.perfagent.api.AlertListener;
import io.perfagent.api.PerfAlerts;
import io.perfagent.core.alert.Alert;
import io.perfagent.core.alert.AlertEngine;
import io.perfagent.core.alert.AlertInput;
import io.perfagent.core.alert.AlertRules;
import io.perfagent.core.alert.Rule;
import io.perfagent.core.alert.Transition;
import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component around the engine: its one mapping to the listener API's event, and the budgets the
 * weaver declared becoming rules.
 */
class AlertComponentTest {

  private static final long T0 = 1_764_000_000_000L;

  @TempDir Path state;

  private final List<AlertEvent> events = new CopyOnWriteArrayList<>();
  private final AlertListener listener = events::add;

  @AfterEach
  void removeListener() {
    PerfAlerts.removeListener(listener);
  }

  private static AgentConfig config(String rules) {
    return ConfigLoader.load(
            "perf.alert.defaults=false,perf.alert.rules=" + rules,
            Collections.emptyMap(),
            Collections.emptyMap())
        .config();
  }

  private static CycleReport threads(long t, double value) {
    return CycleReport.of(
        t,
        60,
        Collections.emptyList(),
        Collections.singletonList(
            IndicatorResult.of(
                Indicator.THREADS, value, BaselineView.EMPTY, Double.NaN, Level.NORMAL)),
        Level.NORMAL,
        Collections.emptyList());
  }

  private static List<String> names(AlertComponent c) {
    List<String> out = new ArrayList<>();
    for (Rule r : c.engine().rules()) {
      out.add(r.name());
    }
    return out;
  }

  @Test
  void theListenersEvent_carriesEveryFieldOfTheAlert_stampedWhenItFired_thenWhenItResolved() {
    AlertEngine e =
        AlertEngine.of(
            AlertRules.parse("threshold jvm.thread.count warning=100 for=0s name=threads", "t")
                .rules());
    List<Transition> fired = e.evaluate(new AlertInput(T0, threads(T0, 150), null, null));
    Alert firing = fired.get(fired.size() - 1).alert();

    AlertEvent event = AlertComponent.event(firing);

    assertThat(event.id()).isEqualTo(firing.id()).isEqualTo("threads:jvm.thread.count:" + T0);
    assertThat(event.rule()).isEqualTo("threads");
    assertThat(event.metric()).isEqualTo("jvm.thread.count");
    assertThat(event.state()).isEqualTo("firing");
    assertThat(event.severity()).isEqualTo("WARNING");
    assertThat(event.value()).isEqualTo(150.0);
    assertThat(event.threshold()).isEqualTo(100.0);
    assertThat(event.unit()).isEqualTo(firing.unit());
    assertThat(event.since()).isEqualTo(T0);
    assertThat(event.timestamp()).isEqualTo(T0);
    assertThat(event.evidence()).isEqualTo(firing.evidence()).isNotEmpty();

    List<Transition> resolved =
        e.evaluate(new AlertInput(T0 + 60_000, threads(T0 + 60_000, 50), null, null));
    AlertEvent end = AlertComponent.event(resolved.get(0).alert());
    assertThat(end.state()).isEqualTo("resolved");
    assertThat(end.id()).isEqualTo(event.id());
    assertThat(end.timestamp()).as("the resolve time").isEqualTo(T0 + 60_000);
    assertThat(end.value()).isEqualTo(50.0);
  }

  @Test
  void declaredBudgets_becomeRulesAtTheNextCycle_eachOnce_andABadOneIsLeftOut() {
    List<Map.Entry<String, String>> declared = new CopyOnWriteArrayList<>();
    declared.add(new SimpleImmutableEntry<>("shop.checkout", "p95<5ms; errors<1%"));
    declared.add(new SimpleImmutableEntry<>("shop.bad", "p95<soon"));
    try (StateDir dir = StateDir.open(state.toString(), "alert-component-test")) {
      AlertComponent c =
          AlertComponent.create(
              config("threshold jvm.thread.count warning=100 for=0s name=threads"),
              dir,
              "svc",
              "pid-1",
              () -> -1L,
              from ->
                  new ArrayList<>(
                      declared.subList(Math.min(from, declared.size()), declared.size())));
      PerfAlerts.addListener(listener);

      c.cycle(threads(T0, 150), Collections.emptyList());
      assertThat(names(c))
          .containsExactly(
              "threads", "budget:shop.checkout:p95<5ms", "budget:shop.checkout:errors<1%");
      assertThat(events).singleElement().satisfies(e -> assertThat(e.rule()).isEqualTo("threads"));
      declared.add(new SimpleImmutableEntry<>("shop.lookup", "p95<1s"));
      c.cycle(threads(T0 + 60_000, 150), Collections.emptyList());
      assertThat(names(c))
          .containsExactly(
              "threads",
              "budget:shop.checkout:p95<5ms",
              "budget:shop.checkout:errors<1%",
              "budget:shop.lookup:p95<1s");
      c.close();
    }
  }
}
