package budgets;

import io.perfagent.annotation.Measured;

/** Budgets on methods and on the type, read by the weaver (MeasuredBudgetTest). */
@Measured(budget = "p99<2s")
public class Checkout {

  /** Custom name and budget: the budget goes with the exported name. */
  @Measured(value = "shop.checkout.place", budget = "p95<200ms;errors<1%")
  public int place() {
    return 1;
  }

  /** No budget of its own: the type's applies. */
  @Measured
  int pay() {
    return 2;
  }

  /** Selected through the type's annotation, with the type's budget. */
  public int refund() {
    return 3;
  }
}
