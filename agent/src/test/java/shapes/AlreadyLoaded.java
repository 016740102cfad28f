package shapes;

import io.perfagent.annotation.Measured;

/** Loaded before the agent starts: measured only through retransformation. */
public class AlreadyLoaded {
  @Measured
  public int run() {
    return 7;
  }
}
