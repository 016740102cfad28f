package recursion;

import io.perfagent.annotation.Measured;

/** A recursion loaded only by the test that turns recursion copies off. */
public final class Uncopied {

  private Uncopied() {}

  @Measured
  public static int down(int n) {
    return n == 0 ? 0 : down(n - 1) + 1;
  }
}
