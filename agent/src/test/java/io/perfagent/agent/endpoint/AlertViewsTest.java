package io.perfagent.agent.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfagent.core.alert.AlertEngine;
import io.perfagent.core.alert.AlertInput;
import io.perfagent.core.alert.AlertRules;
import io.perfagent.core.analyze.BaselineView;
import io.perfagent.core.analyze.CycleReport;
import io.perfagent.core.analyze.Indicator;
import io.perfagent.core.analyze.IndicatorResult;
import io.perfagent.core.analyze.Level;
import io.perfagent.core.json.Json;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertViewsTest {

  private static final long T0 = 1_764_000_000_000L;

  private static AlertInput threads(long t, double value) {
    CycleReport r =
        CycleReport.of(
            t,
            60,
            Collections.emptyList(),
            Collections.singletonList(
                IndicatorResult.of(
                    Indicator.THREADS, value, BaselineView.EMPTY, Double.NaN, Level.NORMAL)),
            Level.NORMAL,
            Collections.emptyList());
    return new AlertInput(t, r, null, null);
  }

  @Test
  @SuppressWarnings("unchecked")
  void alerts_listTheActiveOnesFirst_thenTheRecentlyResolved_withTheirLifecycle() {
    AlertEngine e =
        AlertEngine.of(
            AlertRules.parse(
                    "threshold jvm.thread.count warning=100 for=0s name=threads\n"
                        + "threshold jvm.thread.count critical=200 for=0s name=many",
                    "t")
                .rules());
    e.evaluate(threads(T0, 150));
    e.evaluate(threads(T0 + 60_000, 50));
    e.evaluate(threads(T0 + 120_000, 120));
    List<Object> list = (List<Object>) Json.parse(Views.alerts(e.active(), e.recent(), false));
    assertThat(list).hasSize(2);
    Map<String, Object> active = (Map<String, Object>) list.get(0);
    assertThat(active)
        .containsEntry("state", "firing")
        .containsEntry("rule", "threads")
        .containsEntry("level", "WARNING")
        .containsEntry("since", T0 + 120_000)
        .doesNotContainKey("resolved_at");
    Map<String, Object> resolved = (Map<String, Object>) list.get(1);
    assertThat(resolved)
        .containsEntry("state", "resolved")
        .containsEntry("since", T0)
        .containsEntry("resolved_at", T0 + 60_000);
    String csv = Views.alerts(e.active(), e.recent(), true);
    assertThat(csv.split("\n")).hasSize(3);
    assertThat(csv).startsWith("id,rule,state,severity,metric,");
  }
}
