package shapes;

import io.perfagent.annotation.Measured;

public interface WithDefault {
  @Measured
  default String greet() {
    return "hi";
  }

  /** Implements nothing itself: calls land in the interface's default method. */
  class Impl implements WithDefault {}
}
