package recursion;

import io.perfagent.annotation.Measured;

/** A recursion a copy must not take: a subclass may override the method it calls. */
public class Open {

  @Measured
  public int down(int n) {
    return n == 0 ? 0 : down(n - 1) + 1;
  }
}
