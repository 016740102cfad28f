package fault;

import io.perfagent.annotation.Measured;

/** The measured unit of work of the fault-suite applications. */
public final class Work {
  private Work() {}

  /** Returns {@code 2n + 1}; pure, so a run's checksum shows that nothing changed it. */
  @Measured
  public static long step(long n) {
    return 2 * n + 1;
  }
}
