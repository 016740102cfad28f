package shapes;

import io.perfagent.annotation.Measured;

/** Defined by a child-first class loader in the tests. */
public class ChildFirstTarget {
  @Measured
  public String run() {
    return getClass().getClassLoader().getClass().getSimpleName();
  }
}
