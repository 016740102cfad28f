package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import budgets.Checkout;
import budgets.Plain;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Collections;
import java.util.Map;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * {@code @Measured(budget = ...)} travels with the weaving: the selector reads the budget where it
 * reads the exported name, and the registry keeps it with the method it registers.
 */
class MeasuredBudgetTest {

  private final MethodSelector selector =
      new MethodSelector(
          ConfigLoader.load("", Collections.emptyMap(), Collections.emptyMap()).config());

  private Selection select(Class<?> type, String method) {
    for (MethodDescription m : TypeDescription.ForLoadedType.of(type).getDeclaredMethods()) {
      if (m.getName().equals(method)) {
        Selection s = selector.select(m);
        assertThat(s).as(method).isNotNull();
        return s;
      }
    }
    throw new AssertionError("no method " + method);
  }

  @Test
  void theBudget_goesWithTheExportedName_andTheTypesBudgetCoversMethodsWithoutOne() {
    Selection place = select(Checkout.class, "place");
    assertThat(place.functionName).isEqualTo("shop.checkout.place");
    assertThat(place.budget).isEqualTo("p95<200ms;errors<1%");
    Selection pay = select(Checkout.class, "pay");
    assertThat(pay.functionName).isEqualTo("budgets.Checkout.pay");
    assertThat(pay.budget).as("the type's").isEqualTo("p99<2s");
    Selection refund = select(Checkout.class, "refund");
    assertThat(refund.budget).as("selected by the type's annotation").isEqualTo("p99<2s");
    Selection run = select(Plain.class, "run");
    assertThat(run.functionName).isEqualTo("shop.plain");
    assertThat(run.budget).isEmpty();
  }

  @Test
  void theRegistry_givesTheBudgetsAfterAnIndex_eachDeclarationOnce() {
    MethodRegistry r = new MethodRegistry(10);
    r.register("a", MethodKind.TIMED, "p95<1s");
    r.register("a", MethodKind.TIMED, "p95<1s"); // retransformed
    r.register("b", MethodKind.TIMED, "");
    r.register("c", MethodKind.TIMED, "errors<1%");

    assertThat(r.budgetsFrom(0)).containsExactly(budget("a", "p95<1s"), budget("c", "errors<1%"));
    assertThat(r.budgetsFrom(1)).containsExactly(budget("c", "errors<1%"));
    assertThat(r.budgetsFrom(2)).isEmpty();
  }

  @Test
  void aMethodTheCapLeavesOut_hasNoBudget() {
    MethodRegistry r = new MethodRegistry(1);
    r.register("a", MethodKind.TIMED, "");
    assertThat(r.register("b", MethodKind.TIMED, "p95<1s")).isEqualTo(MethodRegistry.REJECTED);
    assertThat(r.budgetsFrom(0)).isEmpty();
  }

  private static Map.Entry<String, String> budget(String method, String spec) {
    return new SimpleImmutableEntry<>(method, spec);
  }
}
