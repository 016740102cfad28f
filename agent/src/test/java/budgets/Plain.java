package budgets;

import io.perfagent.annotation.Measured;

/** A measured method without any budget (MeasuredBudgetTest). */
public class Plain {

  @Measured("shop.plain")
  public int run() {
    return 5;
  }
}
