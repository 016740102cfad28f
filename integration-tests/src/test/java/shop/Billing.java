package shop;

import io.micrometer.core.annotation.Counted;
import io.micrometer.core.annotation.Timed;

public class Billing {

  @Timed("billing.charge")
  public long charge(int n) {
    return n * 100L;
  }

  @Counted
  public void audit() {}
}
