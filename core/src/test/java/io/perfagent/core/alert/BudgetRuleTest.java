package io.perfagent.core.alert;

import static io.perfagent.core.alert.Cycles.calls;
import static io.perfagent.core.alert.Cycles.cycle;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SLO budgets: bad calls counted from buckets, and the multi-window burn rates over a fake clock.
 */
class BudgetRuleTest {

  private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000;
  private static final long MIN = 60_000;
  private static final long FAST = 100_000_000L; // 100 ms
  private static final long SLOW = 250_000_000L; // 250 ms, over a 200 ms budget

  private static AlertEngine budget(String spec) {
    return AlertEngine.of(AlertRules.parse("budget shop.Orders#place " + spec, "t").rules());
  }

  private static List<String> step(AlertEngine e, long t, long fast, long slow) {
    List<String> out = new ArrayList<>();
    for (Transition x :
        e.evaluate(
            cycle().method("shop.Orders.place", 0, calls(fast, FAST), calls(slow, SLOW)).at(t))) {
      out.add(x.kind() + " " + x.alert().severity());
    }
    return out;
  }

  @Test
  void slowCallsAreCountedExactly_exactlyTheAllowedShareIsNoBurn_oneMoreIs() {
    AlertEngine atBudget = budget("p95<200ms");
    assertThat(step(atBudget, T0, 950, 50)).as("5 %% slow is burn 1.0, not above 1").isEmpty();
    AlertEngine over = budget("p95<200ms");
    assertThat(step(over, T0, 949, 51)).containsExactly("PENDING WARNING", "FIRING WARNING");
    assertThat(over.active().get(0).value())
        .isCloseTo(1.02, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(over.active().get(0).evidence())
        .contains("51 of 1000 calls slower than")
        .contains("(5.00 % allowed)");
  }

  @Test
  void aFastBurnPages_atOnce_thenStepsDownThroughTheSlowerPairs_andResolves() {
    AlertEngine e = budget("p95<200ms");
    // Ten minutes in which every call is slow: burn 20× over every window.
    assertThat(step(e, T0, 0, 1000)).containsExactly("PENDING CRITICAL", "FIRING CRITICAL");
    for (int m = 1; m < 10; m++) {
      assertThat(step(e, T0 + m * MIN, 0, 1000)).isEmpty();
    }
    String page = e.active().get(0).evidence();
    assertThat(page).contains("over 1h").contains("over 5m").contains("critical above 14.4×");
    // Then only fast calls. The 1 h / 5 min pair clears within minutes, but 6 h / 30 min still
    // burns above 6× until the slow minutes are a tenth... of the 30 minutes: at minute 30.
    List<String> changes = new ArrayList<>();
    long resolvedAt = -1;
    for (int m = 10; m < 300 && resolvedAt < 0; m++) {
      for (String c : step(e, T0 + m * MIN, 1000, 0)) {
        changes.add(m + " " + c);
        if (c.startsWith("RESOLVED")) {
          resolvedAt = m;
        }
      }
    }
    // Minute 30: 30 min window holds minutes 1..30 → 9 slow of 30 = 30 % = 6.0×, not above 6.
    // Then warning (3 d and 6 h above 1×) until 6 h holds 200 minutes: 10/200 = 5 % = 1.0×.
    assertThat(changes).containsExactly("30 SEVERITY_CHANGED WARNING", "199 RESOLVED WARNING");
  }

  @Test
  void errorBudgets_burnOnFailedCalls() {
    AlertEngine e = AlertEngine.of(AlertRules.parse("budget * errors<0.1%", "t").rules());
    List<Transition> t = e.evaluate(cycle().method("m", 20, calls(1000, FAST)).at(T0));
    assertThat(t)
        .extracting(x -> x.kind() + " " + x.alert().severity())
        .containsExactly("PENDING CRITICAL", "FIRING CRITICAL");
    assertThat(t.get(1).alert().value()).isEqualTo(20.0);
  }

  @Test
  void annotationBudgets_areRulesForExactlyThatMethod() {
    Rule r = AlertRules.budget("shop.Orders.place", "p99<1s");
    assertThat(r.name()).isEqualTo("budget:shop.Orders.place:p99<1s");
    assertThat(r.matches("shop.Orders.place")).isTrue();
    assertThat(r.matches("shop.Orders.placeAll")).isFalse();
  }

  @Test
  void windowCounter_readsWindowsAtSlotResolution_andForgetsWhatFellOut() {
    WindowCounter w = new WindowCounter(MIN, 5);
    w.add(T0, 10, 1);
    w.add(T0 + MIN, 10, 2);
    w.add(T0 + 30_000, 5, 0);
    assertThat(w.sum(T0 + MIN, 2 * MIN)).containsExactly(25, 3);
    assertThat(w.sum(T0 + MIN, MIN)).containsExactly(10, 2);
    w.add(T0 + 5 * MIN, 1, 1); // reuses the ring slot of T0
    assertThat(w.sum(T0 + 5 * MIN, 10 * MIN)).containsExactly(11, 3);
  }
}
