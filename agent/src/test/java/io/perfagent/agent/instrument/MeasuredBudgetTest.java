package io.perfagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import budgets.Checkout;
import budgets.Plain;
import io.perfagent.agent.config.ConfigLoader;
import io.perfagent.agent.record.MethodKind;
import io.perfagent.agent.record.MethodRegistry;
import io.perfagent.bootstrap.Probe;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Collections;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Measured(budget = ...)} travels with the weaving: the agent installed in this JVM records
 * each woven method's budget in the registry under its exported name, custom names included, as
 * soon as the class is woven (no call needed).
 */
class MeasuredBudgetTest {

  private static MethodRegistry registry;
  private static Instrumenter instrumenter;

  @BeforeAll
  static void installAgent() throws Exception {
    registry = new MethodRegistry(1000);
    Probe.install(registry);
    instrumenter =
        Instrumenter.register(
            ByteBuddyAgent.install(),
            ConfigLoader.load("", Collections.emptyMap(), Collections.emptyMap()).config(),
            registry);
    instrumenter.activate();
  }

  @AfterAll
  static void removeAgent() {
    instrumenter.remove();
    Probe.install(null);
  }

  @Test
  void wovenBudgets_areRecordedUnderTheExportedName_withTheTypesBudgetForMethodsWithoutOne() {
    new Checkout(); // loads and weaves the class; no measured method is called
    new Plain();

    assertThat(registry.budgetsFrom(0))
        .containsExactlyInAnyOrder(
            budget("shop.checkout.place", "p95<200ms;errors<1%"),
            budget("budgets.Checkout.pay", "p99<2s"),
            budget("budgets.Checkout.refund", "p99<2s"));
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
