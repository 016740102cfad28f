package webapp;

import io.perfagent.annotation.Measured;

/** The web application's measured code: every fifth order is rejected. */
public final class Pricing {

  private Pricing() {}

  @Measured
  public static int price(int id) {
    if (id % 5 == 0) {
      throw new IllegalArgumentException("order " + id + " rejected");
    }
    return 100 * id;
  }
}
