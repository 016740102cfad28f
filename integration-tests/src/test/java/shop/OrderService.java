package shop;

import io.perfagent.annotation.Measured;

public class OrderService {

  /** Returns 1000 + n after a short sleep; every fifth order is rejected. */
  @Measured
  public int place(int n) throws InterruptedException {
    Thread.sleep(OrderApp.SLEEP_MILLIS);
    if (n % 5 == 0) {
      throw new IllegalArgumentException("order " + n + " rejected");
    }
    return 1000 + n;
  }
}
