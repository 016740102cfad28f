package fault.plugin;

import io.perfagent.annotation.Measured;

/** Loaded by a class loader of its own, a thousand times over, by {@code fault.LoaderChurn}. */
public class Churned {
  @Measured
  public int work(int n) {
    return n + 1;
  }
}
